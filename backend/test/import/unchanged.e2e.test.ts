// Re-runs against a repository that has not changed since the last complete run: one check of
// the store's app list, the same report, and a full run whenever anything differs. These tests
// share one run-record folder between the runs of a test on purpose (runCli otherwise gives
// each run a fresh one).
import { mkdtemp, readFile, rm, stat, unlink, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildChart, indexRepo } from '../support/charts.js';
import { type CliResult, parseReport, runCli } from '../support/cli.js';
import { stateOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const CHARTS = [
  { name: 'alpha', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'alpha', version: '0.2.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'beta', version: '1.0.0' },
];

describe('an unchanged repository', () => {
  const h = useImportHarness(CHARTS);
  let cacheDir: string;
  let originalIndex: string;
  const indexPath = (): string => join(h.repoDir, 'index.yaml');

  /** The CLI with --versions all and --json, keeping its run record in this test's folder. */
  const cli = (...args: string[]): Promise<CliResult> =>
    runCli([...h.baseArgs(), '--versions', 'all', '--json', ...args], {
      env: { STORE_IMPORTER_CACHE_DIR: cacheDir },
    });
  /** The App Store calls logged since `from` (an index into the emulator's request log). */
  const storeCallsSince = (from: number) =>
    stateOf(h.emulator)
      .requestLog.slice(from)
      .map((entry) => `${entry.method} ${entry.path}`);
  const logLength = (): number => stateOf(h.emulator).requestLog.length;

  beforeAll(async () => {
    originalIndex = await readFile(indexPath(), 'utf8');
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'unchanged-cache-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
    await writeFile(indexPath(), originalIndex);
  });

  it('is checked with one app list after the index, and reports what a full re-run reports', async () => {
    const first = await cli();
    expect(first.code).toBe(0);
    expect(parseReport(first).summary.created).toBe(3);

    const from = logLength();
    const repoRequests = h.repo.requests.length;
    const second = await cli();
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as ReturnType<typeof parseReport> & { unchanged?: boolean };
    expect(report.unchanged).toBe(true);
    expect(report.summary).toEqual({ created: 0, exists: 3, failed: 0, planned: 0 });
    // Before the index the right-to-manage probe (every run has it); after it, one list.
    expect(storeCallsSince(from)).toEqual([
      expect.stringMatching(/^POST \/kapis\/application\.kubesphere\.io\/v2\/apps\?validate=true$/),
      expect.stringMatching(/^GET \/kapis\/application\.kubesphere\.io\/v2\/apps\?/),
    ]);
    expect(h.repo.requests.slice(repoRequests).map((request) => request.url)).toEqual(['/index.yaml']);

    const full = await cli('--full');
    expect(full.code).toBe(0);
    const fullReport = JSON.parse(full.stdout) as Record<string, unknown>;
    expect(fullReport).not.toHaveProperty('unchanged');
    const { unchanged: _unchanged, ...sameShape } = report;
    expect(sameShape).toEqual(fullReport);

    // The record: 0600 in a 0700 folder, nothing secret in it.
    const [file] = await readdir(cacheDir);
    expect(file).toMatch(/^run-[0-9a-f]{32}\.json$/);
    const path = join(cacheDir, file ?? '');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(h.emulator.adminToken);
    expect(text).not.toContain('127.0.0.1');
  });

  it('says so in one line of the human output', async () => {
    expect((await cli()).code).toBe(0);
    const human = await runCli([...h.baseArgs(), '--versions', 'all'], {
      env: { STORE_IMPORTER_CACHE_DIR: cacheDir },
    });
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^unchanged: the repository has not changed since the full run of \S+ and the store still holds what that run recorded: 3 versions of 2 charts .*--full forces a full run$/,
    );
    expect(lines[1]).toMatch(/0 created, 3 already in the store, 0 failed$/);
  });

  it("stays unchanged when only the index's generated time changed", async () => {
    expect((await cli()).code).toBe(0);
    expect(originalIndex).toMatch(/^generated: /m);
    await writeFile(
      indexPath(),
      originalIndex.replace(/^generated: .*$/m, 'generated: "2031-01-02T03:04:05Z"'),
    );
    const again = await cli();
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: true, summary: { exists: 3 } });
  });

  it('runs in full when the index has a new version', async () => {
    expect((await cli()).code).toBe(0);
    const added = await buildChart(h.repoDir, { name: 'beta', version: '1.1.0' });
    try {
      await indexRepo(h.repoDir);
      const changed = await cli();
      expect(changed.code).toBe(0);
      const report = JSON.parse(changed.stdout) as Record<string, unknown>;
      expect(report).not.toHaveProperty('unchanged');
      expect(report).toMatchObject({ summary: { created: 1, exists: 3 } });
      // The new record holds the new version: the next run is unchanged again.
      expect(JSON.parse((await cli()).stdout)).toMatchObject({ unchanged: true, summary: { exists: 4 } });
    } finally {
      await unlink(added);
    }
  });

  it('runs in full when a setting changed', async () => {
    expect((await cli()).code).toBe(0);
    const latest = await runCli([...h.baseArgs(), '--json'], { env: { STORE_IMPORTER_CACHE_DIR: cacheDir } });
    expect(JSON.parse(latest.stdout)).not.toHaveProperty('unchanged');
    // Each setting has its own record: the first one still holds.
    expect(JSON.parse((await cli()).stdout)).toMatchObject({ unchanged: true });
  });

  it.each([
    ['suspended', (app: string) => h.storeApi('POST', `/apps/${app}/action`, { state: 'suspended' })],
    ['deleted', (app: string) => h.storeApi('DELETE', `/apps/${app}`)],
  ])('runs in full when an app was %s in the store', async (_what, change) => {
    const first = parseReport(await cli());
    const app = first.items.find((item) => item.chart === 'beta')?.app ?? '';
    expect((await change(app)).status).toBe(200);
    const from = logLength();
    const again = await cli();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).not.toHaveProperty('unchanged');
    // Read per chart again: the apps' version lists.
    expect(storeCallsSince(from).some((call) => call.includes(`/apps/${app}/versions`))).toBe(true);
  });

  it('runs in full with --full, and after a run that failed', async () => {
    expect((await cli()).code).toBe(0);
    const from = logLength();
    expect(JSON.parse((await cli('--full')).stdout)).not.toHaveProperty('unchanged');
    expect(storeCallsSince(from).filter((call) => call.includes('/versions')).length).toBeGreaterThan(0);

    // A run with a failed item leaves no record: the one after it runs in full.
    const app = parseReport(await cli()).items.find((item) => item.chart === 'beta')?.app ?? '';
    expect((await h.storeApi('DELETE', `/apps/${app}`)).status).toBe(200);
    // The first POST is the right-to-manage probe (any answer but 401/403 passes), the second the upload.
    h.emulator.setFaults({ failNext: 2, errorStatus: 400, methods: ['POST'], pathIncludes: '/apps' });
    const failed = await cli();
    expect(failed.code).toBe(1);
    h.emulator.clearFaults();
    const after = JSON.parse((await cli()).stdout) as Record<string, unknown>;
    expect(after).not.toHaveProperty('unchanged');
    expect(after).toMatchObject({ summary: { created: 1, failed: 0 } });
    expect(JSON.parse((await cli()).stdout)).toMatchObject({ unchanged: true });
  });

  it('runs in full, with a warning, when the record is corrupt; then replaces it', async () => {
    expect((await cli()).code).toBe(0);
    const [file] = await readdir(cacheDir);
    await writeFile(join(cacheDir, file ?? ''), '{"indexDigest": 4');
    const corrupt = await cli();
    expect(corrupt.code).toBe(0);
    expect(JSON.parse(corrupt.stdout)).not.toHaveProperty('unchanged');
    expect(corrupt.stderr).toMatch(/warning: the run record \S+ is not valid: running in full/);
    expect(JSON.parse((await cli()).stdout)).toMatchObject({ unchanged: true });
  });

  it('never uses a record for a dry run', async () => {
    expect((await cli()).code).toBe(0);
    const dry = JSON.parse((await cli('--dry-run')).stdout) as Record<string, unknown>;
    expect(dry).not.toHaveProperty('unchanged');
    expect(dry).toMatchObject({ summary: { exists: 3 } });
  });
});
