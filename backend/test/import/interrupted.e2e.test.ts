// Interrupted and faulty runs end with exactly the store a clean run makes: the CLI killed with
// SIGKILL after every few store writes, a store that fails or slows down, and a draft left
// without its package by an upload that stopped half-way.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '@store-importer/kubesphere-emulator';
import { parseReport, runCli } from '../support/cli.js';
import { ksVersionFromEnv, stateOf, storeFingerprint, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness(
  ['alpha', 'beta', 'gamma', 'delta'].flatMap((name) => [
    { name, version: '1.0.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
    { name, version: '1.1.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
  ]),
);
let cleanStore: string[];

const importArgs = (server: string, token: string): string[] => [
  '--server',
  server,
  '--token',
  token,
  '--repo',
  h.repo.url,
  '--versions',
  'all',
  '--json',
];
const cli = () => h.cli('--versions', 'all');

beforeAll(async () => {
  const clean = await cli();
  expect(clean.code, clean.stderr).toBe(0);
  cleanStore = storeFingerprint(h.emulator);
  expect(cleanStore.filter((line) => line.startsWith('version '))).toHaveLength(8);
}, 120_000);

/** Runs the CLI and kills it with SIGKILL once the store has seen `writes` write requests. */
async function runKilledAfter(writes: number): Promise<void> {
  const child = runCli(importArgs(h.emulator.url, h.emulator.adminToken), {
    onStderr: () => undefined,
  });
  let killed = false;
  const poll = setInterval(() => {
    if (!killed && writesOf(h.emulator).length >= writes) {
      killed = true;
      process.kill(pidOf(child), 'SIGKILL');
    }
  }, 1);
  try {
    await child;
  } finally {
    clearInterval(poll);
  }
}

// runCli resolves with the result; the pid is attached by the support module.
function pidOf(promise: Promise<unknown>): number {
  const pid = (promise as Promise<unknown> & { pid?: number }).pid;
  if (!pid) throw new Error('runCli did not expose the child pid');
  return pid;
}

describe('a run killed with SIGKILL, then run again', () => {
  it.each([1, 2, 3, 5, 8, 11, 15])('after %i store writes ends with the clean store', async (writes) => {
    h.emulator.reset();
    h.emulator.setFaults({ latencyMs: 10 });
    try {
      await runKilledAfter(writes);
      const partial = stateOf(h.emulator);
      expect(partial.versions.length).toBeLessThanOrEqual(8);
    } finally {
      h.emulator.clearFaults();
    }
    const rerun = await cli();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
    // And a third run finds nothing to do.
    expect(parseReport(await cli()).summary).toEqual({ created: 0, exists: 8, failed: 0, planned: 0 });
  });
});

describe('a faulty store', () => {
  it('answering 500 to a third of the writes: retried, and a re-run completes the store', async () => {
    h.emulator.reset();
    // Writes only: a read failing three times in a row would (rightly) stop the run with exit 2.
    h.emulator.setFaults({ errorRate: 0.3, methods: ['POST', 'DELETE'] });
    try {
      const first = await cli();
      expect([0, 1]).toContain(first.code);
    } finally {
      h.emulator.clearFaults();
    }
    const rerun = await cli();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
  });

  it('answering 500 to a third of all requests, reads too: never a wrong store, and a re-run completes it', async () => {
    h.emulator.setFaults({ errorRate: 0.3 });
    try {
      const first = await cli();
      // Exit 2 is right when a read the plan needs fails three times in a row: nothing is written then.
      expect([0, 1, 2]).toContain(first.code);
    } finally {
      h.emulator.clearFaults();
    }
    const rerun = await cli();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
  });

  it('slow (200 ms a request): still correct', async () => {
    h.emulator.reset();
    h.emulator.setFaults({ latencyMs: 200 });
    try {
      const result = await cli();
      expect(result.code, result.stderr).toBe(0);
    } finally {
      h.emulator.clearFaults();
    }
    expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
  });
});

describe('a draft left without its package by an upload that stopped half-way', () => {
  it('is replaced by the next run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      // ks-core writes the app and version CRs, then fails to store the package (no store namespace).
      const broken = await startEmulator({ stateFile, openpitrix: false, ksVersion: ksVersionFromEnv() });
      const before = await runCli(importArgs(broken.url, broken.adminToken));
      expect(before.code).toBe(2);
      // Our CLI takes its own half-written objects back; a hand-made upload does not.
      const pkg = await readFile(join(h.repoDir, 'alpha-1.0.0.tgz'));
      const appName = parseReport(
        await runCli([...importArgs(h.emulator.url, h.emulator.adminToken), '--dry-run']),
      ).items.find((i) => i.chart === 'alpha')?.app;
      expect(appName).toBeDefined();
      const response = await fetch(`${broken.url}/kapis/application.kubesphere.io/v2/apps`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${broken.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ appName, appType: 'helm', package: pkg.toString('base64') }),
      });
      expect(response.status).toBe(404);
      await broken.close();

      // An hour later, with the App Store installed.
      const state = JSON.parse(await readFile(stateFile, 'utf8')) as {
        versions: { spec: { created?: string } }[];
      };
      expect(state.versions).toHaveLength(1);
      for (const version of state.versions)
        version.spec.created = new Date(Date.now() - 3_600_000).toISOString();
      await writeFile(stateFile, JSON.stringify(state));
      const fixed = await startEmulator({ stateFile, ksVersion: ksVersionFromEnv() });
      try {
        const result = await runCli(importArgs(fixed.url, fixed.adminToken));
        expect(result.code, result.stderr).toBe(0);
        const versions = stateOf(fixed).versions;
        expect(versions).toHaveLength(8);
        for (const version of versions) {
          expect(version.package, `${version.metadata.name}: ${result.stderr}`).not.toBeNull();
          expect(version.status?.state).toBe('active');
        }
      } finally {
        await fixed.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
