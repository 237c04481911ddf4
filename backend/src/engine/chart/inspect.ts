// inspectChart: read a chart package the way Helm's loader would accept it, safely.
import { ChartError } from '../errors.js';
import { collect, readChartArchive } from './archive.js';
import { MetadataDraft } from './chart-yaml.js';
import { resolveLimits, type ChartLimits } from './limits.js';
import type { InspectedChart, PackageEntry } from './types.js';

/**
 * Reads a chart .tgz: gzip + tar under one top-level directory, with a valid Chart.yaml at its
 * root. Refuses unsafe entries and stops at the first limit reached. Throws ChartError.
 */
export async function inspectChart(bytes: Buffer, limits?: Partial<ChartLimits>): Promise<InspectedChart> {
  const draft = new MetadataDraft();
  const entries: PackageEntry[] = [];
  // Helm reads requirements.yaml (Helm 2 dependencies) into the same metadata, after Chart.yaml.
  const requirements: { name: string; content: Buffer }[] = [];
  let chartYamlName = 'Chart.yaml';
  const summary = await readChartArchive(bytes, resolveLimits(limits), (entry, data) => {
    if (entry.kind !== 'file') return;
    entries.push({ path: entry.name, size: entry.size });
    if (entry.path === 'Chart.yaml') {
      chartYamlName = entry.name;
      collect(data, (content) => {
        draft.apply(content, entry.name);
      });
    } else if (entry.path === 'requirements.yaml') {
      collect(data, (content) => requirements.push({ name: entry.name, content }));
    }
  });
  if (!draft.hasChartYaml) {
    throw new ChartError(
      `chart package has no Chart.yaml in its top-level directory ${JSON.stringify(summary.root)}`,
    );
  }
  for (const file of requirements) draft.apply(file.content, file.name);
  return { metadata: draft.finish(chartYamlName), entries, unpackedBytes: summary.unpackedBytes };
}
