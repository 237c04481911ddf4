// The route table of ks-core release-4.1 pkg/kapis/application/v2/register.go (AddToContainer):
// every route under /kapis/application.kubesphere.io/v2, plus /workspaces/{workspace}/... for the routes
// registered with Workspace: true. Routes the emulator does not implement (applications but their
// list, examplecr, chart CRs, repo events) answer 501 so a test notices instead of getting a silent 404.
// v4.1.3 (bb60d3943) added POST /repos/{repo}/action and moved the chart-CR routes under
// /applications/{application}/cr; v4.1.1 and v4.1.2 have /apps/{app}/cr and /cr[/{crname}].

import { API_BASE } from './constants.js';
import {
  createAttachmentHandler,
  deleteAttachmentsHandler,
  describeAttachmentHandler,
} from './attachments.js';
import type { Deps } from './deps.js';
import {
  createOrUpdateAppHandler,
  deleteAppHandler,
  describeAppHandler,
  doAppActionHandler,
  listAppsHandler,
  patchAppHandler,
} from './apps.js';
import {
  createOrUpdateCategoryHandler,
  deleteCategoryHandler,
  describeCategoryHandler,
  listCategoriesHandler,
} from './categories.js';
import { listAppRlsHandler } from './apprls.js';
import type { Ctx, Reply } from './http.js';
import type { KsVersion } from './platform/version.js';
import { rulesOf, type ReleaseRules } from './releases.js';
import {
  createOrUpdateRepoHandler,
  deleteRepoHandler,
  describeRepoHandler,
  listReposHandler,
  manualSyncHandler,
} from './repos.js';
import {
  appVersionActionHandler,
  createOrUpdateAppVersionHandler,
  deleteAppVersionHandler,
  describeAppVersionHandler,
  getAppVersionFilesHandler,
  getAppVersionPackageHandler,
  listAppVersionsHandler,
  listReviewsHandler,
} from './versions.js';

type Fn = (d: Deps, ctx: Ctx) => Reply | Promise<Reply>;

interface RouteInfo {
  method: string;
  route: string;
  fn: Fn | null;
  workspace?: boolean;
  namespace?: boolean;
}

const notImplemented = null;

// register.go funcInfoList, in order, of the release
function routes(rules: ReleaseRules): RouteInfo[] {
  return [
    { route: '/repos', fn: listReposHandler, method: 'GET', workspace: true },
    { route: '/repos', fn: createOrUpdateRepoHandler, method: 'POST', workspace: true },
    { route: '/repos/{repo}', fn: createOrUpdateRepoHandler, method: 'PATCH', workspace: true },
    { route: '/repos/{repo}', fn: deleteRepoHandler, method: 'DELETE', workspace: true },
    ...(rules.repoManualSync
      ? [{ route: '/repos/{repo}/action', fn: manualSyncHandler, method: 'POST', workspace: true }]
      : []),
    { route: '/repos/{repo}', fn: describeRepoHandler, method: 'GET', workspace: true },
    { route: '/repos/{repo}/events', fn: notImplemented, method: 'GET', workspace: true },
    { route: '/apps/{app}/action', fn: doAppActionHandler, method: 'POST' },
    { route: '/apps', fn: createOrUpdateAppHandler, method: 'POST', workspace: true },
    { route: '/apps', fn: listAppsHandler, method: 'GET', workspace: true },
    { route: '/apps/{app}', fn: createOrUpdateAppHandler, method: 'POST', workspace: true },
    { route: '/apps/{app}', fn: patchAppHandler, method: 'PATCH', workspace: true },
    { route: '/apps/{app}', fn: describeAppHandler, method: 'GET', workspace: true },
    { route: '/apps/{app}', fn: deleteAppHandler, method: 'DELETE', workspace: true },
    { route: '/apps/{app}/versions', fn: createOrUpdateAppVersionHandler, method: 'POST', workspace: true },
    { route: '/apps/{app}/versions', fn: listAppVersionsHandler, method: 'GET', workspace: true },
    {
      route: '/apps/{app}/versions/{version}',
      fn: deleteAppVersionHandler,
      method: 'DELETE',
      workspace: true,
    },
    {
      route: '/apps/{app}/versions/{version}',
      fn: describeAppVersionHandler,
      method: 'GET',
      workspace: true,
    },
    {
      route: '/apps/{app}/versions/{version}',
      fn: createOrUpdateAppVersionHandler,
      method: 'POST',
      workspace: true,
    },
    {
      route: '/apps/{app}/versions/{version}/package',
      fn: getAppVersionPackageHandler,
      method: 'GET',
      workspace: true,
    },
    {
      route: '/apps/{app}/versions/{version}/files',
      fn: getAppVersionFilesHandler,
      method: 'GET',
      workspace: true,
    },
    {
      route: '/apps/{app}/versions/{version}/action',
      fn: appVersionActionHandler,
      method: 'POST',
      workspace: true,
    },
    { route: '/applications', fn: listAppRlsHandler, method: 'GET', workspace: true, namespace: true },
    { route: '/applications', fn: notImplemented, method: 'POST', workspace: true, namespace: true },
    { route: '/applications/{application}', fn: notImplemented, method: 'POST', namespace: true },
    { route: '/applications/{application}', fn: notImplemented, method: 'GET', namespace: true },
    { route: '/applications/{application}', fn: notImplemented, method: 'DELETE', namespace: true },
    { route: '/categories', fn: createOrUpdateCategoryHandler, method: 'POST' },
    { route: '/categories', fn: listCategoriesHandler, method: 'GET' },
    { route: '/categories/{category}', fn: deleteCategoryHandler, method: 'DELETE' },
    { route: '/categories/{category}', fn: createOrUpdateCategoryHandler, method: 'POST' },
    { route: '/categories/{category}', fn: describeCategoryHandler, method: 'GET' },
    { route: '/reviews', fn: listReviewsHandler, method: 'GET' },
    { route: '/attachments', fn: createAttachmentHandler, method: 'POST', workspace: true },
    { route: '/attachments/{attachment}', fn: describeAttachmentHandler, method: 'GET', workspace: true },
    { route: '/attachments/{attachment}', fn: deleteAttachmentsHandler, method: 'DELETE', workspace: true },
    { route: '/apps/{app}/examplecr/{name}', fn: notImplemented, method: 'GET', workspace: true },
    ...crRoutes(rules.crRoutes),
  ];
}

/** The chart-CR routes (operator.go), none emulated. */
function crRoutes(where: ReleaseRules['crRoutes']): RouteInfo[] {
  const cr = { fn: notImplemented, workspace: true, namespace: true };
  if (where === 'applications')
    return [
      { ...cr, route: '/applications/{application}/cr', method: 'GET' },
      { ...cr, route: '/applications/{application}/cr', method: 'POST' },
      { ...cr, route: '/applications/{application}/cr/{crname}', method: 'GET' },
      { ...cr, route: '/applications/{application}/cr/{crname}', method: 'DELETE' },
    ];
  return [
    { ...cr, route: '/apps/{app}/cr', method: 'GET' },
    { ...cr, route: '/cr', method: 'POST' },
    { ...cr, route: '/cr/{crname}', method: 'GET' },
    { ...cr, route: '/cr/{crname}', method: 'DELETE' },
  ];
}

interface Compiled {
  method: string;
  re: RegExp;
  names: string[];
  fn: Fn | null;
}

function compile(method: string, path: string, fn: Fn | null): Compiled {
  const names: string[] = [];
  const re = new RegExp(
    `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}/?$`,
  );
  return { method, re, names, fn };
}

function compileAll(rules: ReleaseRules): Compiled[] {
  const compiled: Compiled[] = [];
  for (const r of routes(rules)) {
    compiled.push(compile(r.method, `${API_BASE}${r.route}`, r.fn));
    if (r.workspace) compiled.push(compile(r.method, `${API_BASE}/workspaces/{workspace}${r.route}`, r.fn));
    if (r.namespace) compiled.push(compile(r.method, `${API_BASE}/namespaces/{namespace}${r.route}`, r.fn));
  }
  return compiled;
}

const byRelease = new Map<ReleaseRules, Compiled[]>();

export type Match =
  | { kind: 'route'; fn: Fn | null; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** go-restful route selection: path first, then method (405 when only the method differs). */
export function matchRoute(method: string, path: string, version: KsVersion): Match {
  const rules = rulesOf(version);
  let compiled = byRelease.get(rules);
  if (!compiled) {
    compiled = compileAll(rules);
    byRelease.set(rules, compiled);
  }
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.re.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.method !== method) continue;
    const params: Record<string, string> = {};
    c.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { kind: 'route', fn: c.fn, params };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
