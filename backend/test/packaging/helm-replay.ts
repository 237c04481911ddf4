// A replay of the Kubernetes calls Helm 3 makes for `helm upgrade --install` and `helm uninstall`, as
// KubeSphere's installer runs them (staging/src/kubesphere.io/utils/helm/executor.go: `helm upgrade
// --history-max 2 [--install] ... --post-renderer <kustomize: kubesphere.io/extension-ref label> --wait
// --wait-for-jobs`; `helm uninstall ... --wait`). Not a Helm: it takes what `helm template` rendered and
// issues the API calls in Helm's order. Read from helm v3.16.2 (the version ks-core v4.1.3 vendors; v4.1.1
// vendors v3.14.2, with the same calls):
//   cmd/helm/upgrade.go            --install: the release's history decides between install and upgrade
//   pkg/action/install.go          RunWithContext: history (name in use?), Build, existingResourceConflict
//                                  (validate.go: GET each object), the release Secret (pending-install),
//                                  Create, wait, the release Secret updated (deployed)
//   pkg/action/upgrade.go          prepareUpgrade (the last release), performUpgrade (conflicts of the new
//                                  objects, the new release Secret with history pruning), KubeClient.Update,
//                                  wait, the old release superseded, the new one deployed
//   pkg/action/uninstall.go        history, release uninstalling, deleteRelease (UninstallOrder), wait for
//                                  the deletions, purge of every release Secret
//   pkg/action/validate.go         setMetadataVisitor: label app.kubernetes.io/managed-by=Helm, annotations
//                                  meta.helm.sh/release-name and -namespace on every object
//   pkg/kube/client.go             Create, Update (GET; create when missing, else createPatch and PATCH;
//                                  then GET and DELETE what the new manifest dropped, unless
//                                  helm.sh/resource-policy: keep), Delete (propagationPolicy Background)
//   pkg/kube/ready.go, wait.go     readiness reads (Deployments, Services, CRDs) and deletion waits
//   pkg/storage/storage.go, driver/secrets.go  release Secrets `sh.helm.release.v1.<name>.v<N>`, type
//                                  helm.sh/release.v1, labels name, owner=helm, status, version,
//                                  createdAt/modifiedAt; queries by label selector; gzip+base64 payload
//   pkg/releaseutil/kind_sorter.go UninstallOrder (kind-order.ts)
// and the post-renderer (kind-order.ts), whose output order is the order Helm creates the objects in.
// Hooks are not replayed (the chart has none); readiness is read once and assumed, since the emulator
// runs no controllers.

import { gunzipSync, gzipSync } from 'node:zlib';

import { parseAllDocuments, stringify } from 'yaml';

import { patchMetaOf } from '@store-importer/kube-apiserver-emulator';
import { mergePatchBetween, threeWayPatch } from './helm-patch.js';
import { postRender, uninstallOrder } from './kind-order.js';
import { KubeError, messageOf, objectName, type KubeClient } from './kube-client.js';
import type { KObject } from './support.js';

export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: { status: string; description: string; first_deployed: string; last_deployed: string };
  chart: { metadata: { name: string; version: string } };
  config: Record<string, unknown>;
  manifest: string;
}

export interface HelmOptions {
  release: string;
  namespace: string;
  /** `--history-max` (the installer's helmExecutor.historyMax: 2) */
  historyMax: number;
  /** labels the installer's kustomize post-renderer adds to every object */
  postRenderLabels: Record<string, string>;
  chart: { name: string; version: string };
}

export class HelmError extends Error {}

// Groups of the kinds Helm's client knows as Go types (kubernetesNativeScheme, pkg/kube/converter.go):
// their upgrades are strategic merge patches; every other kind gets a JSON merge patch.
const NATIVE_GROUPS = [
  '',
  'apps',
  'batch',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'policy',
  'apiextensions.k8s.io',
  'coordination.k8s.io',
  'autoscaling',
];

const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
const clone = <T>(v: T): T => structuredClone(v);

const toManifest = (objects: KObject[]): string => objects.map((o) => `---\n${stringify(o)}`).join('');
const fromManifest = (manifest: string): KObject[] =>
  parseAllDocuments(manifest)
    .map((d) => d.toJS() as KObject | null)
    .filter((o): o is KObject => o !== null);

export class Helm {
  private readonly secrets: string;

  constructor(
    private readonly kube: KubeClient,
    private readonly opts: HelmOptions,
  ) {
    this.secrets = `/api/v1/namespaces/${opts.namespace}/secrets`;
  }

  // ---- storage (pkg/storage/storage.go, driver/secrets.go) ----

  private key(version: number): string {
    return `sh.helm.release.v1.${this.opts.release}.v${version}`;
  }

  private secretOf(release: Release, timestampLabel: 'createdAt' | 'modifiedAt'): Record<string, unknown> {
    const payload = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: this.key(release.version),
        labels: {
          [timestampLabel]: String(Math.floor(Date.now() / 1000)),
          name: release.name,
          owner: 'helm',
          status: release.info.status,
          version: String(release.version),
        },
      },
      type: 'helm.sh/release.v1',
      data: { release: Buffer.from(payload).toString('base64') },
    };
  }

  /** Query by labels: the releases, oldest first; [] is ErrReleaseNotFound. */
  private async query(labels: Record<string, string>): Promise<Release[]> {
    const selector = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k] ?? ''}`)
      .join(',');
    const list = await this.kube.must(
      'GET',
      `${this.secrets}?labelSelector=${encodeURIComponent(selector)}`,
      'Secret (release records)',
    );
    return (list.items as { data: { release: string } }[])
      .map((item) => {
        const payload = Buffer.from(item.data.release, 'base64').toString();
        return JSON.parse(gunzipSync(Buffer.from(payload, 'base64')).toString()) as Release;
      })
      .sort((a, b) => a.version - b.version);
  }

  private history(): Promise<Release[]> {
    return this.query({ name: this.opts.release, owner: 'helm' });
  }

  private async createRecord(release: Release, maxHistory: number): Promise<void> {
    if (maxHistory > 0) await this.removeLeastRecent(maxHistory - 1);
    await this.kube.must(
      'POST',
      this.secrets,
      `Secret/${this.key(release.version)}`,
      this.secretOf(release, 'createdAt'),
    );
  }

  private async updateRecord(release: Release): Promise<void> {
    const path = `${this.secrets}/${this.key(release.version)}`;
    await this.kube.must(
      'PUT',
      path,
      `Secret/${this.key(release.version)}`,
      this.secretOf(release, 'modifiedAt'),
    );
  }

  private async deleteRecord(version: number): Promise<void> {
    const path = `${this.secrets}/${this.key(version)}`;
    await this.kube.must('GET', path, `Secret/${this.key(version)}`);
    await this.kube.must('DELETE', path, `Secret/${this.key(version)}`);
  }

  /** removeLeastRecent: keep at most `max` records, never the deployed one. */
  private async removeLeastRecent(max: number): Promise<void> {
    const history = await this.history();
    if (history.length <= max) return;
    const deployed = (await this.query({ name: this.opts.release, owner: 'helm', status: 'deployed' })).at(
      -1,
    );
    const remove = history.filter((r) => r.version !== deployed?.version).slice(0, history.length - max);
    for (const r of remove) await this.deleteRecord(r.version);
  }

  // ---- the kube client (pkg/kube/client.go) ----

  /** Build: REST mappings, the release namespace on namespaced objects. */
  private build(objects: KObject[]): KObject[] {
    return objects.map((o) => {
      const built = clone(o);
      if (this.kube.mapping(built).namespaced) built.metadata.namespace ??= this.opts.namespace;
      return built;
    });
  }

  /** setMetadataVisitor (force): Helm's ownership label and annotations. */
  private owned(objects: KObject[]): KObject[] {
    return objects.map((o) => ({
      ...o,
      metadata: {
        ...o.metadata,
        labels: { ...o.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: {
          ...o.metadata.annotations,
          'meta.helm.sh/release-name': this.opts.release,
          'meta.helm.sh/release-namespace': this.opts.namespace,
        },
      },
    }));
  }

  /** existingResourceConflict: GET each object; one that exists must already be this release's. */
  private async checkConflicts(objects: KObject[], action: 'install' | 'update'): Promise<void> {
    for (const object of objects) {
      const existing = await this.kube.get(object);
      if (existing.status === 404) continue;
      const resource = `${object.kind} "${object.metadata.name}" in namespace "${object.metadata.namespace ?? ''}"`;
      const problem =
        existing.status >= 400
          ? `could not get information about the resource ${resource}: ${messageOf(existing)}`
          : (existing.json.metadata as KObject['metadata']).annotations?.['meta.helm.sh/release-name'] !==
              this.opts.release
            ? `${resource} exists and cannot be imported into the current release: invalid ownership metadata`
            : undefined;
      if (problem) throw new HelmError(`Unable to continue with ${action}: ${problem}`);
    }
  }

  /** failRelease: the release record says failed, and the error goes on. */
  private async fail(release: Release, error: unknown): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    await this.updateRecord({
      ...release,
      info: { ...release.info, status: 'failed', description: message },
    });
    throw new HelmError(message);
  }

  private async createAll(objects: KObject[]): Promise<void> {
    for (const object of objects) await this.kube.create(object);
  }

  /** createPatch and updateResource. */
  private async update(original: KObject, target: KObject): Promise<void> {
    const live = await this.kube.get(target);
    if (live.status >= 400) throw new KubeError(live.status, messageOf(live));
    const native = NATIVE_GROUPS.includes(groupOf(target.apiVersion));
    const patch = native
      ? threeWayPatch(original, target, live.json, patchMetaOf(target.kind))
      : mergePatchBetween(original, target);
    if (Object.keys(patch).length === 0) {
      await this.kube.get(target);
      return;
    }
    const type = native ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json';
    await this.kube.patch(target, patch, type);
  }

  /** Client.Update: create or patch every target, then delete what the original had and target has not. */
  private async updateAll(original: KObject[], target: KObject[]): Promise<void> {
    const same = (a: KObject, b: KObject): boolean =>
      a.apiVersion === b.apiVersion &&
      a.kind === b.kind &&
      a.metadata.name === b.metadata.name &&
      a.metadata.namespace === b.metadata.namespace;
    for (const object of target) {
      const existing = await this.kube.get(object);
      if (existing.status >= 400 && existing.status !== 404)
        throw new HelmError(`could not get information about the resource: ${messageOf(existing)}`);
      if (existing.status === 404) await this.kube.create(object);
      else {
        const before = original.find((o) => same(o, object));
        if (!before) throw new HelmError(`no ${object.kind} with the name "${object.metadata.name}" found`);
        await this.update(before, object);
      }
    }
    for (const gone of original.filter((o) => !target.some((t) => same(o, t)))) {
      const live = await this.kube.get(gone);
      if (live.status >= 400) continue;
      const annotations = (live.json.metadata as KObject['metadata']).annotations ?? {};
      if (annotations['helm.sh/resource-policy'] === 'keep') continue;
      await this.kube.delete(gone);
    }
  }

  /** ReadyChecker.IsReady, read once: the objects Helm polls until they are ready. */
  private async readinessReads(objects: KObject[]): Promise<void> {
    for (const object of objects) {
      if (
        ![
          'Deployment',
          'Service',
          'CustomResourceDefinition',
          'StatefulSet',
          'DaemonSet',
          'Pod',
          'Job',
          'PersistentVolumeClaim',
        ].includes(object.kind)
      )
        continue;
      const live = await this.kube.must('GET', this.kube.objectPath(object), objectName(object));
      if (object.kind === 'Deployment') {
        const selector = (live.spec as { selector: { matchLabels: Record<string, string> } }).selector
          .matchLabels;
        const labelSelector = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const path = `/apis/apps/v1/namespaces/${this.opts.namespace}/replicasets?labelSelector=${encodeURIComponent(labelSelector)}`;
        await this.kube.must('GET', path, `ReplicaSet of ${objectName(object)}`);
      }
    }
  }

  // ---- actions ----

  private releaseOf(
    version: number,
    status: string,
    description: string,
    manifest: string,
    config: Record<string, unknown>,
    firstDeployed?: string,
  ): Release {
    const now = new Date().toISOString();
    return {
      name: this.opts.release,
      namespace: this.opts.namespace,
      version,
      info: { status, description, first_deployed: firstDeployed ?? now, last_deployed: now },
      chart: { metadata: this.opts.chart },
      config,
      manifest,
    };
  }

  /** `helm upgrade --install`: install when the release has no history, else upgrade. */
  async upgradeInstall(rendered: KObject[], config: Record<string, unknown>): Promise<Release> {
    this.kube.step = 'history';
    await this.kube.must('GET', '/version', ''); // History.Run: IsReachable
    const history = await this.history();
    return history.length === 0 || history.at(-1)?.info.status === 'uninstalled'
      ? this.install(rendered, config)
      : this.upgrade(rendered, config);
  }

  private async prepare(step: string, rendered: KObject[]): Promise<string> {
    this.kube.step = step;
    await this.kube.must('GET', '/version', ''); // IsReachable
    await this.kube.discover(); // getCapabilities and the RESTMapper
    return toManifest(postRender(rendered, this.opts.postRenderLabels));
  }

  async install(rendered: KObject[], config: Record<string, unknown>): Promise<Release> {
    const manifest = await this.prepare('install', rendered);
    if ((await this.history()).length > 0) throw new HelmError('cannot re-use a name that is still in use');
    const resources = this.owned(this.build(fromManifest(manifest)));
    await this.checkConflicts(resources, 'install');
    const release = this.releaseOf(1, 'pending-install', 'Initial install underway', manifest, config);
    await this.createRecord(release, 0);
    try {
      await this.createAll(resources);
      await this.readinessReads(resources);
    } catch (error) {
      return this.fail(release, error);
    }
    release.info = { ...release.info, status: 'deployed', description: 'Install complete' };
    await this.updateRecord(release);
    return release;
  }

  async upgrade(rendered: KObject[], config: Record<string, unknown>): Promise<Release> {
    const manifest = await this.prepare('upgrade', rendered);
    const last = (await this.history()).at(-1);
    if (!last) throw new HelmError(`"${this.opts.release}" has no deployed releases`);
    if (last.info.status.startsWith('pending-'))
      throw new HelmError('another operation (install/upgrade/rollback) is in progress');
    const current = this.build(fromManifest(last.manifest));
    const target = this.owned(this.build(fromManifest(manifest)));
    const isNew = (t: KObject): boolean =>
      !current.some((c) => c.kind === t.kind && c.metadata.name === t.metadata.name);
    await this.checkConflicts(target.filter(isNew), 'update');
    const upgraded = this.releaseOf(
      last.version + 1,
      'pending-upgrade',
      'Preparing upgrade',
      manifest,
      config,
      last.info.first_deployed,
    );
    await this.createRecord(upgraded, this.opts.historyMax);
    try {
      await this.updateAll(current, target);
      await this.readinessReads(target);
    } catch (error) {
      await this.updateRecord(last);
      return this.fail(upgraded, error);
    }
    await this.updateRecord({ ...last, info: { ...last.info, status: 'superseded' } });
    upgraded.info = { ...upgraded.info, status: 'deployed', description: 'Upgrade complete' };
    await this.updateRecord(upgraded);
    return upgraded;
  }

  /** `helm uninstall --wait`. */
  async uninstall(): Promise<void> {
    this.kube.step = 'uninstall';
    await this.kube.must('GET', '/version', '');
    await this.kube.discover();
    const history = await this.history();
    const release = history.at(-1);
    if (!release)
      throw new HelmError(`uninstall: Release not loaded: ${this.opts.release}: release: not found`);
    await this.updateRecord({
      ...release,
      info: {
        ...release.info,
        status: 'uninstalling',
        description: 'Deletion in progress (or silently failed)',
      },
    });
    const resources = uninstallOrder(this.build(fromManifest(release.manifest))).filter(
      (o) => o.metadata.annotations?.['helm.sh/resource-policy'] !== 'keep',
    );
    const failed: string[] = [];
    for (const object of resources) {
      const response = await this.kube.delete(object);
      if (response.status >= 400 && response.status !== 404) failed.push(messageOf(response));
    }
    if (failed.length > 0)
      throw new HelmError(`failed to delete release: ${this.opts.release}: ${failed.join(', ')}`);
    for (const object of resources) {
      const gone = await this.kube.get(object);
      if (gone.status !== 404) throw new HelmError(`${objectName(object)} is not deleted`);
    }
    for (const r of history) await this.deleteRecord(r.version);
  }
}
