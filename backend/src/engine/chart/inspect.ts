// inspectChart: read a chart package the way Helm's loader would accept it, safely.
import { say } from '../messages/index.js';
import { ChartError } from '../errors.js';
import { collect, readChartArchive, type EntryHandler } from './archive.js';
import { MetadataDraft } from './chart-yaml.js';
import { resolveLimits, type ChartLimits } from './limits.js';
import type { ChartMetadata, InspectedChart, PackageEntry } from './types.js';

/**
 * Reads a chart .tgz: gzip + tar under one top-level directory, with a valid Chart.yaml at its
 * root. Refuses unsafe entries and stops at the first limit reached. Throws ChartError.
 */
export async function inspectChart(bytes: Buffer, limits?: Partial<ChartLimits>): Promise<InspectedChart> {
  const { metadata, entries, unpackedBytes } = await readChart(bytes, limits);
  return { metadata, entries, unpackedBytes };
}

/** What readChart reads: the inspected chart and the draft its metadata came from. */
export interface ReadChart extends InspectedChart {
  draft: MetadataDraft;
}

/**
 * inspectChart, with `onEntry` also called at each regular file (after the checks), so a
 * caller can keep what else it needs of the package in the same single pass.
 */
export async function readChart(
  bytes: Buffer,
  limits?: Partial<ChartLimits>,
  onEntry?: EntryHandler,
): Promise<ReadChart> {
  const draft = new MetadataDraft();
  const entries: PackageEntry[] = [];
  // Helm reads requirements.yaml (Helm 2 dependencies) into the same metadata, after Chart.yaml.
  const requirements: { name: string; content: Buffer }[] = [];
  let chartYamlName = 'Chart.yaml';
  let draftSeen = false;
  const summary = await readChartArchive(bytes, resolveLimits(limits), (entry, data) => {
    if (entry.kind !== 'file') return;
    entries.push({ path: entry.name, size: entry.size });
    if (entry.path === 'Chart.yaml') {
      // Helm's loader (load.go LoadFiles) decodes every Chart.yaml onto one Metadata, the last
      // field wins: which chart the package is would depend on entry order. Refused.
      if (draftSeen) {
        throw new ChartError(say('package-two-chart-yaml', { first: chartYamlName, second: entry.name }));
      }
      draftSeen = true;
      chartYamlName = entry.name;
      collect(data, (content) => {
        draft.apply(content, entry.name);
      });
    } else if (entry.path === 'requirements.yaml') {
      collect(data, (content) => requirements.push({ name: entry.name, content }));
    } else onEntry?.(entry, data);
  });
  if (!draft.hasChartYaml) {
    throw new ChartError(say('package-no-chart-yaml', { root: summary.root }));
  }
  for (const file of requirements) draft.apply(file.content, file.name);
  return { metadata: draft.finish(chartYamlName), entries, unpackedBytes: summary.unpackedBytes, draft };
}

/**
 * Refuses a package that is not the chart version its index entry names. The report, re-runs
 * and the store's app all key on the entry's name and version, while KubeSphere stores what the
 * package's Chart.yaml says: a package naming another chart or version would land elsewhere.
 */
export function checkPackageIdentity(
  metadata: ChartMetadata,
  expected: { name: string; version: string },
): void {
  if (metadata.name === expected.name && metadata.version === expected.version) return;
  throw new ChartError(
    say('package-identity-mismatch', {
      packageName: metadata.name,
      packageVersion: metadata.version,
      indexName: expected.name,
      indexVersion: expected.version,
    }),
  );
}
