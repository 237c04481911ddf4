// Benchmark: the service under load. The built service (its own process, memory state,
// MAX_RUNNING_JOBS=5) against the KubeSphere emulator with 10 ms per store request: 20 users
// previewing at once, first alone, then while 5 imports of 5 repositories run and their users
// poll GET /jobs/{id}. Prints p50/p99 of POST /previews and GET /jobs/{id}, and the service's RSS.
// Checks the outcome (every request 200, every job Succeeded, every repository imported once).
// Run: `npm run bench` (after the build), or alone: node --import tsx backend/bench/load.bench.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEmulator, type EmulatorUser } from '@store-importer/kubesphere-emulator';
import { ensureHelm } from '../../scripts/ensure-helm.js';
import { buildRepo, type ChartSpec } from '../test/support/charts.js';
import { startRepoServer, type RepoServer } from '../test/support/repo-server.js';
import { printTable } from './measure.js';

const USERS = 20;
const IMPORTS = 5;
const PREVIEW_ROUNDS = 10;
const LATENCY_MS = 10;
const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT = join(root, 'backend', 'dist', 'service', 'main.js');

process.env.HELM_BIN ??= await ensureHelm();

const specs: ChartSpec[] = [];
for (let chart = 1; chart <= 10; chart += 1)
  for (const version of ['1.0.0', '1.1.0'])
    specs.push({
      name: `load-${String(chart).padStart(2, '0')}`,
      version,
      files: { 'README.md': 'x'.repeat(20_000) },
    });
console.log(`building ${specs.length} chart packages with helm...`);
const repoDir = await buildRepo(specs);
const repos: RepoServer[] = [];
for (let i = 0; i < IMPORTS; i += 1) repos.push(await startRepoServer(repoDir));
const users: EmulatorUser[] = Array.from({ length: USERS }, (_, i) => ({
  username: `user-${i}`,
  password: 'P@88w0rd',
  role: 'platform-admin' as const,
  tokens: [`load-token-${i}`],
}));
const emulator = await startEmulator({ users, faults: { latencyMs: LATENCY_MS } });
const work = await mkdtemp(join(tmpdir(), 'load-bench-'));
await writeFile(join(work, 'sa-token'), 'load-token-0\n');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const entry = existsSync(BUILT)
  ? [BUILT]
  : ['--import', 'tsx', join(root, 'backend', 'src', 'service', 'main.ts')];
const service: ChildProcess = spawn(process.execPath, entry, {
  cwd: root,
  env: {
    PATH: process.env.PATH,
    LISTEN_HOST: '127.0.0.1',
    PORT: String(port),
    STATE_BACKEND: 'memory',
    KS_APISERVER_URL: emulator.url,
    KS_SERVICEACCOUNT_TOKEN_FILE: join(work, 'sa-token'),
    POD_NAME: 'load-bench',
    OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32',
    MAX_RUNNING_JOBS: String(IMPORTS),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

/** The service's current and peak RSS, MiB, from /proc. */
function rssOf(pid: number | undefined): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; ms: number; json: unknown }> {
  const started = performance.now();
  const response = await fetch(`${base}${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, ms, json: JSON.parse(text) as unknown };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Every user previews PREVIEW_ROUNDS times, one after the other, all users at once. */
async function previewLoad(): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    users.map(async (user, i) => {
      for (let round = 0; round < PREVIEW_ROUNDS; round += 1) {
        const repo = repos[(i + round) % repos.length];
        const result = await call('POST', '/previews', user.tokens?.[0] ?? '', {
          source: { url: repo?.url },
          versions: 'all',
        });
        if (result.status !== 200)
          throw new Error(`preview: HTTP ${result.status} ${JSON.stringify(result.json)}`);
        samples.push(result.ms);
      }
    }),
  );
  return samples;
}

const rows: string[][] = [];
const row = (phase: string, endpoint: string, samples: number[]) =>
  rows.push([
    phase,
    endpoint,
    String(samples.length),
    percentile(samples, 50).toFixed(1),
    percentile(samples, 99).toFixed(1),
    Math.max(...samples).toFixed(1),
  ]);

try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('the service did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const idle = rssOf(service.pid);
  console.log(
    `service: ${entry.length === 1 ? 'built' : 'tsx'}, ${USERS} users, ${IMPORTS} repositories of ${specs.length} versions, store +${LATENCY_MS} ms`,
  );

  // Warm-up, then 20 users previewing alone.
  await call('POST', '/previews', 'load-token-0', { source: { url: repos[0]?.url } });
  row('previews only', 'POST /previews', await previewLoad());
  const afterPreviews = rssOf(service.pid);

  // 5 imports at once, their users polling, and 20 users previewing meanwhile.
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(service.pid).rss);
  }, 50);
  const importStart = performance.now();
  const started = await Promise.all(
    repos.map((repo, i) =>
      call('POST', '/jobs', `load-token-${i}`, { source: { url: repo.url }, versions: 'all' }),
    ),
  );
  const ids = started.map((result) => {
    if (result.status !== 202)
      throw new Error(`POST /jobs: HTTP ${result.status} ${JSON.stringify(result.json)}`);
    return (result.json as { id: string }).id;
  });
  const statusSamples: number[] = [];
  const polls = ids.map(async (id, i) => {
    for (;;) {
      const result = await call('GET', `/jobs/${id}`, `load-token-${i}`);
      if (result.status !== 200) throw new Error(`GET /jobs/${id}: HTTP ${result.status}`);
      statusSamples.push(result.ms);
      const phase = (result.json as { status: { phase: string } }).status.phase;
      if (!['Pending', 'Running'].includes(phase)) return phase;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  const [previewSamples, phases] = await Promise.all([previewLoad(), Promise.all(polls)]);
  const importS = (performance.now() - importStart) / 1000;
  clearInterval(sampler);
  row('with 5 imports', 'POST /previews', previewSamples);
  row('with 5 imports', 'GET /jobs/{id}', statusSamples);
  if (phases.some((phase) => phase !== 'Succeeded')) throw new Error(`jobs ended ${phases.join(', ')}`);
  const state = emulator.state() as { apps: unknown[]; versions: { metadata: { name: string } }[] };
  const names = new Set(state.versions.map((version) => version.metadata.name));
  if (
    state.apps.length !== IMPORTS * 10 ||
    state.versions.length !== IMPORTS * specs.length ||
    names.size !== state.versions.length
  )
    throw new Error(
      `store: ${state.apps.length} apps, ${state.versions.length} versions, ${names.size} distinct`,
    );
  const end = rssOf(service.pid);

  printTable(['phase', 'endpoint', 'requests', 'p50 ms', 'p99 ms', 'max ms'], rows);
  console.log('');
  printTable(
    ['service RSS', 'MiB'],
    [
      ['idle, after start', idle.rss.toFixed(0)],
      ['after 200 previews', afterPreviews.rss.toFixed(0)],
      ['peak during 5 imports + 200 previews', peak.toFixed(0)],
      ['peak of the process (VmHWM)', end.hwm.toFixed(0)],
      ['at the end', end.rss.toFixed(0)],
    ],
  );
  console.log(
    `\n5 imports of ${specs.length} versions each: all Succeeded in ${importS.toFixed(1)} s; ` +
      `store: ${state.apps.length} apps, ${state.versions.length} versions, no duplicate`,
  );
} finally {
  service.kill('SIGTERM');
  await emulator.close();
  for (const repo of repos) await repo.close();
  await rm(repoDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
}
