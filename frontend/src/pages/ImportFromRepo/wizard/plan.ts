// The review step's numbers: what the import will create, skip and maybe fail, and what lands in
// etcd, from a preview made with the chosen options, charts and sizes 'selected'.
import type { CategorySource, PreviewVersion, RepoPreview } from '../../../api';

/**
 * The most one package can add to the store's storage: a package over the store's limit is slimmed
 * to fit under it, or fails and adds nothing. `limit` 0: no limit (the store keeps packages in S3).
 */
export function storedAtMost(size: number, limit: number): number {
  return limit > 0 ? Math.min(size, limit) : size;
}

/** Above this many versions to upload the engine warns about etcd space; so does the review. */
export const LARGE_PLAN_VERSIONS = 200;

export interface PlanChart {
  name: string;
  /** Versions to upload (new, or a draft to finish), newest first. */
  create: string[];
  /** Selected versions already in the store: skipped. */
  exists: number;
  /** Known package bytes of the versions to upload. */
  bytes: number;
  /** What they add to the store's storage at most (slimmed to the limit, or failing). */
  storedBytes: number;
  unknownSizes: number;
  /** Versions to upload over the store's package limit: slimmed, may fail. */
  overLimit: number;
  category?: string;
  categorySource?: CategorySource;
  /** The store has no app for the chart yet: the import creates it. */
  newApp: boolean;
  /** The app uploaded by hand the chart goes to, adopted by this import; absent otherwise. */
  adopts?: string;
}

export interface PlanSummary {
  /** Charts with at least one selected version, by name. */
  charts: PlanChart[];
  chartsToImport: number;
  /** Charts with versions to upload whose app the store does not have yet. */
  appsToCreate: number;
  versionsToCreate: number;
  versionsExisting: number;
  /** Known package bytes of the versions to upload. */
  bytesToCreate: number;
  /** What they add to the store's storage at most: etcd, unless `packageLimitBytes` is 0 (S3). */
  storedBytes: number;
  /** Versions to upload whose size the repository did not say: in no byte count. */
  unknownSizes: number;
  overLimit: number;
  /** The store's package limit; 0 when it keeps packages in S3 and has none. */
  packageLimitBytes: number;
  /** So many versions that etcd's space is at risk (packages in S3 are not). */
  large: boolean;
}

const uploads = (version: PreviewVersion): boolean =>
  version.action === 'create' || version.action === 'resume';

const total = (charts: readonly PlanChart[], count: (chart: PlanChart) => number): number =>
  charts.reduce((sum, chart) => sum + count(chart), 0);

export function planSummary(preview: RepoPreview): PlanSummary {
  const limit = preview.packageLimitBytes;
  const charts: PlanChart[] = [];
  for (const chart of preview.charts) {
    const chosen = chart.versions.filter((version) => version.action !== 'skip');
    if (chosen.length === 0) continue;
    const create = chosen.filter(uploads);
    const sizes = create.flatMap((version) => (version.size === undefined ? [] : [version.size]));
    charts.push({
      name: chart.name,
      create: create.map((version) => version.version),
      exists: chosen.length - create.length,
      bytes: sizes.reduce((sum, size) => sum + size, 0),
      storedBytes: sizes.reduce((sum, size) => sum + storedAtMost(size, limit), 0),
      unknownSizes: create.length - sizes.length,
      overLimit: create.filter((version) => version.overLimit === true).length,
      category: chart.category,
      categorySource: chart.categorySource,
      newApp: chart.appState === undefined,
      ...(chart.adoption === 'adopted' ? { adopts: chart.app } : {}),
    });
  }
  const versionsToCreate = total(charts, (chart) => chart.create.length);
  return {
    charts,
    chartsToImport: charts.filter((chart) => chart.create.length > 0).length,
    appsToCreate: charts.filter((chart) => chart.newApp && chart.create.length > 0).length,
    versionsToCreate,
    versionsExisting: total(charts, (chart) => chart.exists),
    bytesToCreate: total(charts, (chart) => chart.bytes),
    storedBytes: total(charts, (chart) => chart.storedBytes),
    unknownSizes: total(charts, (chart) => chart.unknownSizes),
    overLimit: total(charts, (chart) => chart.overLimit),
    packageLimitBytes: limit,
    large: limit > 0 && versionsToCreate > LARGE_PLAN_VERSIONS,
  };
}

/** Where the packages to upload go, and how much they take there. */
export type StorageCost =
  /** Nothing to upload. */
  | { kind: 'none' }
  /**
   * etcd, through the store's package limit: `atMost` counts each known package at most at the
   * limit and each of the `unknownSizes` versions at the limit, so it is a true bound.
   */
  | { kind: 'etcd'; atMost: number; unknownSizes: number; limit: number }
  /** S3 (no package limit): the known sizes; `unknownSizes` versions are not counted. */
  | { kind: 's3'; bytes: number; unknownSizes: number };

export function storageCost(plan: PlanSummary): StorageCost {
  if (plan.versionsToCreate === 0) return { kind: 'none' };
  const { packageLimitBytes: limit, unknownSizes } = plan;
  if (limit === 0) return { kind: 's3', bytes: plan.bytesToCreate, unknownSizes };
  return { kind: 'etcd', atMost: plan.storedBytes + unknownSizes * limit, unknownSizes, limit };
}
