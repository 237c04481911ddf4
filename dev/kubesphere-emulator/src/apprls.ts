// ApplicationReleases (installed apps), as far as the importer needs them: listed, and seeded by
// tests (nothing installs an app here). ks-core release-4.1:
//   staging/src/kubesphere.io/api/application/v2/applicationrelease_types.go  the CR (cluster-scoped)
//   pkg/kapis/application/v2/handler_apprls.go CreateOrUpdateAppRls  the label appversion-id is set
//     from spec.appVersionID on every write; app-id, cluster, workspace and namespace labels are required
//   pkg/kapis/application/v2/handler_apprls.go ListAppRls  the route's labels and the query's
//     labelSelector select (labels.Parse, 400 when invalid); then ConvertToListResult (query.ts)
//   pkg/controller/application/appversion_contrlller.go deleteFile  a version is in use while a release
//     has its name in that label; DeleteAppVersion (handler_appversion.go) does not check it, and no
//     webhook refuses it (apprelease_webhook.go validates releases only)

import { AppIDLabelKey, AppVersionIDLabelKey, WorkspaceLabelKey } from './constants.js';
import type { Deps } from './deps.js';
import { KsError } from './errors.js';
import { toWire, type Ctx, type Reply } from './http.js';
import { selectorMatches } from './labelselector.js';
import { defaultList, parseLabelSelectorOrBadRequest, parseQueryParameter } from './query.js';
import { rulesOf } from './releases.js';
import { metaNow, type Store } from './store.js';
import type { ApplicationRelease } from './types.js';

/** kubesphere.io/api/constants NamespaceLabelKey, ClusterNameLabelKey */
export const NamespaceLabelKey = 'kubesphere.io/namespace';
export const ClusterNameLabelKey = 'kubesphere.io/cluster';

export interface ReleaseSeed {
  name: string;
  /** the store app (spec.appID, label app-id) */
  app: string;
  /** the ApplicationVersion's object name (spec.appVersionID) */
  version: string;
  workspace: string;
  namespace: string;
  cluster?: string;
  state?: string;
}

/** CreateOrUpdateAppRls: the required labels, then appversion-id from spec.appVersionID. */
export function seedRelease(store: Store, seed: ReleaseSeed): ApplicationRelease {
  const labels: Record<string, string> = {
    [AppIDLabelKey]: seed.app,
    [ClusterNameLabelKey]: seed.cluster ?? 'host',
    [WorkspaceLabelKey]: seed.workspace,
    [NamespaceLabelKey]: seed.namespace,
  };
  for (const [key, value] of Object.entries(labels))
    if (value === '') throw new KsError(400, `must set ${key}`, 'BadRequest');
  const release: ApplicationRelease = {
    metadata: { ...store.newMeta(seed.name), labels: { ...labels, [AppVersionIDLabelKey]: seed.version } },
    spec: { appID: seed.app, appVersionID: seed.version, appType: 'helm' },
    status: { state: seed.state ?? 'active', lastUpdate: metaNow() },
  };
  store.releases.set(seed.name, release);
  return release;
}

/** GET [/workspaces/{workspace}|/namespaces/{namespace}]/applications */
export function listAppRlsHandler(d: Deps, ctx: Ctx): Reply {
  const route: Record<string, string> = {
    [AppIDLabelKey]: ctx.query.get('appID') ?? '',
    [NamespaceLabelKey]: ctx.params.namespace ?? '',
    [WorkspaceLabelKey]: ctx.params.workspace ?? '',
    [ClusterNameLabelKey]: ctx.params.cluster ?? '',
  };
  const selector = parseLabelSelectorOrBadRequest(ctx.query.get('labelSelector') ?? '');
  const items = [...d.store.releases.values()].filter(
    (release) =>
      selectorMatches(selector, release.metadata.labels) &&
      Object.entries(route).every(([key, value]) => value === '' || release.metadata.labels?.[key] === value),
  );
  const list = defaultList(items, parseQueryParameter(ctx.query, rulesOf(d.cfg.version)));
  return {
    body: {
      items: list.items?.map((release) => toWire('ApplicationRelease', release)) ?? null,
      totalItems: list.totalItems,
    },
  };
}
