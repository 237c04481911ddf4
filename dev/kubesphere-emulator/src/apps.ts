// App handlers, copied from ks-core release-4.1 pkg/kapis/application/v2/handler_app.go
// (CreateOrUpdateApp, ListApps, DescribeApp, DeleteApp, DoAppAction, PatchApp) and
// pkg/kapis/application/v2/errors.go (conflictedDone/checkConflicted, requestDone).

import {
  AppCategoryNameKey,
  AppStoreLabelKey,
  DescriptionAnnotationKey,
  DisplayNameAnnotationKey,
  MaxFileSize,
  ReviewStatusActive,
  ReviewStatusDraft,
  ReviewStatusPassed,
  ReviewStatusSuspended,
  SystemWorkspace,
  WorkspaceLabelKey,
} from './constants.js';
import { cacheNotFound, KsError, requestDoneStatus } from './errors.js';
import {
  categoryOf,
  createOrUpdateApp,
  deleteVersionObject,
  failOverDelete,
  reconcileCategories,
  versionsOfApp,
} from './helper.js';
import { success, toWire, type Ctx, type Reply } from './http.js';
import {
  defaultList,
  parseConditions,
  parseLabelSelectorOrBadRequest,
  parseQueryParameter,
  parseBool,
} from './query.js';
import { selectorMatches } from './labelselector.js';
import { rulesOf } from './releases.js';
import { clone, metaNow, type Store } from './store.js';
import { parseJsonBody } from './gojson.js';
import { decodeAppRequest, parseRequest, parseUpload } from './upload.js';
import type { Deps } from './deps.js';
import { doAppVersionAction, readVersionStatus } from './versions.js';
import type { Application } from './types.js';
import { validateObjectMeta } from './validation.js';

/** requestDone: run `fn`, mapping any failure to 404 (NotFound) or 500. */
export async function requestDone<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw requestDoneStatus(err);
  }
}

export function appChanged(
  store: Store,
): (old: Application | undefined, cur: Application | undefined) => void {
  return (old, cur) => {
    reconcileCategories(store, new Set([categoryOf(old), categoryOf(cur)]));
  };
}

/** POST /apps, POST /apps/{app} (+ workspace routes) */
export async function createOrUpdateAppHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  const createAppRequest = await requestDone(() => parseUpload(ctx.body, ctx.contentType, ctx.query));
  // handler_app.go: size check before parsing, only without an OSS store
  if (!d.cfg.ossStore && (createAppRequest.package?.length ?? 0) > MaxFileSize) {
    throw new KsError(400, `System has no OSS store, the maximum file size is ${MaxFileSize}`, 'BadRequest');
  }
  const validate = parseBool(ctx.query.get('validate') ?? undefined) ?? false;
  const newReq = await requestDone(() => parseRequest(createAppRequest, validate, rulesOf(d.cfg.version)));
  // map[string]any -> JSON keys sorted
  const data = {
    aliasName: newReq.aliasName,
    appHome: newReq.appHome,
    appName: newReq.appName,
    description: newReq.description,
    icon: newReq.icon,
    resources: newReq.resources,
    versionName: newReq.versionName,
  };
  if (validate) return { body: data };
  // conflictedDone(req, resp, "app", app): on /apps/{app} the (body) app must exist, on /apps it must not
  const exists = d.store.apps.has(newReq.appName);
  if (ctx.params.app !== undefined && ctx.params.app !== '') {
    if (!exists) throw cacheNotFound('Application', newReq.appName);
  } else if (exists) {
    throw new KsError(409, `Application ${newReq.appName} already exists`, 'Conflict');
  }
  newReq.fromRepo = false;
  try {
    await requestDone(() => {
      createOrUpdateApp(d.store, d.cfg, [newReq], appChanged(d.store));
    });
  } finally {
    d.persist();
  }
  return { body: data };
}

/** GET /apps (+ workspace route) */
export function listAppsHandler(d: Deps, ctx: Ctx): Reply {
  const workspace = ctx.params.workspace ?? '';
  let conditions;
  try {
    conditions = parseConditions(ctx.query.get('conditions') ?? '');
  } catch (err) {
    throw requestDoneStatus(err);
  }
  const selector = parseLabelSelectorOrBadRequest(ctx.query.get('labelSelector') ?? '');
  const status = conditions.match.get('status') ?? '';
  const states = status.split('|');
  const filtered = [...d.store.apps.values()].filter((app) => {
    if (!selectorMatches(selector, app.metadata.labels)) return false;
    if (status !== '' && !states.includes(app.status.state ?? '')) return false;
    if (
      workspace !== '' &&
      ![SystemWorkspace, workspace].includes(app.metadata.labels?.[WorkspaceLabelKey] ?? '')
    )
      return false;
    return true;
  });
  const result = defaultList(filtered, parseQueryParameter(ctx.query, rulesOf(d.cfg.version)));
  return {
    body: {
      items: result.items?.map((a) => toWire('Application', a)) ?? null,
      totalItems: result.totalItems,
    },
  };
}

/** GET /apps/{app} */
export function describeAppHandler(d: Deps, ctx: Ctx): Reply {
  const name = ctx.params.app ?? '';
  const app = d.store.apps.get(name);
  if (!app) throw cacheNotFound('Application', name);
  return { body: toWire('Application', app) };
}

/** DELETE /apps/{app}: attachments removed, then the app; its versions follow by garbage collection
 *  (ownerReferences with controller=true) and their packages by the version finalizer. */
export function deleteAppHandler(d: Deps, ctx: Ctx): Reply {
  const name = ctx.params.app ?? '';
  const app = d.store.apps.get(name);
  if (!app) throw cacheNotFound('Application', name);
  failOverDelete(d.store, d.cfg, app.spec.attachments ?? []);
  d.store.apps.delete(name);
  for (const v of [...d.store.versions.values()]) {
    if (v.metadata.ownerReferences?.some((o) => o.uid === app.metadata.uid && o.controller))
      deleteVersionObject(d.store, d.cfg, v.metadata.name);
  }
  appChanged(d.store)(app, undefined);
  d.persist();
  return success;
}

/** POST /apps/{app}/action (global route only) */
export function doAppActionHandler(d: Deps, ctx: Ctx): Reply {
  let request;
  try {
    request = readVersionStatus(ctx.body);
  } catch (err) {
    throw new KsError(400, (err as Error).message, 'BadRequest');
  }
  // request.UserFrom: the caller's name replaces userName
  request.userName = ctx.user.name;
  const name = ctx.params.app ?? '';
  const app = d.store.apps.get(name);
  if (!app) throw cacheNotFound('Application', name);
  // app state check, draft -> active -> suspended -> active
  let err: string | null = null;
  if (request.state === ReviewStatusActive) {
    if (app.status.state !== ReviewStatusDraft && app.status.state !== ReviewStatusSuspended) {
      err = `app ${name} is not in draft or suspended status`;
    } else {
      const okActive = versionsOfApp(d.store, name).some(
        (v) => v.status.state === ReviewStatusActive || v.status.state === ReviewStatusPassed,
      );
      if (!okActive) err = `app ${name} has no active or passed appversion`;
    }
  } else if (request.state === ReviewStatusSuspended) {
    if (app.status.state !== ReviewStatusActive) err = `app ${name} is not in active status`;
  }
  if (err !== null) throw new KsError(500, err);
  if (request.state === ReviewStatusActive) {
    app.metadata.labels = { ...(app.metadata.labels ?? {}), [AppStoreLabelKey]: 'true' };
    app.metadata.resourceVersion = d.store.nextResourceVersion();
  }
  if (request.state === '') delete app.status.state;
  else app.status.state = request.state;
  app.status.updateTime = metaNow();
  app.metadata.resourceVersion = d.store.nextResourceVersion();
  // update appversion status: only versions that are active or suspended follow the app
  for (const v of versionsOfApp(d.store, name)) {
    if (v.status.state === ReviewStatusActive || v.status.state === ReviewStatusSuspended) {
      doAppVersionAction(d, v.metadata.name, request);
    }
  }
  d.persist();
  return success;
}

/** PATCH /apps/{app}: overwrites category label, icon, description, alias, attachments, abstraction, appHome. */
export async function patchAppHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  const body = await requestDone(() => decodeAppRequest(parseJsonBody(ctx.body)));
  const name = ctx.params.app ?? '';
  const existing = d.store.apps.get(name);
  if (!existing) throw cacheNotFound('Application', name);
  const app = clone(existing);
  app.metadata.labels = { ...(app.metadata.labels ?? {}), [AppCategoryNameKey]: body.categoryName };
  // omitempty: an empty value disappears from the written spec
  const setOrDelete = (o: Record<string, unknown>, k: string, v: unknown): void => {
    o[k] = v === '' || v === null || (Array.isArray(v) && v.length === 0) ? undefined : v;
  };
  const spec = app.spec as Record<string, unknown>;
  setOrDelete(spec, 'icon', body.icon);
  app.metadata.annotations = {
    ...(app.metadata.annotations ?? {}),
    [DescriptionAnnotationKey]: body.description,
    [DisplayNameAnnotationKey]: body.aliasName,
  };
  setOrDelete(spec, 'attachments', body.attachments);
  setOrDelete(spec, 'abstraction', body.abstraction);
  setOrDelete(spec, 'appHome', body.appHome);
  await requestDone(() => {
    validateObjectMeta('Application', name, app.metadata.labels, app.metadata.annotations);
  });
  if (JSON.stringify(existing.spec) !== JSON.stringify(app.spec)) app.metadata.generation += 1;
  app.metadata.resourceVersion = d.store.nextResourceVersion();
  d.store.apps.set(name, app);
  appChanged(d.store)(existing, app);
  d.persist();
  // the object returned by client.Update: decoded without TypeMeta
  return { body: toWire('Application', app, false) };
}
