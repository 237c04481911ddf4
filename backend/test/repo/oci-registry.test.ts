// The OCI client against a real registry (distribution v2), charts pushed by the real helm.
// Needs: the `docker-registry` binary (Debian package docker-registry) and helm (HELM_BIN,
// installed by scripts/ensure-helm.js in the vitest global setup). Skips clearly otherwise.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import { type TestRegistry, findRegistryBinary, helmWorkspace, startRegistry } from '../support/registry.js';

const registryBinary = findRegistryBinary();
const helm = process.env.HELM_BIN;
const ready = registryBinary !== undefined && helm !== undefined && existsSync(helm);
const title = ready
  ? 'OCI repository (real registry, charts pushed by helm)'
  : 'OCI repository (real registry) (skipped: needs the docker-registry binary, Debian package `docker-registry`, and HELM_BIN)';

const VERSIONS = ['0.1.0', '1.0.0+build.1', '0.2.0-rc.1', '0.10.0'];

describe.skipIf(!ready)(title, () => {
  let registry: TestRegistry | undefined;
  let work = '';
  const packages = new Map<string, Buffer>();

  beforeAll(async () => {
    if (!registryBinary || !helm) return;
    registry = await startRegistry(registryBinary);
    const workspace = helmWorkspace(helm, 'oci-charts-', 'demo');
    work = workspace.dir;
    const run = workspace.helm;
    for (const version of VERSIONS) {
      workspace.setVersion('demo', version, `Demo chart ${version}`);
      run(['package', 'demo', '--app-version', `app-${version}`]);
      const file = join(work, `demo-${version}.tgz`);
      packages.set(version, readFileSync(file));
      run(['push', file, `oci://${registry.host}/charts`, '--plain-http']);
    }
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('lists the pushed versions newest first, with metadata of the newest', async () => {
    const url = `oci://${registry?.host ?? ''}/charts/demo`;
    const index = await createChartRepository({ url }, { plainHttp: true }).loadIndex();
    const versions = index.entries.get('demo') ?? [];
    expect(versions.map((v) => v.version)).toEqual(['1.0.0+build.1', '0.10.0', '0.2.0-rc.1', '0.1.0']);
    expect(versions[0]).toMatchObject({
      name: 'demo',
      apiVersion: 'v2',
      appVersion: 'app-1.0.0+build.1',
      description: 'Demo chart 1.0.0+build.1',
      urls: [`${url}:1.0.0_build.1`],
    });
    expect(index.warnings).toEqual([]);
  });

  it('downloads every version, byte for byte, its digest verified', async () => {
    const url = `oci://${registry?.host ?? ''}/charts/demo`;
    const client = createChartRepository({ url }, { plainHttp: true, ociMetadataVersions: 10 });
    const index = await client.loadIndex();
    for (const version of index.entries.get('demo') ?? []) {
      expect(version.digest).toMatch(/^[0-9a-f]{64}$/);
      const fetched = await client.fetchPackage(version);
      expect(fetched.digestWarning).toBeUndefined();
      expect(fetched.bytes.equals(packages.get(version.version) ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it("knows every version's package size from its manifest, without downloading it", async () => {
    const url = `oci://${registry?.host ?? ''}/charts/demo`;
    const requested: string[] = [];
    const client = createChartRepository(
      { url },
      { plainHttp: true, checkUrl: (target) => void requested.push(target.pathname) },
    );
    const versions = (await client.loadIndex()).entries.get('demo') ?? [];
    requested.length = 0;
    for (const version of versions)
      expect(await client.packageSize?.(version)).toBe(packages.get(version.version)?.length);
    expect(requested).toHaveLength(versions.length);
    for (const path of requested) expect(path).toMatch(/^\/v2\/charts\/demo\/manifests\//);
  });

  it('reports an unknown repository', async () => {
    const url = `oci://${registry?.host ?? ''}/charts/nope`;
    await expect(createChartRepository({ url }, { plainHttp: true }).loadIndex()).rejects.toThrow(
      /no such repository \(404\)/,
    );
  });
});
