// In what order a plan's work is done. Pure.
import type { ChartPlan, VersionPlan } from './types.js';

/** The version will be written to the store: uploaded, or a draft checked and completed. */
export function writesVersion(chart: ChartPlan, version: VersionPlan): boolean {
  return chart.blocked === undefined && version.refused === undefined && version.action !== 'exists';
}

/** How many of a chart's versions the store gets: its share of the import's store calls. */
export function versionsToWrite(chart: ChartPlan): number {
  return chart.versions.filter((version) => writesVersion(chart, version)).length;
}

/**
 * The charts, longest first (the most versions to write), plan order among equals: the longest
 * chains of store calls start first, so the import does not end waiting on one long chart.
 */
export function longestFirst(charts: readonly ChartPlan[]): ChartPlan[] {
  return charts
    .map((chart) => ({ chart, work: versionsToWrite(chart) }))
    .sort((a, b) => b.work - a.work)
    .map(({ chart }) => chart);
}

/**
 * A chart's versions in the order they go to the store once its app exists: the newest version
 * to write last, after every other one is in, because the store computes the app's
 * latest-app-version from the versions it has when a version is added; the others in any order.
 * `later` is empty when no version is written.
 */
export function newestLast(
  chart: ChartPlan,
  versions: readonly VersionPlan[],
): { meanwhile: VersionPlan[]; later: VersionPlan[] } {
  const newest = versions.findLastIndex((version) => writesVersion(chart, version));
  return {
    meanwhile: versions.filter((_, position) => position !== newest),
    later: newest === -1 ? [] : versions.slice(newest, newest + 1),
  };
}
