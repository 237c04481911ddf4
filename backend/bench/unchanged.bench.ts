// Benchmark: a re-run of the CLI (built JavaScript) against a repository that has not changed
// since its last complete run, next to a full re-run (--full) of the same repository, with every
// KubeSphere call 100 ms away. The unchanged run reads the index and one app list; the full one
// also lists every app's versions. Run: `npm run bench`.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '@store-importer/kubesphere-emulator';
import { startRepoServer } from '../test/support/repo-server.js';
import { minimalChartPackage } from '../test/support/tarballs.js';
import { printTable, timed } from './measure.js';

const CHARTS = Number(process.env.BENCH_CHARTS ?? 100);
const VERSIONS_PER_CHART = 3;
const LATENCY_MS = 100;
const RUNS = 3;
const CLI =
  process.env.BENCH_CLI ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'store-importer.js');

/** CHARTS x VERSIONS_PER_CHART packages and their index.yaml, written without helm (seconds, not minutes). */
async function writeRepository(dir: string): Promise<number> {
  const lines = ['apiVersion: v1', 'entries:'];
  let versions = 0;
  for (let chart = 1; chart <= CHARTS; chart += 1) {
    const name = `bench-${String(chart).padStart(3, '0')}`;
    lines.push(`  ${name}:`);
    for (let minor = VERSIONS_PER_CHART - 1; minor >= 0; minor -= 1) {
      const version = `1.${minor}.0`;
      const bytes = minimalChartPackage(name, version);
      const file = `${name}-${version}.tgz`;
      await writeFile(join(dir, file), bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      lines.push(
        `  - apiVersion: v2`,
        `    name: ${name}`,
        `    version: ${version}`,
        `    description: bench`,
        `    created: "2025-01-01T00:00:00Z"`,
        `    digest: ${digest}`,
        `    urls: [${file}]`,
      );
      versions += 1;
    }
  }
  lines.push(`generated: "${new Date().toISOString()}"`, '');
  await writeFile(join(dir, 'index.yaml'), lines.join('\n'));
  return versions;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const repoDir = await mkdtemp(join(tmpdir(), 'bench-unchanged-repo-'));
const cacheDir = await mkdtemp(join(tmpdir(), 'bench-unchanged-cache-'));
const versions = await writeRepository(repoDir);
const repo = await startRepoServer(repoDir);
const emulator = await startEmulator();
const env = { ...process.env, STORE_IMPORTER_CACHE_DIR: cacheDir };
const cli = (...extra: string[]) =>
  timed(
    process.execPath,
    [
      CLI,
      '--server',
      emulator.url,
      '--token',
      emulator.adminToken,
      '--repo',
      repo.url,
      '--versions',
      'all',
      '--json',
      ...extra,
    ],
    env,
  );
type Report = { summary: { created: number; exists: number; failed: number }; unchanged?: boolean };

try {
  // The store gets the repository first, without latency: only the re-runs are measured.
  const first = JSON.parse((await cli()).stdout) as Report;
  if (first.summary.created !== versions) throw new Error(`created ${first.summary.created} of ${versions}`);
  emulator.setFaults({ latencyMs: LATENCY_MS });
  console.log(`repository: ${versions} versions of ${CHARTS} charts; store round trip +${LATENCY_MS} ms`);
  const full: number[] = [];
  const unchanged: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const fullRun = await cli('--full');
    const fullReport = JSON.parse(fullRun.stdout) as Report;
    if (fullReport.unchanged || fullReport.summary.exists !== versions)
      throw new Error('--full did not run in full');
    full.push(fullRun.wallS);
    const quick = await cli();
    const quickReport = JSON.parse(quick.stdout) as Report;
    if (!quickReport.unchanged || quickReport.summary.exists !== versions)
      throw new Error('the re-run was not found unchanged');
    unchanged.push(quick.wallS);
  }
  printTable(
    ['re-run (median of 3)', 'wall s'],
    [
      ['full (--full)', median(full).toFixed(2)],
      ['unchanged', median(unchanged).toFixed(2)],
    ],
  );
} finally {
  await emulator.close();
  await repo.close();
  await rm(repoDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
}
