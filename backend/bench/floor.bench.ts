// Benchmark: how close a whole import comes to the store's floor. The floor is the time the
// store's calls need when `concurrency` of them are always in flight: the calls an import cannot
// avoid (an upload and a version action per version, an app action per app, a create per new
// category, the app and category lists at the start) x the store's latency / concurrency. The
// CLI (built JavaScript) imports a repository shaped like charts.kubesphere.io/test (39 charts,
// 119 versions, one chart with 22) into the KubeSphere emulator, which answers every App Store
// call after LATENCY_MS; wall time runs from the CLI's process start to its exit. One import
// first warms the emulator up (a real ks-apiserver is warm), not counted. The emulator also takes
// its own time to answer beyond the latency: the mean time per call shows how much.
// Run: `npm run bench`, or alone `node --import tsx backend/bench/floor.bench.ts` after
// `npm run build -w backend`. BENCH_FLOOR_RUNS=N for more runs (default 3).
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { ensureHelm } from '../../scripts/ensure-helm.js';
import { buildRepo, type ChartSpec } from '../test/support/charts.js';
import { startRepoServer } from '../test/support/repo-server.js';
import { printTable, timed } from './measure.js';

const CONCURRENCY = Number(process.env.BENCH_FLOOR_CONCURRENCY ?? 8);
const LATENCY_MS = Number(process.env.BENCH_FLOOR_LATENCY_MS ?? 100);
const RUNS = Number(process.env.BENCH_FLOOR_RUNS ?? 3);
const TARGET_RATIO = 1.3;
/** The emulator adds its latency to these paths only (its App Store API). */
const APP_STORE_API = '/kapis/application.kubesphere.io/v2';
/** BENCH_CLI: another build's CLI, to compare with (an older commit's backend/bin/store-importer.js). */
const CLI =
  process.env.BENCH_CLI ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'store-importer.js');

/**
 * Versions per chart and the chart's category, as in charts.kubesphere.io/test (the shared
 * fixture kubesphere-test): a few long charts and many with one version.
 */
const SHAPE: readonly (readonly [versions: number, category?: string])[] = [
  [22],
  [12],
  [9, 'Database & Cache'],
  [8, 'Database & Cache'],
  [7],
  [6],
  [5, 'Database & Cache'],
  [5, 'Message Queueing'],
  [4, 'Database & Cache'],
  [3, 'Networking'],
  [3, 'Database & Cache'],
  [2, 'Database'],
  [2],
  [2],
  [2, 'Database & Cache'],
  [2],
  [2],
  [2],
  ...Array.from({ length: 16 }, () => [1] as const),
  [1, 'Infrastructure'],
  [1, 'Database & Cache'],
  [1, 'Database & Cache'],
  [1, 'cpi'],
  [1],
];

interface LoggedRequest {
  method: string;
  path: string;
}

/** The App Store calls the emulator answered, by kind (`POST /apps/{app}/versions`...). */
function storeCalls(emulator: RunningEmulator): Map<string, number> {
  const { requestLog } = emulator.state() as { requestLog: LoggedRequest[] };
  const byKind = new Map<string, number>();
  for (const { method, path } of requestLog) {
    if (!path.startsWith(APP_STORE_API)) continue;
    const kind = `${method} ${path
      .slice(APP_STORE_API.length)
      .replace(/\/apps\/[^/?]+/, '/apps/{app}')
      .replace(/\/versions\/[^/?]+/, '/versions/{version}')}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return byKind;
}

/** How long the emulator (in this process) took to answer each App Store call, in ms. */
const callMs: number[] = [];
const callStarts = new WeakMap<IncomingMessage, number>();
diagnostics.subscribe('http.server.request.start', (message) => {
  callStarts.set((message as { request: IncomingMessage }).request, performance.now());
});
diagnostics.subscribe('http.server.response.finish', (message) => {
  const { request } = message as { request: IncomingMessage };
  const started = callStarts.get(request);
  if (started !== undefined && request.url?.startsWith(APP_STORE_API))
    callMs.push(performance.now() - started);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

process.env.HELM_BIN ??= await ensureHelm();
const specs: ChartSpec[] = SHAPE.flatMap(([versions, category], chart) =>
  Array.from({ length: versions }, (_, version) => ({
    name: `floor-${String(chart + 1).padStart(2, '0')}`,
    version: `1.${version}.0`,
    ...(category ? { annotations: { 'app.kubesphere.io/category': category } } : {}),
  })),
);
const categories = new Set(SHAPE.flatMap(([, category]) => (category ? [category] : [])));
const floorCalls = 2 * specs.length + SHAPE.length + categories.size + 2;
const floorS = (floorCalls * LATENCY_MS) / CONCURRENCY / 1000;
console.log(`building ${specs.length} chart packages of ${SHAPE.length} charts with helm...`);
const repoDir = await buildRepo(specs);
const repo = await startRepoServer(repoDir);
const emulator = await startEmulator({ faults: { latencyMs: LATENCY_MS } });
console.log(
  `floor: ${floorCalls} calls (${specs.length} uploads + ${specs.length} version actions + ${SHAPE.length} app actions + ` +
    `${categories.size} categories + 2 lists) x ${LATENCY_MS} ms / concurrency ${CONCURRENCY} = ${floorS.toFixed(2)} s`,
);

/** A first import into an empty store: no record of an earlier run (the CLI's run cache) either. */
async function importAll(): Promise<{ wallS: number; rssMiB: number | undefined }> {
  emulator.reset();
  callMs.length = 0;
  const args = ['--server', emulator.url, '--token', emulator.adminToken, '--repo', repo.url];
  const cacheDir = await mkdtemp(join(tmpdir(), 'floor-bench-cache-'));
  const result = await timed(
    process.execPath,
    [CLI, ...args, '--versions', 'all', '--concurrency', String(CONCURRENCY), '--json'],
    { ...process.env, STORE_IMPORTER_CACHE_DIR: cacheDir },
  ).finally(() => rm(cacheDir, { recursive: true, force: true }));
  const report = JSON.parse(result.stdout) as { summary: { created: number } };
  if (report.summary.created !== specs.length)
    throw new Error(`created ${report.summary.created} of ${specs.length}`);
  return result;
}

const rows: string[][] = [];
const ratios: number[] = [];
let lastCalls = new Map<string, number>();
try {
  await importAll();
  for (let run = 1; run <= RUNS; run += 1) {
    const result = await importAll();
    lastCalls = storeCalls(emulator);
    const meanCallMs = callMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, callMs.length);
    const calls = [...lastCalls.values()].reduce((sum, count) => sum + count, 0);
    const ratio = result.wallS / floorS;
    ratios.push(ratio);
    rows.push([
      String(run),
      `${calls} / ${floorCalls}`,
      result.wallS.toFixed(2),
      floorS.toFixed(2),
      ratio.toFixed(2),
      meanCallMs.toFixed(0),
      result.rssMiB === undefined ? 'n/a' : result.rssMiB.toFixed(0),
    ]);
  }
} finally {
  await emulator.close();
  await repo.close();
  await rm(repoDir, { recursive: true, force: true });
}
printTable(
  ['run', 'store calls / floor', 'wall s', 'floor s', 'ratio', 'store ms per call', 'peak RSS MiB'],
  rows,
);
console.log('\nstore calls of the last run, by kind:');
printTable(
  ['call', 'count'],
  [...lastCalls].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => [kind, String(count)]),
);
const medianRatio = median(ratios);
console.log(
  `\nimport vs the store's floor: ${medianRatio.toFixed(2)}x (median of ${RUNS}; target <= ${TARGET_RATIO})`,
);
