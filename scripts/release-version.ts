// The release's version and image, from extension.yaml, after checking that every place that
// names the version agrees (the image tag, the chart's version and appVersion, the backend package
// the CLI and service report). .github/workflows/release.yml runs it with the pushed tag:
//   node --import tsx scripts/release-version.ts [--tag v0.1.0]
// prints `version=0.1.0`, `image=docker.io/storeimporter/store-importer` and `registry=docker.io`
// (for $GITHUB_OUTPUT);
// a disagreement exits 1 naming each file.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { parse as parseYaml } from 'yaml';

import { loadMetadata } from './package-extension.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ReleaseVersion {
  version: string;
  /** the image repository without its tag: what the release pushes */
  image: string;
  /** the registry host to log in to (Docker's rule: a first segment without . or : is Docker Hub) */
  registry: string;
}

export async function releaseVersion(dir = repoRoot, tag?: string): Promise<ReleaseVersion> {
  const metadata = await loadMetadata(dir);
  const { version } = metadata;
  const chart = parseYaml(await readFile(join(dir, 'charts', 'backend', 'Chart.yaml'), 'utf8')) as {
    version?: unknown;
    appVersion?: unknown;
  };
  const backend = JSON.parse(await readFile(join(dir, 'backend', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  const images = metadata.images ?? [];
  const [image = ''] = images;
  const found: [string, unknown][] = [
    ['charts/backend/Chart.yaml version', chart.version],
    ['charts/backend/Chart.yaml appVersion', chart.appVersion],
    ['backend/package.json version', backend.version],
    ...images.map((name): [string, unknown] => [`extension.yaml images: ${name}`, name.split(':').pop()]),
  ];
  if (tag !== undefined) found.push([`the tag ${tag}`, tag.replace(/^v/, '')]);
  const wrong = found.filter(([, value]) => String(value) !== version);
  if (images.length !== 1) wrong.push(['extension.yaml images (one image: the backend)', images.length]);
  if (wrong.length > 0)
    throw new Error(
      `extension.yaml says version ${version}, but: ${wrong.map(([where, value]) => `${where} is ${String(value)}`).join('; ')}`,
    );
  const repository = image.slice(0, image.lastIndexOf(':'));
  const [first = ''] = repository.split('/');
  const registry = /[.:]/.test(first) || first === 'localhost' ? first : 'docker.io';
  return { version, image: repository, registry };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { tag: { type: 'string' } } });
  try {
    const { version, image, registry } = await releaseVersion(repoRoot, values.tag);
    console.log(`version=${version}\nimage=${image}\nregistry=${registry}`);
  } catch (error) {
    console.error(`release-version: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
