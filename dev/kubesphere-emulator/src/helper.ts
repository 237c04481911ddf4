// Object writes of the app store, copied from ks-core release-4.1:
//   pkg/simple/client/application/helper.go   AppRequest, CreateOrUpdateApp, CreateOrUpdateAppVersion,
//                                             UpdateLatestAppVersion, GetMaintainers
//   pkg/simple/client/application/store.go    FailOverUpload / FailOverGet / FailOverDelete
//   pkg/controller/application/appcategory_controller.go  Reconcile, ensureUncategorizedCategory
//   pkg/controller/application/appversion_contrlller.go   deleteFile (package removed with the version)
// Kubernetes side effects the handlers rely on are emulated synchronously: ownerReference garbage
// collection (versions go with their app) and the controllers above.

import {
  API_VERSION,
  AppCategoryNameKey,
  AppIDLabelKey,
  AppMaintainersKey,
  AppOriginalNameLabelKey,
  AppTypeLabelKey,
  CategoryFinalizer,
  DescriptionAnnotationKey,
  DisplayNameAnnotationKey,
  HasCrdLabelKey,
  LatestAppVersionKey,
  RepoIDLabelKey,
  ReviewStatusActive,
  ReviewStatusDraft,
  UncategorizedCategoryID,
  UploadRepoKey,
  WorkspaceLabelKey,
} from './constants.js';
import { cacheNotFound, GoPanic } from './errors.js';
import { blangGreater, parseBlang } from './chart/semver.js';
import { versionObjectName } from './naming.js';
import type { KsVersion } from './platform/version.js';
import { rulesOf } from './releases.js';
import { clone, metaNow, type Store } from './store.js';
import type {
  Application,
  ApplicationVersion,
  Category,
  GroupVersionResource,
  Maintainer,
  RepoCredential,
} from './types.js';
import { validateObjectMeta } from './validation.js';

/** helper.go AppRequest (json tags). */
export interface AppRequest {
  repoName: string;
  appName: string;
  originalName: string;
  aliasName: string;
  versionName: string;
  appHome: string;
  url: string;
  icon: string;
  digest: string;
  workspace: string;
  description: string;
  categoryName: string;
  appType: string;
  package: Buffer | null;
  pullUrl: string;
  credential: RepoCredential;
  maintainers: Maintainer[] | null;
  abstraction: string;
  attachments: string[] | null;
  fromRepo: boolean;
  hasCrd: string;
  resources: GroupVersionResource[] | null;
}

export interface StoreConfig {
  ossStore: boolean;
  /** the release answered as: its App Store rules (releases.ts) */
  version: KsVersion;
}

function nonEmpty<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0))
      continue;
    out[k] = v;
  }
  return out as T;
}

export function versionsOfApp(store: Store, appName: string): ApplicationVersion[] {
  return [...store.versions.values()].filter((v) => v.metadata.labels?.[AppIDLabelKey] === appName);
}

function bump(meta: { resourceVersion: string }, store: Store): void {
  meta.resourceVersion = store.nextResourceVersion();
}

/** store.go FailOverUpload: OSS overwrites; the ConfigMap store keeps existing bytes. */
export function failOverUpload(store: Store, cfg: StoreConfig, key: string, data: Buffer): void {
  if (cfg.ossStore) {
    store.oss.set(key, Buffer.from(data));
    return;
  }
  store.cmUpload(key, data);
}

/** store.go FailOverGet (uploaded versions only; repo-synced versions are pulled from their Repo in ks-core). */
export function failOverGet(store: Store, cfg: StoreConfig, key: string): Buffer {
  // FromRepo(): the ApplicationVersion must exist (cache Get)
  const v = store.versions.get(key);
  if (!v) throw cacheNotFound('ApplicationVersion', key);
  if (v.metadata.labels?.[RepoIDLabelKey] !== UploadRepoKey) {
    throw new Error(
      `emulator: version ${key} comes from repo ${v.metadata.labels?.[RepoIDLabelKey] ?? ''}; pulling charts from repos is not emulated`,
    );
  }
  return failOverRead(store, cfg, key);
}

/** store.go FailOverGet past FromRepo: OSS first, NoSuchKey falls back to the ConfigMap store. */
export function failOverRead(store: Store, cfg: StoreConfig, key: string): Buffer {
  if (cfg.ossStore) {
    const d = store.oss.get(key);
    if (d) return d;
  }
  return store.cmRead(key);
}

/** store.go FailOverDelete */
export function failOverDelete(store: Store, cfg: StoreConfig, keys: string[]): void {
  if (cfg.ossStore) {
    for (const k of keys) store.oss.delete(k);
    return;
  }
  store.cmDelete(keys);
}

/** helper.go CreateOrUpdateApp (FromRepo false for uploads, set by the handler). */
export function createOrUpdateApp(
  store: Store,
  cfg: StoreConfig,
  vRequests: AppRequest[],
  onAppChanged: (old: Application | undefined, cur: Application | undefined) => void,
): void {
  const request = vRequests[0];
  if (!request) throw new Error('version request is empty');
  const existing = store.apps.get(request.appName);
  const app: Application = existing
    ? clone(existing)
    : { metadata: store.newMeta(request.appName), spec: {}, status: { updateTime: null } };
  // v4.1.3 added spec.resources and the hascrd label (bb60d3943)
  const crd = rulesOf(cfg.version).appCrdFields;
  app.spec = nonEmpty({
    appHome: request.appHome,
    appType: request.appType,
    icon: request.icon,
    abstraction: request.abstraction,
    attachments: request.attachments ?? undefined,
    resources: crd ? (request.resources ?? undefined) : undefined,
  });
  const labels = { ...(app.metadata.labels ?? {}) };
  labels[RepoIDLabelKey] = request.repoName;
  labels[AppTypeLabelKey] = request.appType;
  if (crd) labels[HasCrdLabelKey] = request.hasCrd;
  labels[AppCategoryNameKey] = request.categoryName !== '' ? request.categoryName : UncategorizedCategoryID;
  labels[WorkspaceLabelKey] = request.workspace;
  app.metadata.labels = labels;
  const ant = { ...(app.metadata.annotations ?? {}) };
  ant[DisplayNameAnnotationKey] = request.aliasName;
  ant[DescriptionAnnotationKey] = request.description;
  ant[AppOriginalNameLabelKey] = request.originalName;
  const firstMaintainer = request.maintainers?.[0];
  if (firstMaintainer) ant[AppMaintainersKey] = firstMaintainer.name ?? '';
  app.metadata.annotations = ant;
  // kube-apiserver validation of the create/update
  validateObjectMeta('Application', app.metadata.name, app.metadata.labels, app.metadata.annotations);
  if (existing) {
    if (JSON.stringify(existing.spec) !== JSON.stringify(app.spec)) app.metadata.generation += 1;
    bump(app.metadata, store);
  }
  // status: state only on creation; updateTime always
  if (!existing) app.status.state = request.fromRepo ? ReviewStatusActive : ReviewStatusDraft;
  app.status.updateTime = metaNow();
  store.apps.set(app.metadata.name, app);
  onAppChanged(existing, app);
  for (const vRequest of vRequests) createOrUpdateAppVersion(store, cfg, app, vRequest);
  updateLatestAppVersion(store, cfg, app.metadata.name);
}

/** helper.go CreateOrUpdateAppVersion */
export function createOrUpdateAppVersion(
  store: Store,
  cfg: StoreConfig,
  app: Application,
  vRequest: AppRequest,
): void {
  const rules = rulesOf(cfg.version);
  // Before v4.1.3 (bb4c67f62) the name is not formatted here: POST /apps fails on a non-DNS version
  // (kube-apiserver refuses the name, after the app was written); the versions route formats first.
  const name = rules.helperFormatsVersion
    ? versionObjectName(app.metadata.name, vRequest.versionName, rules)
    : `${app.metadata.name}-${vRequest.versionName}`;
  const existing = store.versions.get(name);
  const v: ApplicationVersion = existing
    ? clone(existing)
    : { metadata: store.newMeta(name), spec: { versionName: '' }, status: {} };
  // controllerutil.SetControllerReference
  v.metadata.ownerReferences = [
    {
      apiVersion: API_VERSION,
      kind: 'Application',
      name: app.metadata.name,
      uid: app.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  v.spec = {
    versionName: vRequest.versionName,
    ...nonEmpty({
      appHome: vRequest.appHome,
      icon: vRequest.icon,
      created: metaNow(),
      digest: vRequest.digest,
      appType: vRequest.appType,
      maintainer: vRequest.maintainers ?? undefined,
      pullUrl: vRequest.pullUrl,
    }),
  };
  v.metadata.finalizers = [rules.versionFinalizer];
  const labels = { ...(v.metadata.labels ?? {}) };
  labels[RepoIDLabelKey] = vRequest.repoName;
  labels[AppIDLabelKey] = vRequest.appName;
  labels[AppTypeLabelKey] = vRequest.appType;
  labels[WorkspaceLabelKey] = vRequest.workspace;
  v.metadata.labels = labels;
  const ant = { ...(v.metadata.annotations ?? {}) };
  ant[DisplayNameAnnotationKey] = vRequest.aliasName;
  ant[DescriptionAnnotationKey] = vRequest.description;
  const firstMaintainer = vRequest.maintainers?.[0];
  if (firstMaintainer) ant[AppMaintainersKey] = firstMaintainer.name ?? '';
  v.metadata.annotations = ant;
  validateObjectMeta('ApplicationVersion', name, v.metadata.labels, v.metadata.annotations);
  if (existing) {
    v.metadata.generation += 1;
    bump(v.metadata, store);
  }
  store.versions.set(name, v);
  if (!vRequest.fromRepo) failOverUpload(store, cfg, name, vRequest.package ?? Buffer.alloc(0));
  v.status.state = vRequest.fromRepo ? ReviewStatusActive : ReviewStatusDraft;
  v.status.updated = metaNow();
}

/**
 * helper.go UpdateLatestAppVersion: highest blang semver ("v" prefix trimmed), starting from the first
 * listed. v4.1.1/v4.1.2 semver.MustParse the current one and panic when the first listed is not
 * blang semver (e.g. `1.0`); v4.1.3 (96f85d450) skips it.
 */
export function updateLatestAppVersion(store: Store, cfg: StoreConfig, appName: string): void {
  const app = store.apps.get(appName);
  if (!app) throw cacheNotFound('Application', appName);
  const list = versionsOfApp(store, appName);
  const first = list[0];
  if (!first) return;
  let latest = first.spec.versionName;
  for (const v of list) {
    const parsed = parseBlang(v.spec.versionName.replace(/^v/, ''));
    if (parsed === null) continue;
    const old = parseBlang(latest.replace(/^v/, ''));
    if (old === null) {
      if (rulesOf(cfg.version).latestVersionPanics)
        throw new GoPanic(`semver: Parse(${latest.replace(/^v/, '')}): not a blang semver`);
      continue;
    }
    let greater = false;
    try {
      greater = blangGreater(parsed, old);
    } catch {
      greater = false;
    }
    if (greater) latest = v.spec.versionName;
  }
  app.metadata.annotations = { ...(app.metadata.annotations ?? {}), [LatestAppVersionKey]: latest };
  bump(app.metadata, store);
}

/** Deletes a version object and (its finalizer's job, appversion_contrlller.go deleteFile) its package. */
export function deleteVersionObject(store: Store, cfg: StoreConfig, name: string): void {
  store.versions.delete(name);
  failOverDelete(store, cfg, [name]);
}

/** appcategory_controller.go: recount categories touched by an app event; create the uncategorized one lazily. */
export function reconcileCategories(store: Store, touched: Iterable<string>): void {
  for (const id of touched) {
    if (id === '') continue;
    let cat = store.categories.get(id);
    if (!cat) {
      if (id !== UncategorizedCategoryID) continue; // "not found, check if you added the correct app category"
      const created: Category = {
        metadata: store.newMeta(UncategorizedCategoryID),
        spec: {},
        status: { total: 0 },
      };
      store.categories.set(id, created);
      cat = created;
    }
    if (!(cat.metadata.finalizers ?? []).includes(CategoryFinalizer)) {
      cat.metadata.finalizers = [...(cat.metadata.finalizers ?? []), CategoryFinalizer];
    }
    const total = [...store.apps.values()].filter(
      (a) =>
        a.metadata.labels?.[AppCategoryNameKey] === cat.metadata.name &&
        a.metadata.labels[RepoIDLabelKey] === UploadRepoKey,
    ).length;
    if (cat.status.total !== total) cat.status.total = total;
  }
}

export function categoryOf(app: Application | undefined): string {
  return app?.metadata.labels?.[AppCategoryNameKey] ?? '';
}

export function toMaintainers(list: { name?: string; email?: string; url?: string }[]): Maintainer[] {
  // helper.go GetMaintainers
  return list.map((m) => nonEmpty({ name: m.name ?? '', email: m.email ?? '', url: m.url ?? '' }));
}
