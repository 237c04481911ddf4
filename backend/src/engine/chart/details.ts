// What a chart package shows before it is imported: its Chart.yaml, README and values.yaml (each
// read up to a bound while the archive streams), and whether it has a values schema. One pass
// over the package, with the same safety checks and limits as inspectChart.
import type { ReadEntry } from 'tar';

import type { ArchiveEntry } from './archive.js';
import { readChart } from './inspect.js';
import type { ChartLimits } from './limits.js';
import type { BoundedText, PackageDetails } from './types.js';

/** Default bound of the README and of values.yaml: enough for the largest charts' files we know. */
export const DEFAULT_MAX_TEXT_BYTES = 256 * 1024;

/**
 * The names `helm show readme` looks for, in this order for each file (Helm v3 pkg/action/show.go,
 * readmeFileNames and findReadme: compared case-insensitively with each file's path, so at the
 * chart's root only; the first file in package order that matches one wins).
 */
const README_NAMES: readonly string[] = ['readme.md', 'readme.txt', 'readme'];

export interface DetailsOptions {
  /** Bytes of the README and of values.yaml kept, each. Default 256 KiB. */
  maxTextBytes?: number;
  limits?: Partial<ChartLimits>;
}

/** Reads a chart package's details. Throws ChartError like inspectChart. */
export async function readPackageDetails(
  bytes: Buffer,
  options: DetailsOptions = {},
): Promise<PackageDetails> {
  const maxBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new RangeError(`maxTextBytes must be a non-negative integer, got ${String(maxBytes)}`);
  let readme: BoundedText | undefined;
  let values: BoundedText | undefined;
  let hasValuesSchema = false;
  const { metadata, draft } = await readChart(bytes, options.limits, (entry, data) => {
    if (entry.path === 'values.yaml') {
      // Helm's loader keeps the last values.yaml of a package; so does this.
      collectBounded(entry, data, maxBytes, (text) => (values = text));
    } else if (entry.path === 'values.schema.json') {
      hasValuesSchema = true;
    } else if (readme === undefined && README_NAMES.includes(entry.path.toLowerCase())) {
      collectBounded(entry, data, maxBytes, (text) => (readme = text));
    }
  });
  return {
    metadata: { ...metadata, ...draft.detailFields() },
    ...(readme ? { readme } : {}),
    ...(values ? { values } : {}),
    hasValuesSchema,
  };
}

/** Keeps the first `maxBytes` of an entry's data as text; the rest streams past unkept. */
function collectBounded(
  entry: ArchiveEntry,
  data: ReadEntry,
  maxBytes: number,
  done: (text: BoundedText) => void,
): void {
  const parts: Buffer[] = [];
  let kept = 0;
  data.on('data', (chunk: Buffer) => {
    if (kept >= maxBytes) return;
    const part = chunk.subarray(0, maxBytes - kept);
    parts.push(part);
    kept += part.length;
  });
  data.on('end', () => {
    const truncated = entry.size > kept;
    // stream: true holds back a multi-byte character cut at the bound instead of mangling it; a
    // byte order mark is dropped.
    const content = new TextDecoder().decode(Buffer.concat(parts), { stream: truncated });
    done({ path: entry.path, content, size: entry.size, truncated });
  });
}
