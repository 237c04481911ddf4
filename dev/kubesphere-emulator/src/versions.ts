// Version handlers, copied from ks-core release-4.1 pkg/kapis/application/v2/handler_appversion.go
// (CreateOrUpdateAppVersion, DeleteAppVersion, DescribeAppVersion, ListAppVersions, GetAppVersionPackage,
// GetAppVersionFiles, AppVersionAction, DoAppVersionAction, checkAppStatus, ListReviews).

import {
  AppIDLabelKey,
  MaxFileSize,
  RepoIDLabelKey,
  ReviewStatusActive,
  ReviewStatusDraft,
  ReviewStatusSuspended,
  SystemWorkspace,
  UploadRepoKey,
  WorkspaceLabelKey,
} from './constants.js';
import { apiNotFound, cacheNotFound, KsError, requestDoneStatus } from './errors.js';
import { loadArchive } from './chart/loader.js';
import { goDecode, parseJsonBody, type GoType } from './gojson.js';
import {
  createOrUpdateAppVersion,
  deleteVersionObject,
  failOverGet,
  updateLatestAppVersion,
  versionsOfApp,
} from './helper.js';
import { success, toWire, type Ctx, type Reply } from './http.js';
import { selectorMatches, validateRequirementValue, SelectorError } from './labelselector.js';
import { formatVersion, versionObjectName } from './naming.js';
import {
  compareAppVersion,
  defaultCompare,
  defaultList,
  parseBool,
  parseConditions,
  parseLabelSelectorOrBadRequest,
  parseQueryParameter,
} from './query.js';
import { rulesOf } from './releases.js';
import { metaNow } from './store.js';
import { parseRequest, parseUpload } from './upload.js';
import type { Deps } from './deps.js';
import type { ApplicationVersion } from './types.js';

export interface VersionStatusRequest {
  state: string;
  message: string;
  userName: string;
}

const str: GoType = { kind: 'string' };
// appv2.ApplicationVersionStatus json tags
const versionStatusType: GoType = {
  kind: 'struct',
  name: 'ApplicationVersionStatus',
  fields: { state: str, message: str, userName: str, updated: { kind: 'time' } },
};

/** req.ReadEntity(&appv2.ApplicationVersionStatus{}) */
export function readVersionStatus(body: Buffer): VersionStatusRequest {
  const v = goDecode(
    parseJsonBody(body),
    versionStatusType,
    'ApplicationVersionStatus',
  ) as Partial<VersionStatusRequest> | null;
  return { state: v?.state ?? '', message: v?.message ?? '', userName: v?.userName ?? '' };
}

async function requestDone<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw requestDoneStatus(err);
  }
}

/** POST /apps/{app}/versions and /apps/{app}/versions/{version} (+ workspace routes) */
export async function createOrUpdateAppVersionHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  const req = await requestDone(() => parseUpload(ctx.body, ctx.contentType, ctx.query));
  if (!d.cfg.ossStore && (req.package?.length ?? 0) > MaxFileSize) {
    throw new KsError(400, `System has no OSS store, the maximum file size is ${MaxFileSize}`, 'BadRequest');
  }
  req.appName = ctx.params.app ?? '';
  const rules = rulesOf(d.cfg.version);
  // v4.1.3 (bb60d3943): workspace from the path, else system-workspace; before: the body's
  if (rules.versionWorkspaceFromPath) req.workspace = ctx.params.workspace || SystemWorkspace;
  const validate = parseBool(ctx.query.get('validate') ?? undefined) ?? false;
  const vRequest = await requestDone(() => parseRequest(req, validate, rules));
  const data = {
    aliasName: vRequest.aliasName,
    appHome: vRequest.appHome,
    appName: vRequest.appName,
    description: vRequest.description,
    icon: vRequest.icon,
    versionName: vRequest.versionName,
  };
  if (validate) return { body: data };
  const name = versionObjectName(req.appName, vRequest.versionName, rules);
  // v4.1.1/v4.1.2: `vRequest.VersionName = application.FormatVersion(...)`, stored as spec.versionName
  if (rules.storesFormattedVersionName) vRequest.versionName = formatVersion(vRequest.versionName, rules);
  // conflictedDone(req, resp, "version", appVersion)
  const exists = d.store.versions.has(name);
  if (ctx.params.version !== undefined && ctx.params.version !== '') {
    if (!exists) throw cacheNotFound('ApplicationVersion', name);
  } else if (exists) {
    throw new KsError(409, `ApplicationVersion ${name} already exists`, 'Conflict');
  }
  const app = d.store.apps.get(req.appName);
  if (!app) throw cacheNotFound('Application', req.appName);
  try {
    await requestDone(() => {
      createOrUpdateAppVersion(d.store, d.cfg, app, vRequest);
    });
    await requestDone(() => {
      updateLatestAppVersion(d.store, d.cfg, app.metadata.name);
    });
  } finally {
    d.persist();
  }
  return { body: data };
}

/** DELETE /apps/{app}/versions/{version}: client.Delete (API server NotFound text); the package goes
 *  with the version's cleanup finalizer. The app and its latest-app-version annotation are left alone. */
export function deleteAppVersionHandler(d: Deps, ctx: Ctx): Reply {
  const name = ctx.params.version ?? '';
  if (!d.store.versions.has(name)) throw apiNotFound('applicationversions', name);
  deleteVersionObject(d.store, d.cfg, name);
  d.persist();
  return success;
}

/** GET /apps/{app}/versions/{version} (the app path segment is not checked) */
export function describeAppVersionHandler(d: Deps, ctx: Ctx): Reply {
  const name = ctx.params.version ?? '';
  const v = d.store.versions.get(name);
  if (!v) throw cacheNotFound('ApplicationVersion', name);
  return { body: toWire('ApplicationVersion', v) };
}

/** GET /apps/{app}/versions (+ workspace route) */
export function listAppVersionsHandler(d: Deps, ctx: Ctx): Reply {
  const workspace = ctx.params.workspace ?? '';
  const selector = parseLabelSelectorOrBadRequest(ctx.query.get('labelSelector') ?? '');
  const app = ctx.params.app ?? '';
  try {
    validateRequirementValue(AppIDLabelKey, app, 0);
  } catch (err) {
    if (err instanceof SelectorError) throw new KsError(400, err.message, 'BadRequest');
    throw err;
  }
  const all = [...d.store.versions.values()].filter(
    (v) => selectorMatches(selector, v.metadata.labels) && v.metadata.labels?.[AppIDLabelKey] === app,
  );
  let conditions;
  try {
    conditions = parseConditions(ctx.query.get('conditions') ?? '');
  } catch (err) {
    throw requestDoneStatus(err);
  }
  const status = conditions.match.get('status') ?? '';
  const states = status.split('|');
  const filtered = all.filter((v) => {
    if (status !== '' && !states.includes(v.status.state ?? '')) return false;
    if (
      workspace !== '' &&
      ![SystemWorkspace, workspace].includes(v.metadata.labels?.[WorkspaceLabelKey] ?? '')
    )
      return false;
    return true;
  });
  return versionListReply(listVersions(d, filtered, ctx.query));
}

/** GET /reviews: uploaded versions (repo-name=upload) filtered by conditions=status=... */
export function listReviewsHandler(d: Deps, ctx: Ctx): Reply {
  let conditions;
  try {
    conditions = parseConditions(ctx.query.get('conditions') ?? '');
  } catch (err) {
    throw requestDoneStatus(err);
  }
  const status = conditions.match.get('status') ?? '';
  const states = status.split('|');
  const list = [...d.store.versions.values()].filter(
    (v) =>
      v.metadata.labels?.[RepoIDLabelKey] === UploadRepoKey &&
      (status === '' || states.includes(v.status.state ?? '')),
  );
  return versionListReply(listVersions(d, list, ctx.query));
}

/** GET .../versions/{version}/package -> {versionID, package (base64), appID}; failures are 500. */
export function getAppVersionPackageHandler(d: Deps, ctx: Ctx): Reply {
  const versionId = ctx.params.version ?? '';
  let data: Buffer;
  try {
    data = failOverGet(d.store, d.cfg, versionId);
  } catch (err) {
    throw new KsError(500, (err as Error).message);
  }
  return { body: { appID: ctx.params.app ?? '', package: data.toString('base64'), versionID: versionId } };
}

/** GET .../versions/{version}/files -> {path: base64}; an unloadable package is returned as all.yaml. */
export function getAppVersionFilesHandler(d: Deps, ctx: Ctx): Reply {
  const versionId = ctx.params.version ?? '';
  let data: Buffer;
  try {
    data = failOverGet(d.store, d.cfg, versionId);
  } catch (err) {
    throw new KsError(500, (err as Error).message);
  }
  try {
    const chart = loadArchive(data);
    const result: Record<string, string> = {};
    for (const f of chart.raw) result[f.name] = f.data.toString('base64');
    return { body: Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1))) };
  } catch {
    return { body: { 'all.yaml': data.toString('base64') } };
  }
}

/** POST .../versions/{version}/action: the state is written as given (no transition check). */
export async function appVersionActionHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  const request = await requestDone(() => readVersionStatus(ctx.body));
  const versionId = ctx.params.version ?? '';
  const v = d.store.versions.get(versionId);
  if (!v) throw cacheNotFound('ApplicationVersion', versionId);
  if (request.message === '') request.message = v.status.message ?? '';
  await requestDone(() => {
    doAppVersionAction(d, versionId, request);
  });
  d.persist();
  return success;
}

/** DoAppVersionAction + checkAppStatus */
export function doAppVersionAction(d: Deps, versionId: string, req: VersionStatusRequest): void {
  const v = d.store.versions.get(versionId);
  if (!v) throw cacheNotFound('ApplicationVersion', versionId);
  if (req.state === '') delete v.status.state;
  else v.status.state = req.state;
  if (req.message !== '') v.status.message = req.message;
  if (req.userName !== '') v.status.userName = req.userName;
  v.status.updated = metaNow();
  v.metadata.resourceVersion = d.store.nextResourceVersion();
  const appID = v.metadata.labels?.[AppIDLabelKey] ?? '';
  // checkAppStatus: if no version stays active after a suspension, an active app falls back to draft
  if (req.state !== ReviewStatusSuspended) return;
  const active = versionsOfApp(d.store, appID).some((x) => x.status.state === ReviewStatusActive);
  const app = d.store.apps.get(appID);
  if (!app) throw cacheNotFound('Application', appID);
  if (!active && app.status.state === ReviewStatusActive) {
    app.status.state = ReviewStatusDraft;
    app.metadata.resourceVersion = d.store.nextResourceVersion();
  }
}

/** ListAppVersions (v4.1.3: sortBy=versionName by semver) or, before, convertToListResult. */
function listVersions(
  d: Deps,
  versions: ApplicationVersion[],
  query: URLSearchParams,
): ReturnType<typeof defaultList<ApplicationVersion>> {
  const rules = rulesOf(d.cfg.version);
  return defaultList(
    versions,
    parseQueryParameter(query, rules),
    rules.sortByVersionName ? compareAppVersion : defaultCompare,
  );
}

/** A list of versions as k8sutil.ConvertToListResult writes it (`items: null` when empty). */
function versionListReply(result: ReturnType<typeof defaultList<ApplicationVersion>>): Reply {
  return {
    body: {
      items: result.items?.map((v) => toWire('ApplicationVersion', v)) ?? null,
      totalItems: result.totalItems,
    },
  };
}
