// The route table of ks-core release-4.1 pkg/kapis/application/v2/register.go (AddToContainer):
// every route under /kapis/application.kubesphere.io/v2, plus /workspaces/{workspace}/... for the routes
// registered with Workspace: true. Routes the emulator does not implement (applications, attachments,
// examplecr, repo events) answer 501 so a test notices instead of getting a silent 404.

import { API_BASE } from './constants.js';
import type { Deps } from './apps.js';
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
import type { Ctx, Reply } from './http.js';
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

// register.go funcInfoList, in order
const routes: RouteInfo[] = [
  { route: '/repos', fn: listReposHandler, method: 'GET', workspace: true },
  { route: '/repos', fn: createOrUpdateRepoHandler, method: 'POST', workspace: true },
  { route: '/repos/{repo}', fn: createOrUpdateRepoHandler, method: 'PATCH', workspace: true },
  { route: '/repos/{repo}', fn: deleteRepoHandler, method: 'DELETE', workspace: true },
  { route: '/repos/{repo}/action', fn: manualSyncHandler, method: 'POST', workspace: true },
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
  { route: '/apps/{app}/versions/{version}', fn: deleteAppVersionHandler, method: 'DELETE', workspace: true },
  { route: '/apps/{app}/versions/{version}', fn: describeAppVersionHandler, method: 'GET', workspace: true },
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
  { route: '/applications', fn: notImplemented, method: 'GET', workspace: true, namespace: true },
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
  { route: '/attachments', fn: notImplemented, method: 'POST', workspace: true },
  { route: '/attachments/{attachment}', fn: notImplemented, method: 'GET', workspace: true },
  { route: '/attachments/{attachment}', fn: notImplemented, method: 'DELETE', workspace: true },
  { route: '/apps/{app}/examplecr/{name}', fn: notImplemented, method: 'GET', workspace: true },
];

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

const compiled: Compiled[] = [];
for (const r of routes) {
  compiled.push(compile(r.method, `${API_BASE}${r.route}`, r.fn));
  if (r.workspace) compiled.push(compile(r.method, `${API_BASE}/workspaces/{workspace}${r.route}`, r.fn));
  if (r.namespace) compiled.push(compile(r.method, `${API_BASE}/namespaces/{namespace}${r.route}`, r.fn));
}

export type Match =
  | { kind: 'route'; fn: Fn | null; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** go-restful route selection: path first, then method (405 when only the method differs). */
export function matchRoute(method: string, path: string): Match {
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
