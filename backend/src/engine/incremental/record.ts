// Run records: the digest of a run's settings, a record built after a full run, and a record
// read back from JSON (a cache file, a sync's status) checked field by field.
import { createHash } from 'node:crypto';

import { canonicalDigest } from './canonical-json.js';
import type { ImportOptions, ImportReport } from '../run/types.js';
import { normalizeRepoUrl } from '../store/names.js';
import type { StoreApp } from '../store/types.js';
import type { RecordedApp, RecordedItem, RunRecord } from './types.js';

/** Bumped when what a record means changes: older records then mismatch and get a full run. */
const RECORD_FORMAT = 1;

/**
 * sha256 of what decides a run's outcome besides the index and the store: where it imports
 * from and to, what it selects, how it publishes, the category mapping and rules. Concurrency and limits
 * are left out: they change how a run goes, not what the store ends with.
 */
export function settingsDigest(options: ImportOptions, workspace: string | undefined): string {
  return canonicalDigest({
    format: RECORD_FORMAT,
    repo: normalizeRepoUrl(options.repoUrl),
    workspace: workspace ?? '',
    versions: options.selection.versions,
    charts: options.selection.charts ?? null,
    includeDeprecated: options.selection.includeDeprecated,
    publish: options.publish,
    categories: options.categories ? [...options.categories].sort(([a], [b]) => a.localeCompare(b)) : null,
    // Only when given: the digests of runs without rules stay what they were.
    ...(options.categoryRules?.length ? { categoryRules: options.categoryRules } : {}),
    ...(options.prune ? { prune: true } : {}),
    // Only when asked for: adopting decides which app a chart without one goes to (plan/adopt.ts).
    ...(options.adopt ? { adopt: true } : {}),
    // Only when on: another policy or other keys is another run (engine/verify).
    ...(options.verify && options.verify.policy !== 'off' ? { verify: verifySettings(options.verify) } : {}),
  });
}

export function recordedApp(app: StoreApp): RecordedApp {
  return {
    name: app.name,
    state: app.state,
    latestVersion: app.latestVersion ?? '',
    categoryName: app.categoryName,
  };
}

/** Every item of the run is in the store: none failed, none was only planned. */
export function importedEverything(report: ImportReport): boolean {
  return report.items.every((item) => item.status === 'created' || item.status === 'exists');
}

/** Why a prune kept a version that a later run may remove: the reasons that end in "run again". */
const PRUNE_RETRY: ReadonlySet<string> = new Set(['prune-kept-unverified', 'prune-delete-failed']);

/**
 * A prune was asked for and left work a run again would do: it did not run (cancelled) while the
 * repository no longer lists some versions, or it kept one it could not check or delete. Such a
 * run leaves no record, so that the next one is a full run that prunes again, not "unchanged".
 */
export function pruneLeftWork(report: ImportReport, prune: boolean | undefined): boolean {
  if (!prune) return false;
  if (report.pruned === undefined) return (report.removedUpstream ?? []).length > 0;
  return report.pruned.some(
    ({ status, reasons }) => status === 'kept' && reasons.some(({ code }) => PRUNE_RETRY.has(code)),
  );
}

/**
 * The record of a full run, or undefined when it cannot be one: not everything was imported,
 * or an item's app is not in the store's list.
 */
export function recordOfRun(
  report: ImportReport,
  listed: readonly StoreApp[],
  fields: Pick<RunRecord, 'indexDigest' | 'settings' | 'fullRunAt'>,
): RunRecord | undefined {
  if (!importedEverything(report)) return undefined;
  const byName = new Map(listed.map((app) => [app.name, app]));
  const apps = new Map<string, RecordedApp>();
  for (const { app } of report.items) {
    const found = byName.get(app);
    if (found === undefined) return undefined;
    apps.set(app, recordedApp(found));
  }
  const items = report.items.map(({ chart, version, app }) => ({ chart, version, app }));
  const removed = report.removedUpstream ?? [];
  const count = removed.reduce((sum, chart) => sum + chart.versions.length, 0);
  return {
    ...fields,
    apps: [...apps.values()],
    items,
    ...(count > 0 ? { removedUpstream: { count, charts: removed.length } } : {}),
  };
}

/** A record read back from JSON, or undefined when any field is missing or of the wrong type. */
export function parseRunRecord(value: unknown): RunRecord | undefined {
  if (!isObject(value)) return undefined;
  const { indexDigest, settings, fullRunAt, apps, items, removedUpstream } = value;
  if (!isString(indexDigest) || !isString(settings) || !isString(fullRunAt)) return undefined;
  if (Number.isNaN(Date.parse(fullRunAt))) return undefined;
  if (!Array.isArray(apps) || !apps.every(isRecordedApp)) return undefined;
  if (!Array.isArray(items) || !items.every(isRecordedItem)) return undefined;
  // Copied field by field: nothing else a file held travels on.
  return {
    indexDigest,
    settings,
    fullRunAt,
    apps: apps.map(({ name, state, latestVersion, categoryName }) => ({
      name,
      state,
      latestVersion,
      categoryName,
    })),
    items: items.map(({ chart, version, app }) => ({ chart, version, app })),
    ...(isRemovedCount(removedUpstream)
      ? { removedUpstream: { count: removedUpstream.count, charts: removedUpstream.charts } }
      : {}),
  };
}

function isRemovedCount(value: unknown): value is { count: number; charts: number } {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.count) &&
    Number.isSafeInteger(value.charts) &&
    (value.count as number) > 0 &&
    (value.charts as number) > 0
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function hasStrings(value: unknown, keys: readonly string[]): value is Record<string, string> {
  return isObject(value) && keys.every((key) => isString(value[key]));
}

function isRecordedApp(value: unknown): value is RecordedApp {
  return hasStrings(value, ['name', 'state', 'latestVersion', 'categoryName']);
}

function isRecordedItem(value: unknown): value is RecordedItem {
  return hasStrings(value, ['chart', 'version', 'app']);
}

/** A run's signature settings as digests: the keys themselves are not kept in the record. */
function verifySettings(verify: NonNullable<ImportOptions['verify']>): Record<string, string> {
  const sha = (data: string | Buffer | undefined): string =>
    data === undefined ? '' : createHash('sha256').update(data).digest('hex');
  return { policy: verify.policy, keyring: sha(verify.keyring), cosignKey: sha(verify.cosignKey) };
}
