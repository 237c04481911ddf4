// The release path (.github/workflows/release.yml cannot run here): the version check it starts
// with, and what the workflow must do, read from its YAML.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { releaseVersion } from '../../../scripts/release-version.js';
import { repoRoot } from '../support/fixtures.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
}

interface Workflow {
  on: { push: { tags: string[] } };
  jobs: { release: { steps: Step[] } };
}

async function workflow(): Promise<Workflow> {
  return parseYaml(await readFile(join(repoRoot, '.github', 'workflows', 'release.yml'), 'utf8')) as Workflow;
}

describe('scripts/release-version.ts', () => {
  it('gives the version and image of extension.yaml when everything agrees with the tag', async () => {
    expect(await releaseVersion(repoRoot, 'v0.1.0')).toEqual({
      version: '0.1.0',
      image: 'docker.io/storeimporter/store-importer',
      registry: 'docker.io',
    });
  });

  it('names every place that disagrees', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'si-release-'));
    for (const path of ['extension.yaml', 'static', 'charts/backend/Chart.yaml', 'backend/package.json'])
      await cp(join(repoRoot, path), join(dir, path), { recursive: true });
    const chart = join(dir, 'charts/backend/Chart.yaml');
    await writeFile(
      chart,
      (await readFile(chart, 'utf8')).replace(/^appVersion: .*$/m, "appVersion: '0.0.9'"),
    );
    await expect(releaseVersion(dir, 'v0.2.0')).rejects.toThrow(
      'extension.yaml says version 0.1.0, but: charts/backend/Chart.yaml appVersion is 0.0.9; the tag v0.2.0 is 0.2.0',
    );
  });
});

describe('.github/workflows/release.yml', () => {
  it('runs on version tags, checks the version against the tag, then the packaging tests', async () => {
    const { on, jobs } = await workflow();
    expect(on.push.tags).toEqual(['v*']);
    const runs = jobs.release.steps.map((step) => step.run ?? '');
    const order = (text: string) => runs.findIndex((run) => run.includes(text));
    expect(order('npm ci')).toBeGreaterThanOrEqual(0);
    expect(order('scripts/release-version.ts --tag "$GITHUB_REF_NAME"')).toBeGreaterThan(order('npm ci'));
    expect(order('npx vitest run backend/test/packaging')).toBeGreaterThan(order('release-version'));
  });

  it('builds and pushes the image for amd64 and arm64, tagged with the version', async () => {
    const build = (await workflow()).jobs.release.steps.find((step) =>
      step.uses?.startsWith('docker/build-push-action@'),
    );
    expect(build?.with).toMatchObject({
      file: 'backend/Dockerfile',
      platforms: 'linux/amd64,linux/arm64',
      push: true,
      tags: '${{ steps.release.outputs.image }}:${{ steps.release.outputs.version }}',
    });
  });

  it('builds the package with npm run package and attaches it to the release', async () => {
    const steps = (await workflow()).jobs.release.steps;
    const runs = steps.map((step) => step.run ?? '');
    const packaged = runs.findIndex((run) => run.trim() === 'npm run package');
    const attached = runs.findIndex((run) =>
      run.includes('gh release create "$GITHUB_REF_NAME" "dist/store-importer-$VERSION.tgz"'),
    );
    expect(packaged).toBeGreaterThan(0);
    expect(attached).toBeGreaterThan(packaged);
  });

  it('pins every action to a commit', async () => {
    const uses = (await workflow()).jobs.release.steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThanOrEqual(6);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });
});
