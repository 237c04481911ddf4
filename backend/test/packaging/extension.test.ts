// extension.yaml and the package, checked the way ksbuilder checks them (kubesphere/ksbuilder:
// pkg/api/metadata.go Validate, pkg/extension/lint.go WithBuiltins, pkg/helm/lint.go, cmd/package.go),
// with the real helm doing the loading, linting and packaging that ksbuilder does through Helm's library.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { repoRoot } from '../support/fixtures.js';
import { extensionMetadata, helm, type KObject, NAMESPACE, packageDir, parseManifests } from './support.js';

const run = promisify(execFile);
// ISO 639-1 codes ksbuilder accepts include these; the console reads en and zh.
const LANGUAGES = ['en', 'zh'];

async function renderPackage(dir: string, extra: string[] = []): Promise<KObject[]> {
  const { stdout } = await helm(['template', 'store-importer', dir, '--namespace', NAMESPACE, ...extra]);
  return parseManifests(stdout);
}

function podSpecs(objects: KObject[]): {
  name: string;
  spec: {
    containers: { image: string }[];
    initContainers?: { image: string }[];
    nodeSelector?: Record<string, string>;
  };
}[] {
  return objects
    .filter((object) => ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(object.kind))
    .map((object) => ({
      name: `${object.kind}/${object.metadata.name}`,
      spec: (object.spec as { template: { spec: never } }).template.spec,
    }));
}

describe('extension.yaml', () => {
  it("has every field ksbuilder requires, in valid languages, with the issue's settings", async () => {
    const metadata = await extensionMetadata();
    for (const field of [
      'apiVersion',
      'name',
      'version',
      'displayName',
      'description',
      'category',
      'provider',
      'icon',
    ] as const)
      expect(metadata[field], field).toBeTruthy();
    expect(metadata.apiVersion).toBe('kubesphere.io/v1alpha1');
    expect(metadata.name).toBe('store-importer');
    expect(metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(metadata.name.length).toBeLessThanOrEqual(32);
    expect(metadata.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    for (const map of [metadata.displayName, metadata.description, metadata.provider])
      expect(Object.keys(map).sort()).toEqual(LANGUAGES);
    expect(metadata.ksVersion).toBe('>=4.1.0-0');
    expect(metadata.installationMode).toBe('HostOnly');
    expect(metadata.keywords?.length).toBeGreaterThan(0);
    expect(metadata.externalDependencies).toEqual([
      { name: 'openpitrix', type: 'extension', version: '>=1.0.0-0', required: true },
    ]);
    for (const path of [metadata.icon, ...(metadata.screenshots ?? [])])
      expect((await stat(join(repoRoot, path))).size).toBeGreaterThan(0);
  });

  it('lists exactly the images the charts use (ksbuilder lint: images)', async () => {
    const metadata = await extensionMetadata();
    const dir = await packageDir();
    const images = podSpecs(await renderPackage(dir)).flatMap(({ spec }) =>
      [...spec.containers, ...(spec.initContainers ?? [])].map((container) => container.image),
    );
    expect([...new Set(images)].sort()).toEqual([...(metadata.images ?? [])].sort());
  });

  it('every container honours global.imageRegistry and every pod global.nodeSelector (ksbuilder lint)', async () => {
    const dir = await packageDir();
    const key = `k${Math.random().toString(36).slice(2, 12)}`;
    const pods = podSpecs(
      await renderPackage(dir, [
        '--set',
        `global.imageRegistry=${key}`,
        '--set-json',
        `global.nodeSelector={"kubernetes.io/os":"${key}"}`,
      ]),
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const { spec } of pods) {
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])])
        expect(container.image).toContain(key);
      expect(spec.nodeSelector?.['kubernetes.io/os']).toBe(key);
    }
  });
});

describe('the extension package', () => {
  it('lints with helm as ksbuilder lint does (Chart.yaml generated from extension.yaml, subcharts included)', async () => {
    const dir = await packageDir();
    const { stdout } = await helm(['lint', '--strict', '--with-subcharts', dir, '--namespace', NAMESPACE]);
    expect(stdout).toContain('0 chart(s) failed');
  });

  it('packages (ksbuilder package) into a chart under the 1 MiB ConfigMap limit, with only what the extension needs', async () => {
    const dir = await packageDir();
    const out = await mkdtemp(join(tmpdir(), 'si-package-'));
    const { stdout } = await helm(['package', dir, '--destination', out]);
    const file = join(out, 'store-importer-0.1.0.tgz');
    expect(stdout).toContain(file);
    expect((await stat(file)).size).toBeLessThan(1024 * 1024);
    const { stdout: listing } = await run('tar', ['-tzf', file]);
    const files = listing.trim().split('\n').sort();
    expect(
      files.filter((name) => !/^store-importer\/(charts\/backend\/templates\/|static\/)/.test(name)),
    ).toEqual(
      [
        'store-importer/.helmignore',
        'store-importer/Chart.yaml',
        'store-importer/charts/backend/Chart.yaml',
        'store-importer/charts/backend/values.yaml',
        'store-importer/docs/install.md',
        ...(files.includes('store-importer/README.md') ? ['store-importer/README.md'] : []),
        ...files.filter(
          (name) => /^store-importer\/docs\//.test(name) && name !== 'store-importer/docs/install.md',
        ),
        'store-importer/extension.yaml',
        'store-importer/permissions.yaml',
      ].sort(),
    );
    expect(files.some((name) => name.includes('/crds/') && !name.includes('/templates/crds/'))).toBe(false);
    // The installer reads permissions.yaml from the chart's files (ks-core installplan_controller.go).
    const { stdout: chartYaml } = await run('tar', ['-xzOf', file, 'store-importer/Chart.yaml']);
    const chart = parseYaml(chartYaml) as {
      name: string;
      version: string;
      icon: string;
      dependencies: { name: string }[];
    };
    expect(chart).toMatchObject({
      name: 'store-importer',
      version: '0.1.0',
      dependencies: [{ name: 'backend' }],
    });
    expect(chart.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await readFile(join(repoRoot, 'permissions.yaml'), 'utf8')).toContain('kind: ClusterRole');
  });
});
