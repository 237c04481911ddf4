// The REPOSITORY misbehaves while the real CLI imports from it into the KubeSphere emulator: 5xx,
// 429 with Retry-After, truncated downloads, connection resets, no answer at all. Transient faults
// are retried and the run ends with the clean store; persistent ones fail just their items, each
// with a reason; an unreadable index stops the run before any write. Every case ends, after a
// re-run, with exactly the store a clean import makes and no duplicate.
import { describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import { runImport } from '../../src/engine/run/import.js';
import { KubeSphereStore } from '../../src/engine/store/index.js';
import { parseReport } from '../support/cli.js';
import { storeFingerprint, writesOf } from '../support/emulator.js';
import { duplicatesIn, type FaultRule, useFaultyImport } from './support.js';

const CHARTS = ['alpha', 'beta', 'gamma'].flatMap((name) => [
  { name, version: '1.0.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
  { name, version: '1.1.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
]);

const h = useFaultyImport(CHARTS);

describe('transient repository faults are retried and the first run is complete', () => {
  const cases: [string, FaultRule[], RegExp][] = [
    [
      '503 twice on the index and on every package',
      [{ pathEndsWith: '', fault: 'status-503', times: 2 }],
      /retrying .* HTTP 503/,
    ],
    [
      'a truncated download twice for every package',
      [{ pathEndsWith: '.tgz', fault: 'truncate', times: 2 }],
      /retrying .*\.tgz .*truncated/,
    ],
    [
      'connection resets twice on the index and on every package',
      [{ pathEndsWith: '', fault: 'reset', times: 2 }],
      /retrying .*ECONNRESET/,
    ],
  ];
  it.each(cases)('%s', async (_name, rules, retryLine) => {
    h.repo.setFaults(rules);
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(retryLine);
    expect(parseReport(result).summary).toEqual({ created: 6, exists: 0, failed: 0, planned: 0 });
    expect(h.repo.log.filter((request) => request.fault !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(duplicatesIn(h.emulator)).toEqual([]);
    expect(storeFingerprint(h.emulator)).toEqual(h.cleanStore);
  });

  it('429 with Retry-After: 1 is honoured (the next attempt waits a second)', async () => {
    h.repo.setFaults([
      { pathEndsWith: '/index.yaml', fault: 'status-429', times: 1, retryAfterSeconds: 1 },
      { pathEndsWith: 'alpha-1.0.0.tgz', fault: 'status-429', times: 1, retryAfterSeconds: 1 },
    ]);
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/retrying .* HTTP 429/);
    for (const path of ['/index.yaml', '/alpha-1.0.0.tgz']) {
      const requests = h.repo.log.filter((request) => request.url.split('?')[0] === path);
      expect(requests.map((request) => request.fault)).toEqual(['status-429', undefined]);
      const [refused, served] = requests;
      // Retry-After: 1 (a little slack for timer granularity).
      expect((served?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    }
    expect(storeFingerprint(h.emulator)).toEqual(h.cleanStore);
  });
});

describe('persistent repository faults', () => {
  it('fail just their items, each with its reason; the rest is imported; a re-run completes the store', async () => {
    h.repo.setFaults([
      { pathEndsWith: 'alpha-1.1.0.tgz', fault: 'status-503' },
      { pathEndsWith: 'beta-1.1.0.tgz', fault: 'truncate' },
      { pathEndsWith: 'gamma-1.1.0.tgz', fault: 'reset' },
    ]);
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(1);
    const report = parseReport(result);
    const failed = Object.fromEntries(
      report.items
        .filter((item) => item.status === 'failed')
        .map((item) => [`${item.chart}-${item.version}`, item.reason]),
    );
    expect(Object.keys(failed).sort()).toEqual(['alpha-1.1.0', 'beta-1.1.0', 'gamma-1.1.0']);
    expect(failed['alpha-1.1.0']).toMatch(
      /alpha 1\.1\.0.*failed \(503 Service Unavailable\) after 4 attempts/,
    );
    expect(failed['beta-1.1.0']).toMatch(/beta 1\.1\.0.*closed before the whole body arrived/);
    expect(failed['gamma-1.1.0']).toMatch(/gamma 1\.1\.0.*(ECONNRESET|connection)/);
    expect(report.summary).toEqual({ created: 3, exists: 0, failed: 3, planned: 0 });
    // What was imported is in the store once, and nothing else is.
    expect(duplicatesIn(h.emulator)).toEqual([]);
    const versions = storeFingerprint(h.emulator).filter((line) => line.startsWith('version '));
    expect(versions).toHaveLength(3);
    for (const line of versions) expect(h.cleanStore).toContain(line);

    await h.expectRerunCompletes();
    expect(parseReport(await h.cli()).summary).toEqual({ created: 0, exists: 6, failed: 0, planned: 0 });
  });

  it('an index that stays unavailable: exit 2, one line saying why, no store write; a re-run completes', async () => {
    h.repo.setFaults([{ pathEndsWith: '/index.yaml', fault: 'status-503' }]);
    const result = await h.cli();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: cannot read the repository: .*index\.yaml: the server failed \(503 Service Unavailable\)/m,
    );
    expect(writesOf(h.emulator)).toEqual([]);
    await h.expectRerunCompletes();
  });

  it('a repository that does not answer: requests time out, the item fails with a reason; a re-run completes', async () => {
    // The engine with a short timeout (the CLI's --timeout: slow-repository.e2e.test.ts).
    h.repo.setFaults([
      { pathEndsWith: '/index.yaml', fault: 'hang', times: 1 },
      { pathEndsWith: 'beta-1.1.0.tgz', fault: 'hang' },
    ]);
    const retries: string[] = [];
    const source = createChartRepository(
      { url: h.repo.url },
      {
        timeoutMs: 400,
        maxAttempts: 2,
        retryBaseDelayMs: 10,
        onRetry: (info) => retries.push(`${info.url} ${info.reason}`),
      },
    );
    const store = new KubeSphereStore({ server: h.emulator.url, token: h.emulator.adminToken });
    const started = performance.now();
    const report = await runImport(source, store, {
      repoUrl: h.repo.url,
      selection: { versions: { kind: 'all' }, includeDeprecated: false },
      publish: 'active',
      dryRun: false,
      concurrency: 4,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(retries.some((line) => /index\.yaml timeout/.test(line))).toBe(true);
    const failed = report.items.filter((item) => item.status === 'failed');
    expect(failed.map((item) => `${item.chart}-${item.version}`)).toEqual(['beta-1.1.0']);
    expect(failed[0]?.reason).toMatch(/no answer within 0\.4 s/);
    expect(report.summary).toEqual({ created: 5, exists: 0, failed: 1, planned: 0 });
    expect(duplicatesIn(h.emulator)).toEqual([]);
    await h.expectRerunCompletes();
  });
});

describe('a faulty repository and a faulty store at once', () => {
  it('500s from the store (20% of writes), 40 ms store latency, truncations and resets from the repo: a re-run completes', async () => {
    // Faults on writes only: a read failing three times in a row would (rightly) stop the run with exit 2.
    h.emulator.setFaults({ errorRate: 0.2, latencyMs: 40, methods: ['POST', 'DELETE'] });
    h.repo.setFaults([
      { pathEndsWith: '.tgz', fault: 'truncate', times: 1 },
      { pathEndsWith: '.tgz', fault: 'reset', times: 1 },
    ]);
    const first = await h.cli();
    expect([0, 1], first.stderr).toContain(first.code);
    const report = parseReport(first);
    for (const item of report.items.filter((entry) => entry.status === 'failed'))
      expect(item.reason, `${item.chart} ${item.version}`).not.toBe('');
    expect(duplicatesIn(h.emulator)).toEqual([]);
    await h.expectRerunCompletes();
  });
});

// The store applies a write, then answers 500: what a proxy timing out after ks-apiserver
// committed it looks like. No other import runs, so every item is this run's own write.
describe('store writes that succeed and then answer 500', () => {
  it.each([
    ['every write (retries too)', 1],
    ['a third of the writes', 1 / 3],
  ])('%s: the first run finishes what it wrote; report == store, no duplicate', async (_name, errorRate) => {
    h.emulator.setFaults({ errorRate, afterWrite: true, methods: ['POST', 'DELETE'] });
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    expect(report.summary).toEqual({ created: 6, exists: 0, failed: 0, planned: 0 });
    for (const item of report.items) expect(item.reason).not.toMatch(/another import/);
    if (errorRate === 1)
      for (const item of report.items)
        expect(item.reason).toMatch(/KubeSphere answered an error after writing/);
    expect(duplicatesIn(h.emulator)).toEqual([]);
    // Released apps, active versions with their packages: the clean store, without a re-run.
    expect(storeFingerprint(h.emulator)).toEqual(h.cleanStore);
  });
});
