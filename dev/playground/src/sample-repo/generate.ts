// Generates the sample Helm repository with the real helm binary: `helm create` for each chart,
// our Chart.yaml per version, `helm package`, `helm repo index`. The result is cached in a folder
// named after a hash of this generator's sources, so it is made once and again only when they change.
import { execFile } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

import { cachedDir } from '../cache.js';
import { BULK_BYTES, DEMO_CHARTS, type DemoChart, type DemoVersion } from './charts.js';
import { iconSvg } from './icons.js';

const run = promisify(execFile);
const SOURCES = ['charts.ts', 'icons.ts', 'generate.ts'].map((name) => new URL(name, import.meta.url));

/** Where icons live in the repository; the server points each index entry at its chart's icon. */
export const ICONS_DIR = 'icons';

/** Incompressible bytes, the same on every run: AES-CTR of zeros under a key derived from `seed`. */
function bulkBytes(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(length));
}

function chartYaml(chart: DemoChart, version: DemoVersion): string {
  return stringify({
    apiVersion: 'v2',
    name: chart.name,
    description: chart.description,
    type: 'application',
    version: version.version,
    appVersion: version.appVersion,
    keywords: chart.keywords,
    home: `https://example.com/charts/${chart.name}`,
    maintainers: [{ name: 'Store Importer playground', email: 'playground@store-importer.local' }],
    ...(version.deprecated ? { deprecated: true } : {}),
    ...(chart.category ? { annotations: { 'app.kubesphere.io/category': chart.category } } : {}),
  });
}

/** Files that make the package too large; see Bulk. */
function bulkFiles(chart: DemoChart, version: DemoVersion, defaultValues: string): Record<string, Buffer> {
  const seed = `${chart.name}-${version.version}`;
  if (version.bulk === 'docs') {
    return {
      'docs/screenshots/overview.png': bulkBytes(seed, BULK_BYTES),
      'docs/guide.md': Buffer.from(`# ${chart.name}\n\nScreenshots of every page are in screenshots/.\n`),
    };
  }
  if (version.bulk === 'values') {
    const blob = bulkBytes(seed, BULK_BYTES).toString('base64');
    return { 'values.yaml': Buffer.from(`${defaultValues}\n# Embedded seed data.\nseedData: ${blob}\n`) };
  }
  return {};
}

async function packageChart(helm: string, work: string, out: string, chart: DemoChart): Promise<void> {
  await run(helm, ['create', chart.name], { cwd: work });
  const dir = join(work, chart.name);
  const defaultValues = await readFile(join(dir, 'values.yaml'), 'utf8');
  await writeFile(
    join(dir, 'README.md'),
    `# ${chart.name}\n\n${chart.description}.\n\nA demo chart of the store-importer playground.\n`,
  );
  for (const version of chart.versions) {
    await writeFile(join(dir, 'Chart.yaml'), chartYaml(chart, version));
    for (const [path, content] of Object.entries(bulkFiles(chart, version, defaultValues))) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await run(helm, ['package', dir, '--destination', out]);
  }
  await writeFile(join(out, ICONS_DIR, `${chart.name}.svg`), iconSvg(chart));
}

/** Hash of the generator's sources: a change to any of them makes a new repository. */
async function generatorHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const source of SOURCES) hash.update(await readFile(source));
  return hash.digest('hex').slice(0, 12);
}

export interface SampleRepoOptions {
  /** the cache folder, e.g. .cache/playground */
  cacheDir: string;
  /** the helm binary */
  helm: string;
}

/** The sample repository's folder (index.yaml, packages, icons/), generated once per version of this generator. */
export async function ensureSampleRepo(options: SampleRepoOptions): Promise<string> {
  return cachedDir({
    cacheDir: options.cacheDir,
    prefix: 'repo-',
    hash: await generatorHash(),
    marker: 'index.yaml',
    build: async (out) => {
      await mkdir(join(out, ICONS_DIR));
      // Two charts at a time: helm is a process per call, and the machine may have 2 cores.
      const queue = [...DEMO_CHARTS];
      const worker = async (index: number): Promise<void> => {
        const work = await mkdtemp(join(tmpdir(), `playground-chart-${index}-`));
        try {
          for (let chart = queue.shift(); chart; chart = queue.shift())
            await packageChart(options.helm, work, out, chart);
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      };
      await Promise.all([worker(0), worker(1)]);
      // Relative chart URLs: the repository works at whatever address it is served from.
      await run(options.helm, ['repo', 'index', out]);
    },
  });
}
