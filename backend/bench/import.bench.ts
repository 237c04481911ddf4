// Benchmark: a whole import through the CLI (built JavaScript), into the KubeSphere emulator with
// a simulated network round trip, at several concurrencies. Shows the speed-up of bounded
// concurrency with pipelined downloads and uploads, and that peak memory follows concurrency x
// package size, not the repository's size. Run: `npm run bench`.
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '@store-importer/kubesphere-emulator';
import { ensureHelm } from '../../scripts/ensure-helm.js';
import { buildRepo, type ChartSpec } from '../test/support/charts.js';
import { startRepoServer } from '../test/support/repo-server.js';
import { printTable, timed } from './measure.js';

const CHARTS = Number(process.env.BENCH_CHARTS ?? 40);
const VERSIONS_PER_CHART = 3;
/** Incompressible payload per package: close to, but under, the store's 1 MiB limit. */
const PAYLOAD_BYTES = 700 * 1024;
const LATENCY_MS = 10;
/** BENCH_CLI: another build's CLI, to compare with (an older commit's backend/bin/store-importer.js). */
const CLI =
  process.env.BENCH_CLI ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'store-importer.js');

process.env.HELM_BIN ??= await ensureHelm();
const specs: ChartSpec[] = [];
for (let chart = 1; chart <= CHARTS; chart += 1) {
  for (let version = 0; version < VERSIONS_PER_CHART; version += 1) {
    specs.push({
      name: `bench-${String(chart).padStart(2, '0')}`,
      version: `1.${version}.0`,
      files: { 'files/payload.bin': randomBytes(PAYLOAD_BYTES) },
    });
  }
}
console.log(`building ${specs.length} chart packages with helm...`);
const repoDir = await buildRepo(specs);
const repoBytes = readdirSync(repoDir)
  .filter((name) => name.endsWith('.tgz'))
  .reduce((sum, name) => sum + statSync(join(repoDir, name)).size, 0);
const repo = await startRepoServer(repoDir);
const emulator = await startEmulator({ faults: { latencyMs: LATENCY_MS } });
console.log(
  `repository: ${specs.length} versions of ${CHARTS} charts, ${(repoBytes / 1024 / 1024).toFixed(0)} MiB of packages; ` +
    `store round trip +${LATENCY_MS} ms`,
);

const rows: string[][] = [];
try {
  for (const concurrency of [1, 4, 8]) {
    emulator.reset();
    const args = ['--server', emulator.url, '--token', emulator.adminToken, '--repo', repo.url];
    // The CLI's record of its runs: none before the first import, the first one's for the re-run.
    const cacheDir = await mkdtemp(join(tmpdir(), 'import-bench-cache-'));
    const env = { ...process.env, STORE_IMPORTER_CACHE_DIR: cacheDir };
    const run = await timed(
      process.execPath,
      [CLI, ...args, '--versions', 'all', '--concurrency', String(concurrency), '--json'],
      env,
    );
    const report = JSON.parse(run.stdout) as { summary: { created: number; failed: number } };
    if (report.summary.created !== specs.length)
      throw new Error(`created ${report.summary.created} of ${specs.length}`);
    const rerun = await timed(
      process.execPath,
      [CLI, ...args, '--versions', 'all', '--concurrency', String(concurrency), '--json'],
      env,
    );
    await rm(cacheDir, { recursive: true, force: true });
    rows.push([
      String(concurrency),
      run.wallS.toFixed(2),
      (specs.length / run.wallS).toFixed(1),
      run.rssMiB === undefined ? 'n/a' : run.rssMiB.toFixed(0),
      rerun.wallS.toFixed(2),
    ]);
  }
} finally {
  await emulator.close();
  await repo.close();
  await rm(repoDir, { recursive: true, force: true });
}
printTable(['concurrency', 'import s', 'versions/s', 'peak RSS MiB', 're-run (no change) s'], rows);
