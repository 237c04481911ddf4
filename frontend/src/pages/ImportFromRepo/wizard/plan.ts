// The review step's numbers: what the import will create, skip and maybe fail, and what lands in
// etcd, from a preview made with the chosen options, charts and sizes 'selected'.
import type { PreviewVersion, RepoPreview } from '../../../api';

/** Above this many versions to upload the engine warns about etcd space; so does the review. */
export const LARGE_PLAN_VERSIONS = 200;

export interface PlanChart {
  name: string;
  /** Versions to upload (new, or a draft to finish), newest first. */
  create: string[];
  /** Selected versions already in the store: skipped. */
  exists: number;
  /** Known bytes of the versions to upload. */
  bytes: number;
  unknownSizes: number;
  /** Versions to upload over the store's package limit: slimmed, may fail. */
  overLimit: number;
  category?: string;
}

export interface PlanSummary {
  /** Charts with at least one selected version, by name. */
  charts: PlanChart[];
  chartsToImport: number;
  versionsToCreate: number;
  versionsExisting: number;
  bytesToCreate: number;
  unknownSizes: number;
  overLimit: number;
  packageLimitBytes: number;
  large: boolean;
}

const uploads = (version: PreviewVersion): boolean =>
  version.action === 'create' || version.action === 'resume';

export function planSummary(preview: RepoPreview): PlanSummary {
  const charts: PlanChart[] = [];
  for (const chart of preview.charts) {
    const chosen = chart.versions.filter((version) => version.action !== 'skip');
    if (chosen.length === 0) continue;
    const create = chosen.filter(uploads);
    charts.push({
      name: chart.name,
      create: create.map((version) => version.version),
      exists: chosen.length - create.length,
      bytes: create.reduce((sum, version) => sum + (version.size ?? 0), 0),
      unknownSizes: create.filter((version) => version.size === undefined).length,
      overLimit: create.filter((version) => version.overLimit === true).length,
      category: chart.category,
    });
  }
  const versionsToCreate = charts.reduce((sum, chart) => sum + chart.create.length, 0);
  return {
    charts,
    chartsToImport: charts.filter((chart) => chart.create.length > 0).length,
    versionsToCreate,
    versionsExisting: charts.reduce((sum, chart) => sum + chart.exists, 0),
    bytesToCreate: preview.totals.bytesToCreate,
    unknownSizes: preview.totals.unknownSizes,
    overLimit: preview.totals.overLimit,
    packageLimitBytes: preview.packageLimitBytes,
    large: versionsToCreate > LARGE_PLAN_VERSIONS,
  };
}
