// Builds real chart packages and repository indexes with the real helm binary.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { png } from '@store-importer/emulator-kit';

const run = promisify(execFile);

/**
 * The icon of a test chart unless it names one: inline, so an import stores it without reaching
 * out (an https URL would send every test's imports to the internet).
 */
const DEFAULT_ICON = `data:image/png;base64,${png(1, 1).toString('base64')}`;

export function helmBin(): string {
  const bin = process.env.HELM_BIN;
  if (!bin)
    throw new Error('HELM_BIN is not set: run the tests through vitest (its global setup installs helm)');
  return bin;
}

export interface ChartSpec {
  name: string;
  version: string;
  annotations?: Record<string, string>;
  /** Chart.yaml's keywords. */
  keywords?: string[];
  deprecated?: boolean;
  /** Chart.yaml's icon; default a 1x1 PNG as a data: URI. */
  icon?: string;
  /** Extra files, path relative to the chart folder -> content. */
  files?: Record<string, string | Buffer>;
}

/** `helm create` + edits + `helm package` into `repoDir`; returns the package path. */
export async function buildChart(repoDir: string, spec: ChartSpec): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'chart-src-'));
  try {
    await run(helmBin(), ['create', spec.name], { cwd: work });
    const chartDir = join(work, spec.name);
    const chartYaml = join(chartDir, 'Chart.yaml');
    let text = (await readFile(chartYaml, 'utf8')).replace(/^version: .*$/m, `version: ${spec.version}`);
    text += `icon: ${spec.icon ?? DEFAULT_ICON}\nhome: https://example.com/${spec.name}\n`;
    text += 'maintainers:\n  - name: Store Importer Tests\n    email: tests@example.com\n';
    if (spec.deprecated) text += 'deprecated: true\n';
    if (spec.keywords)
      text += `keywords:\n${spec.keywords.map((word) => `  - ${JSON.stringify(word)}\n`).join('')}`;
    if (spec.annotations) {
      text += 'annotations:\n';
      for (const [key, value] of Object.entries(spec.annotations))
        text += `  ${JSON.stringify(key)}: ${JSON.stringify(value)}\n`;
    }
    await writeFile(chartYaml, text);
    for (const [path, content] of Object.entries(spec.files ?? {})) {
      await mkdir(join(chartDir, path, '..'), { recursive: true });
      await writeFile(join(chartDir, path), content);
    }
    await mkdir(repoDir, { recursive: true });
    await run(helmBin(), ['package', chartDir, '--destination', repoDir]);
    return join(repoDir, `${spec.name}-${spec.version}.tgz`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `helm repo index`: relative chart URLs, or absolute ones under `url`. */
export async function indexRepo(repoDir: string, url?: string): Promise<void> {
  await run(helmBin(), ['repo', 'index', repoDir, ...(url ? ['--url', url] : [])]);
}

/** A repository of the given charts, indexed by helm, in a new temp folder. */
export async function buildRepo(specs: ChartSpec[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'helm-repo-'));
  for (const spec of specs) await buildChart(dir, spec);
  await indexRepo(dir);
  return dir;
}
