// extension.yaml and the package `npm run package` builds, checked the way ksbuilder and KubeSphere's
// installer use them (kubesphere/ksbuilder: pkg/api/metadata.go Validate, pkg/extension/lint.go
// WithHelm/WithBuiltins, cmd/package.go; ks-core pkg/controller/core/installplan_controller.go),
// with the real helm doing the loading, linting and rendering that they do through Helm's library.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { startKubeApiserverEmulator } from '@store-importer/kube-apiserver-emulator';
import {
  anchoredIgnores,
  CONFIGMAP_LIMIT_BYTES,
  PackageError,
  packageExtension,
  REQUIRED_METADATA_FIELDS,
} from '../../../scripts/package-extension.js';
import { repoRoot } from '../support/fixtures.js';
import {
  builtPackage,
  chartValues,
  extensionMetadata,
  helm,
  type KObject,
  NAMESPACE,
  expectSchemaValid,
  renderPackage,
} from './support.js';

const run = promisify(execFile);
// ISO 639-1 codes ksbuilder accepts include these; the console reads en and zh.
const LANGUAGES = ['en', 'zh'];

interface PodSpec {
  containers: { name: string; image: string }[];
  initContainers?: { name: string; image: string }[];
  nodeSelector?: Record<string, string>;
}

/** ksbuilder lint's workload kinds (lintGlobalImageRegistry, lintGlobalNodeSelector) and their pod specs. */
function podSpecs(objects: KObject[]): { name: string; spec: PodSpec }[] {
  const templated = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
  return objects.flatMap((object) => {
    const name = `${object.kind}/${object.metadata.name}`;
    const spec = object.spec as {
      template?: { spec: PodSpec };
      jobTemplate?: { spec: { template: { spec: PodSpec } } };
    };
    if (templated.includes(object.kind) && spec.template) return [{ name, spec: spec.template.spec }];
    if (object.kind === 'CronJob' && spec.jobTemplate)
      return [{ name, spec: spec.jobTemplate.spec.template.spec }];
    if (object.kind === 'Pod') return [{ name, spec: object.spec as PodSpec }];
    return [];
  });
}

function imagesOf(objects: KObject[]): string[] {
  return podSpecs(objects).flatMap(({ spec }) =>
    [...spec.containers, ...(spec.initContainers ?? [])].map((container) => container.image),
  );
}

async function listing(file: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', file]);
  return stdout.trim().split('\n').sort();
}

describe('extension.yaml', () => {
  it("has every field ksbuilder requires, in valid languages, with the issue's settings", async () => {
    const metadata = await extensionMetadata();
    for (const field of REQUIRED_METADATA_FIELDS) expect(metadata[field], field).toBeTruthy();
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
});

describe('npm run package', () => {
  it('packages the tree as it is: one chart under the 1 MiB ConfigMap limit, with only the extension', async () => {
    const { file, bytes } = await builtPackage();
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(CONFIGMAP_LIMIT_BYTES);
    const files = await listing(file);
    expect(
      files.filter((name) => !/^store-importer\/(charts\/backend\/templates\/|static\/|docs\/)/.test(name)),
    ).toEqual(
      [
        'store-importer/.helmignore',
        'store-importer/Chart.yaml',
        'store-importer/README.md',
        'store-importer/charts/backend/Chart.yaml',
        'store-importer/charts/backend/values.yaml',
        'store-importer/extension.yaml',
        // the installer reads it from the package (installplan_controller.go usesPermissions)
        'store-importer/permissions.yaml',
        // the Install dialog's configuration (ks-console stores/extension.ts reads values.yaml)
        'store-importer/values.yaml',
      ].sort(),
    );
    expect(files).toContain('store-importer/docs/install.md');
    expect(files).toContain('store-importer/static/icon.svg');
    // CRDs are templates, so that `helm uninstall` removes them (docs/install.md)
    expect(files.some((name) => name.includes('/crds/') && !name.includes('/templates/crds/'))).toBe(false);
  });

  it("writes Chart.yaml from extension.yaml as ksbuilder's ToChartYaml does, the icon inlined", async () => {
    const { file } = await builtPackage();
    const { stdout } = await run('tar', ['-xzOf', file, 'store-importer/Chart.yaml']);
    const chart = parseYaml(stdout) as Record<string, unknown>;
    const metadata = await extensionMetadata();
    const icon = await readFile(join(repoRoot, metadata.icon));
    expect(chart).toEqual({
      apiVersion: 'v2',
      name: metadata.name,
      version: metadata.version,
      description: metadata.description.en,
      keywords: metadata.keywords,
      kubeVersion: metadata.kubeVersion,
      maintainers: metadata.maintainers,
      // helm's Dependency always writes `repository` (pkg/chart/dependency.go)
      dependencies: metadata.dependencies?.map((dependency) => ({ repository: '', ...dependency })),
      icon: `data:image/svg+xml;base64,${icon.toString('base64')}`,
    });
  });

  it('loads with the real helm: lint --strict of the package and of its subchart, as ksbuilder lint does', async () => {
    const { file } = await builtPackage();
    const dir = await mkdtemp(join(tmpdir(), 'si-unpacked-'));
    await run('tar', ['-xzf', file, '-C', dir]);
    const { stdout } = await helm([
      'lint',
      '--strict',
      '--with-subcharts',
      join(dir, 'store-importer'),
      '--namespace',
      NAMESPACE,
    ]);
    expect(stdout).toContain('2 chart(s) linted, 0 chart(s) failed');
  });

  it("offers in the Install dialog only keys of the backend's values, at their defaults", async () => {
    const offered = parseYaml(await readFile(join(repoRoot, 'values.yaml'), 'utf8')) as { backend: object };
    const defaults = await chartValues();
    const leaves = (node: unknown, path: string[]): [string[], unknown][] =>
      node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0
        ? Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]))
        : [[path, node]];
    const at = (path: string[]): unknown =>
      path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], defaults);
    const offeredLeaves = leaves(offered.backend, []);
    expect(offeredLeaves.length).toBeGreaterThan(5);
    for (const [path, value] of offeredLeaves)
      expect({ key: path.join('.'), value }).toEqual({ key: path.join('.'), value: at(path) });
  });

  it("renders with the values KubeSphere's installer injects, and ksbuilder lint's rules hold", async () => {
    const metadata = await extensionMetadata();
    // lintExtensionsImages: every image extension.yaml lists appears in the default render
    expect([...new Set(imagesOf(await renderPackage()))].sort()).toEqual([...(metadata.images ?? [])].sort());

    const key = `k${Math.random().toString(36).slice(2, 12)}`;
    const objects = await renderPackage({
      imageRegistry: `${key}.registry.local:5000`,
      nodeSelector: { 'kubernetes.io/os': key, 'node-role.kubernetes.io/worker': 'true' },
      clusterInfo: { name: 'host', role: 'host' },
      portalURL: 'https://ks.example.com',
    });
    const pods = podSpecs(objects);
    expect(pods.map(({ name }) => name)).toEqual(['Deployment/store-importer']);
    for (const { name, spec } of pods) {
      // lintGlobalImageRegistry (contains) made strict: the registry replaces the image's own
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])])
        expect({ name, image: container.image }).toEqual({
          name,
          image: expect.stringMatching(
            new RegExp(`^${key}\\.registry\\.local:5000/storeimporter/store-importer:`),
          ) as string,
        });
      // lintGlobalNodeSelector, with a key that has dots (the installer escapes them)
      expect(spec.nodeSelector).toMatchObject({
        'kubernetes.io/os': key,
        'node-role.kubernetes.io/worker': 'true',
      });
    }
    await expectSchemaValid(objects);
  });

  it('ships CRDs the API server accepts (structural schemas, names, one storage version)', async () => {
    const crds = (await renderPackage()).filter((object) => object.kind === 'CustomResourceDefinition');
    expect(crds.map((crd) => crd.metadata.name).sort()).toEqual([
      'importjobs.storeimporter.kubesphere.io',
      'repoimports.storeimporter.kubesphere.io',
    ]);
    const server = await startKubeApiserverEmulator({ crds, namespaces: [NAMESPACE] });
    try {
      const response = await fetch(`${server.url}/apis/storeimporter.kubesphere.io/v1alpha1`, {
        headers: { Authorization: `Bearer ${server.token}` },
      });
      const resources = ((await response.json()) as { resources: { name: string }[] }).resources;
      expect(resources.map((resource) => resource.name).sort()).toEqual([
        'importjobs',
        'importjobs/status',
        'repoimports',
        'repoimports/status',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('the packager', () => {
  /** A small extension directory: the real extension.yaml, icon and chart, plus `extra` files. */
  async function extensionTree(extra: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'si-tree-'));
    for (const path of ['extension.yaml', 'permissions.yaml', '.helmignore', 'static', 'charts/backend'])
      await cp(join(repoRoot, path), join(dir, path), { recursive: true });
    for (const [path, text] of Object.entries(extra)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    return dir;
  }

  it("refuses a stray file under charts/: Helm's loader takes every entry there for a subchart", async () => {
    const dir = await extensionTree({ 'charts/NOTES.md': 'notes' });
    const error = await packageExtension({ dir, outDir: join(dir, 'out') }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PackageError);
    expect(String(error)).toMatch(/NOTES\.md/);
  });

  it('skips only what helm itself ignores when it copies the tree', async () => {
    const skip = await anchoredIgnores(repoRoot);
    expect(skip.dirs).toContain('node_modules');
    // every entry the copy skips, as a file and as a folder, packaged by helm alone: none is kept
    const stubs: Record<string, string> = Object.fromEntries([
      ...[...skip.files].map((name): [string, string] => [name, 'x']),
      ...[...skip.dirs]
        .filter((name) => !skip.files.has(name))
        .map((name): [string, string] => [`${name}/stub`, 'x']),
    ]);
    const dir = await extensionTree(stubs);
    await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: store-importer\nversion: 0.1.0\n');
    await helm(['package', dir, '--destination', join(dir, 'out')]);
    const kept = (await listing(join(dir, 'out', 'store-importer-0.1.0.tgz'))).map((name) =>
      name.replace(/^store-importer\//, ''),
    );
    const skipped = new Set([...skip.files, ...skip.dirs]);
    expect(kept.filter((name) => skipped.has(name.split('/')[0] ?? ''))).toEqual([]);
    expect(kept).toContain('charts/backend/values.yaml');
  });

  it('names what is wrong in extension.yaml', async () => {
    const dir = await extensionTree({});
    const text = await readFile(join(dir, 'extension.yaml'), 'utf8');
    await writeFile(
      join(dir, 'extension.yaml'),
      text.replace(/^category: .*$/m, '').replace('  zh:\n    name:', '  cn:\n    name:'),
    );
    await expect(packageExtension({ dir })).rejects.toThrow(/required field\(s\) missing: category/);
    await writeFile(join(dir, 'extension.yaml'), text.replace('  zh:\n    name:', '  chinese:\n    name:'));
    await expect(packageExtension({ dir })).rejects.toThrow(
      /provider\.chinese is not an ISO 639-1 language code/,
    );
  });
});
