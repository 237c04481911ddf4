// Installing the package as KubeSphere's installer does, replayed against the Kubernetes emulator:
// the installer's own setup from permissions.yaml (ks-installer.ts), then Helm's calls for install,
// two upgrades and uninstall (helm-replay.ts), as the identities the installer uses. Every call must
// be allowed, the chart's objects must arrive and change as Helm means them to, and after uninstall
// exactly what docs/install.md says stays must be left. Removing a rule from permissions.yaml must
// fail the replay with the 403 of the object that needed it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml, stringify } from 'yaml';

import {
  type PolicyRule,
  startKubeApiserverEmulator,
  type RunningKubeApiserverEmulator,
} from '@store-importer/kube-apiserver-emulator';
import { repoRoot } from '../support/fixtures.js';
import { Helm, type Release } from './helm-replay.js';
import {
  bindControllerToClusterAdmin,
  CONTROLLER_USER,
  EXECUTOR_USER,
  EXTENSION,
  EXTENSION_REF,
  initTargetNamespace,
  parsePermissions,
  repoPermissionsText,
  TARGET_NAMESPACE,
} from './ks-installer.js';
import { KubeClient, type Call } from './kube-client.js';
import { type InstallerSettings, type KObject, RELEASE, renderPackage } from './support.js';

// What the installer passes: ks-core's getOverrides for a host-only extension (no global.clusterInfo:
// that is only set for cluster agents), and the Install dialog's configuration as `--values`.
const SETTINGS: InstallerSettings = {
  imageRegistry: 'registry.example.com:5000',
  nodeSelector: { 'node-role.kubernetes.io/worker': 'true' },
};
const CONFIG_ARGS = ['--values', join(repoRoot, 'values.yaml')];
// The upgrade: more replicas, the console bundle and the NetworkPolicy switched off (two objects go).
const CHANGED = [
  '--set',
  'backend.replicas=2,backend.console.enabled=false,backend.networkPolicy.enabled=false',
];
const BACKEND_USER = `system:serviceaccount:${TARGET_NAMESPACE}:${RELEASE}`;

let emulator: RunningKubeApiserverEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface Scenario {
  server: RunningKubeApiserverEmulator;
  log: Call[];
  /** Kind/name of the cluster's own objects before the installer starts (KubeSphere's CRDs, cluster-admin) */
  baseline: Set<string>;
  admin: KubeClient;
  executor: Helm;
  controller: Helm;
  config: Record<string, unknown>;
}

/** The emulator with ks-core's CRDs, and the installer's setup from a permissions.yaml text. */
async function prepare(permissionsText: string): Promise<Scenario> {
  const server = await startKubeApiserverEmulator({ namespaces: [TARGET_NAMESPACE, 'kubesphere-system'] });
  emulator = server;
  const log: Call[] = [];
  const admin = new KubeClient(server, 'system:admin', false, log);
  admin.step = 'setup';
  await admin.discover();
  const crdDir = join(import.meta.dirname, 'ks-crds');
  for (const file of [
    'extensions.kubesphere.io_apiservices.yaml',
    'extensions.kubesphere.io_jsbundles.yaml',
    'iam.kubesphere.io_globalrolebindings.yaml',
    'iam.kubesphere.io_globalroles.yaml',
    'iam.kubesphere.io_roletemplates.yaml',
    'kubesphere.io_serviceaccounts.yaml',
  ])
    await admin.create(parseYaml(await readFile(join(crdDir, file), 'utf8')) as KObject);
  await admin.discover();
  await bindControllerToClusterAdmin(admin);
  const baseline = snapshot(server.state());
  const controller = admin.as(CONTROLLER_USER);
  controller.step = 'installer setup';
  await controller.discover();
  await initTargetNamespace(controller, parsePermissions(permissionsText));
  const options = {
    release: EXTENSION,
    namespace: TARGET_NAMESPACE,
    historyMax: 2,
    postRenderLabels: { [EXTENSION_REF]: EXTENSION },
    chart: { name: EXTENSION, version: '0.1.0' },
  };
  const config = parseYaml(await readFile(join(repoRoot, 'values.yaml'), 'utf8')) as Record<string, unknown>;
  return {
    server,
    log,
    baseline,
    admin,
    executor: new Helm(admin.as(EXECUTOR_USER, 'helm'), options),
    controller: new Helm(controller, options),
    config,
  };
}

const refusals = (log: Call[]): string[] =>
  log
    .filter((c) => c.status === 403)
    .map((c) => `${c.step}: ${c.user} ${c.method} ${c.object}: ${c.message}`);

async function live(
  admin: KubeClient,
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): Promise<KObject | undefined> {
  const object = { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
  const response = await admin.get(object);
  return response.status === 200 ? (response.json as unknown as KObject) : undefined;
}

/** The service at work (as its own ServiceAccount): a job, a sync with credentials, the leader Lease. */
async function serviceWrites(admin: KubeClient): Promise<void> {
  const backend = admin.as(BACKEND_USER);
  backend.step = 'service';
  await backend.discover();
  const source = { url: 'https://charts.example.com', secretRef: { name: 'storeimporter-sync-nightly' } };
  const ns = TARGET_NAMESPACE;
  const group = 'storeimporter.kubesphere.io/v1alpha1';
  await backend.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'storeimporter-sync-nightly', namespace: ns },
    stringData: { token: 't' },
  });
  await backend.create({
    apiVersion: group,
    kind: 'RepoImport',
    metadata: { name: 'nightly', namespace: ns },
    spec: { source, versions: 'latest', publish: 'active', schedule: '0 3 * * *' },
  });
  await backend.create({
    apiVersion: group,
    kind: 'ImportJob',
    metadata: { name: 'job-1', namespace: ns },
    spec: { source, versions: 'latest', publish: 'active', requestedBy: 'admin', runAs: 'user' },
  });
  await backend.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'store-importer-scheduler', namespace: ns },
    spec: { holderIdentity: 'pod-1', leaseDurationSeconds: 30 },
  });
}

/** The `Kind/name` entries of docs/install.md's table of what the uninstall leaves. */
async function documentedRemains(): Promise<RegExp[]> {
  const text = await readFile(join(repoRoot, 'docs', 'install.md'), 'utf8');
  const start = text.indexOf('What the uninstall leaves');
  expect(start, 'docs/install.md has the table "What the uninstall leaves"').toBeGreaterThan(0);
  const rows = text.slice(start).split('\n\n')[1]?.split('\n').slice(2) ?? [];
  return rows.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([A-Za-z]+\/[^`]+)`/g)].map(
      ([, entry]) =>
        new RegExp(
          `^${(entry ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[a-z]+>/g, '[-a-z0-9.]+')}$`,
        ),
    ),
  );
}

/** permissions.yaml as a maintainer who deleted the one rule `drop` matches would leave it. */
function withoutRule(text: string, drop: (rule: PolicyRule) => boolean): string {
  const documents = parseAllDocuments(text).map((d) => d.toJS() as { kind: string; rules: PolicyRule[] });
  const kept = documents.map((d) => ({ ...d, rules: d.rules.filter((rule) => !drop(rule)) }));
  expect(kept.flatMap((d) => d.rules)).toHaveLength(documents.flatMap((d) => d.rules).length - 1);
  return kept.map((d) => stringify(d)).join('---\n');
}

type EmulatorState = ReturnType<RunningKubeApiserverEmulator['state']>;

function snapshot(state: EmulatorState): Set<string> {
  return new Set(
    Object.values(state.objects)
      .flat()
      .map((o) => `${o.kind ?? ''}/${o.metadata.name ?? ''}`),
  );
}

/** Every object in the emulator as Kind/name but the baseline's, and the target namespace. */
function remains(state: EmulatorState, baseline: Set<string>): string[] {
  return [...[...snapshot(state)].filter((o) => !baseline.has(o)), `Namespace/${TARGET_NAMESPACE}`].sort();
}

describe("installing the package as KubeSphere's installer does", () => {
  it('is allowed call by call: install, two upgrades, uninstall; and leaves exactly what docs/install.md says', async () => {
    const s = await prepare(await repoPermissionsText());

    // install
    const installed = await s.executor.upgradeInstall(await renderPackage(SETTINGS, CONFIG_ARGS), s.config);
    expect(installed.info.status).toBe('deployed');
    const deployment = await live(s.admin, 'apps/v1', 'Deployment', RELEASE, TARGET_NAMESPACE);
    expect(deployment?.metadata.labels).toMatchObject({
      [EXTENSION_REF]: EXTENSION,
      'app.kubernetes.io/managed-by': 'Helm',
    });
    expect(deployment?.metadata.annotations).toMatchObject({
      'meta.helm.sh/release-name': RELEASE,
      'meta.helm.sh/release-namespace': TARGET_NAMESPACE,
    });
    const podSpec = (
      deployment?.spec as { template: { spec: { containers: { image: string }[]; nodeSelector: object } } }
    ).template.spec;
    expect(podSpec.containers[0]?.image).toMatch(
      /^registry\.example\.com:5000\/storeimporter\/store-importer:/,
    );
    expect(podSpec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': 'true' });
    expect(
      await live(s.admin, 'extensions.kubesphere.io/v1alpha1', 'JSBundle', 'store-importer'),
    ).toBeDefined();
    await serviceWrites(s.admin);

    // upgrade: patched, two objects removed, a new release record
    const upgraded: Release = await s.executor.upgradeInstall(
      await renderPackage(SETTINGS, [...CONFIG_ARGS, ...CHANGED]),
      s.config,
    );
    expect(upgraded.version).toBe(2);
    const scaled = await live(s.admin, 'apps/v1', 'Deployment', RELEASE, TARGET_NAMESPACE);
    expect((scaled?.spec as { replicas: number }).replicas).toBe(2);
    expect((scaled?.metadata as { generation?: number } | undefined)?.generation).toBe(2);
    expect(
      await live(s.admin, 'extensions.kubesphere.io/v1alpha1', 'JSBundle', 'store-importer'),
    ).toBeUndefined();
    expect(
      await live(s.admin, 'networking.k8s.io/v1', 'NetworkPolicy', RELEASE, TARGET_NAMESPACE),
    ).toBeUndefined();

    // upgrade back: created again; --history-max 2 prunes the first record
    expect(
      (await s.executor.upgradeInstall(await renderPackage(SETTINGS, CONFIG_ARGS), s.config)).version,
    ).toBe(3);
    expect(
      await live(s.admin, 'extensions.kubesphere.io/v1alpha1', 'JSBundle', 'store-importer'),
    ).toBeDefined();
    const records = (s.server.state().objects['core/secrets'] ?? [])
      .filter((o) => o.metadata.labels?.owner === 'helm')
      .map((o) => `${o.metadata.name ?? ''} ${o.metadata.labels?.status ?? ''}`);
    expect(records).toEqual([
      'sh.helm.release.v1.store-importer.v2 superseded',
      'sh.helm.release.v1.store-importer.v3 deployed',
    ]);

    // uninstall, as the installer runs it: without --kube-as-user
    await s.controller.uninstall();

    expect(refusals(s.log)).toEqual([]);
    expect(
      s.log.filter((c) => c.warnings.length > 0).map((c) => `${c.object}: ${c.warnings.join(', ')}`),
    ).toEqual([]);
    const steps = new Set(s.log.map((c) => `${c.step} as ${c.user}`));
    expect([...steps]).toEqual(
      expect.arrayContaining([
        `install as ${EXECUTOR_USER}`,
        `upgrade as ${EXECUTOR_USER}`,
        `uninstall as ${CONTROLLER_USER}`,
      ]),
    );
    const left = remains(s.server.state(), s.baseline);
    const documented = await documentedRemains();
    expect({ undocumented: left.filter((o) => !documented.some((re) => re.test(o))) }).toEqual({
      undocumented: [],
    });
    expect({
      documentedButGone: documented.filter((re) => !left.some((o) => re.test(o))).map(String),
    }).toEqual({ documentedButGone: [] });
  });

  it('would also uninstall as the Helm identity itself (helm uninstall --kube-as-user)', async () => {
    const s = await prepare(await repoPermissionsText());
    await s.executor.upgradeInstall(await renderPackage(SETTINGS, CONFIG_ARGS), s.config);
    await s.executor.uninstall();
    expect(refusals(s.log)).toEqual([]);
  });

  it('fails with the 403 of the object whose rule is removed from permissions.yaml', async () => {
    const s = await prepare(
      withoutRule(
        await repoPermissionsText(),
        (rule) => rule.resources?.join() === 'jsbundles' && rule.resourceNames !== undefined,
      ),
    );
    // install's existingResourceConflict already GETs every object of the chart
    await expect(
      s.executor.upgradeInstall(await renderPackage(SETTINGS, CONFIG_ARGS), s.config),
    ).rejects.toThrow(
      `Unable to continue with install: could not get information about the resource JSBundle "store-importer" in namespace "": jsbundles.extensions.kubesphere.io "store-importer" is forbidden: User "${EXECUTOR_USER}" cannot get resource "jsbundles" in API group "extensions.kubesphere.io" at the cluster scope`,
    );
    expect(refusals(s.log)).toEqual([
      expect.stringMatching(/^install: .* GET JSBundle\/store-importer: /) as string,
    ]);
  });

  it("fails the install when Helm does not hold what the chart's Role grants (no escalate)", async () => {
    const s = await prepare(
      withoutRule(await repoPermissionsText(), (rule) => rule.resources?.join() === 'importjobs'),
    );
    await expect(
      s.executor.upgradeInstall(await renderPackage(SETTINGS, CONFIG_ARGS), s.config),
    ).rejects.toThrow(`roles.rbac.authorization.k8s.io "${RELEASE}" is forbidden: user "${EXECUTOR_USER}"`);
    expect(refusals(s.log)).toEqual([
      expect.stringMatching(
        /^install: .* POST Role\/store-importer: .*attempting to grant RBAC permissions not currently held:\n\{APIGroups:\["storeimporter\.kubesphere\.io"\], Resources:\["importjobs"\], Verbs:\["create" "get" "list"\]\}$/,
      ) as string,
    ]);
  });
});
