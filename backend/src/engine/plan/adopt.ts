// Apps uploaded by hand that an import adopts: a chart whose own app (store/names.ts appNameFor)
// does not exist goes to such an app instead of a new one, when asked for (or found adopted
// before). Pure: the store's apps and versions come in, the decision goes out.
//
// What a hand upload leaves in the store (ks-core v4.1.3):
//   - the console validates the package first (POST /apps?validate=true, no appName), and ks-core
//     names the app GetUuid36(shortName(chart) + "-"): 5 characters of idutils.Alphabet36
//     (pkg/kapis/application/v2/utils.go fillEmptyFields, pkg/simple/client/application/helper.go);
//   - the console then creates it with `originalName: appName`, the generated name, not the chart's
//     (console packages/shared/src/utils/apps.ts getCreateAppParamsFormData); an upload through
//     the API without `originalName` gets the chart's name (fillEmptyFields);
//   - neither sends a `digest`: the version's spec.digest stays empty (helper.go
//     CreateOrUpdateAppVersion), while this importer sends one on every upload (run/import.ts
//     UploadRequest): the index's, or, for an entry without one, the package's sha256 hex.
//     Both label the app application.kubesphere.io/repo-name=upload.
import { say, type Message } from '../messages/index.js';
import type { ChartVersionRef } from '../repo/types.js';
import { formatVersion } from '../store/dialect.js';
import { appNameFor, shortName } from '../store/names.js';
import type { StoreApp, StoreVersion } from '../store/types.js';

/** GetUuid36's suffix: 5 characters of idutils.Alphabet36. */
const GENERATED_SUFFIX = /^[a-z0-9]{5}$/;

/**
 * The app records `chart` as its chart: by `originalName` (the API's default, this importer's
 * uploads), or, as the console leaves it, by a generated name `<shortName(chart)>-<5 chars>` that
 * is also its `originalName`.
 */
export function recordsChart(app: StoreApp, chart: string): boolean {
  if (app.originalName === chart) return true;
  if (app.originalName !== app.name) return false;
  const prefix = `${shortName(chart)}-`;
  return app.name.startsWith(prefix) && GENERATED_SUFFIX.test(app.name.slice(prefix.length));
}

export interface CandidateContext {
  repoUrl: string;
  workspace: string | undefined;
}

/**
 * For each chart without its own app in `apps`: the apps of the same target (the workspace, or
 * the global store) that record that chart and are not the chart's own app. The store's list of a
 * workspace also holds other scopes' apps (handler_app.go ListApps), which are left out.
 */
export function adoptionCandidates(
  apps: readonly StoreApp[],
  charts: readonly string[],
  context: CandidateContext,
): Map<string, StoreApp[]> {
  const names = new Set(apps.map(({ name }) => name));
  const target = context.workspace ?? '';
  const candidates = new Map<string, StoreApp[]>();
  for (const chart of charts) {
    const own = appNameFor({ ...context, chartName: chart });
    if (names.has(own)) continue;
    const found = apps.filter((app) => app.workspace === target && recordsChart(app, chart));
    if (found.length > 0) candidates.set(chart, found);
  }
  return candidates;
}

/**
 * What a candidate's versions say about it:
 * - `found`: adopted by an earlier import of this repository: it holds a version uploaded by hand
 *   (no digest) and one this importer uploaded from this repository (a digest the index lists for
 *   the chart; a package's sha256 is its chart name and version too; for a version the index lists
 *   without a digest, any digest, the package's sha256 the importer sent). Runs without the opt-in
 *   find it again this way. A run that adopted an app but added no version to it left no such
 *   version: until one does, only a run with the opt-in adopts it.
 * - `hand`: uploaded by hand only: none of its versions has a digest.
 * - `other`: anything else, such as another repository's app (its versions all have digests, even
 *   for index entries without one) or one with no versions: left alone.
 */
export function candidateKind(
  versions: readonly StoreVersion[],
  refs: readonly ChartVersionRef[],
): 'found' | 'hand' | 'other' {
  const digests = new Set(refs.flatMap(({ digest }) => (digest ? [digest] : [])));
  // spec.versionName as either release keeps it (store/dialect.ts storedVersionName).
  const undigested = new Set(
    refs.flatMap(({ digest, version }) => (digest ? [] : [version, formatVersion('v4.1.2', version)])),
  );
  const byHand = versions.filter(({ digest }) => !digest);
  if (versions.length > 0 && byHand.length === versions.length) return 'hand';
  const ours = versions.some(
    ({ digest, versionName }) => !!digest && (digests.has(digest) || undigested.has(versionName)),
  );
  return ours && byHand.length > 0 ? 'found' : 'other';
}

/**
 * A version of an adopted app that was uploaded by hand (no digest): it stays as the admin left
 * it, a draft included, and counts as there.
 */
export function uploadedByHand(version: StoreVersion): boolean {
  return !version.digest;
}

export interface AdoptionInput {
  chart: string;
  /** Every version the repository lists for the chart, not only those selected. */
  refs: readonly ChartVersionRef[];
  candidates: readonly StoreApp[];
  versionsOf: (app: string) => readonly StoreVersion[];
  /** The run was asked to adopt apps uploaded by hand. */
  adopt: boolean;
}

export interface AdoptionDecision {
  /** The app the chart's versions go to instead of a new one. */
  app?: StoreApp;
  /** `adopted` by this run, or `found` adopted by an earlier one. */
  how?: 'adopted' | 'found';
  /** The chart can be neither adopted nor given an app: each of its versions fails with this. */
  blocked?: Message;
  warnings: Message[];
}

/**
 * For a chart whose own app does not exist: an app found adopted before wins; else, with the
 * opt-in, the one app uploaded by hand is adopted (several: none is, and none is created);
 * without it, a new app is created as before, with a warning per app that could have been adopted.
 */
export function decideAdoption(input: AdoptionInput): AdoptionDecision {
  const { chart } = input;
  const kinds = input.candidates.map((app) => ({
    app,
    kind: candidateKind(input.versionsOf(app.name), input.refs),
  }));
  const found = kinds.filter(({ kind }) => kind === 'found').map(({ app }) => app);
  const hand = kinds.filter(({ kind }) => kind === 'hand').map(({ app }) => app);
  const pick = found.length > 0 ? found : input.adopt ? hand : [];
  const [only] = pick;
  if (only && pick.length === 1)
    return { app: only, how: found.length > 0 ? 'found' : 'adopted', warnings: [] };
  if (pick.length > 1) {
    const apps = pick
      .map(({ name }) => name)
      .sort()
      .join(', ');
    return { blocked: say('adopt-ambiguous', { chart, apps }), warnings: [] };
  }
  return { warnings: hand.map(({ name }) => say('hand-uploaded-app-found', { chart, app: name })) };
}
