// The common set-up of the CLI's end-to-end tests: a helm-built repository served on 127.0.0.1
// and a KubeSphere emulator, started once per file and reset before each test. The emulator answers
// as ks-core v4.1.3 unless the options say otherwise, or EMULATOR_KS_VERSION (v4.1.1, v4.1.2, v4.1.3,
// v4.2.0) does, to run a whole suite against another release; ks-versions.e2e.test.ts runs each.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@store-importer/kubesphere-emulator';
import { buildRepo, type ChartSpec } from './charts.js';
import { type CliResult, runCli, targetArgs } from './cli.js';
import { ksVersionFromEnv } from './emulator.js';
import { startRepoServer, type RepoServer } from './repo-server.js';

export interface ImportHarness {
  emulator: RunningEmulator;
  repo: RepoServer;
  repoDir: string;
  /** `--server`, `--token` and `--repo` for this harness. */
  baseArgs(): string[];
  /** The CLI with the base arguments and `--json`. */
  cli(...args: string[]): Promise<CliResult>;
  /** A call to the emulated App Store API as the admin, as a hand-made change to the store. */
  storeApi(method: string, path: string, body?: unknown): Promise<Response>;
}

export function useImportHarness(
  charts: ChartSpec[],
  options: { emulator?: EmulatorOptions; prepareRepo?: (dir: string) => Promise<void> } = {},
): ImportHarness {
  const harness = {
    baseArgs: () => targetArgs(harness.emulator, harness.repo.url),
    cli: (...args: string[]) => runCli([...harness.baseArgs(), '--json', ...args]),
    storeApi: (method: string, path: string, body?: unknown) =>
      fetch(`${harness.emulator.url}/kapis/application.kubesphere.io/v2${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${harness.emulator.adminToken}`,
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  } as ImportHarness;

  beforeAll(async () => {
    harness.repoDir = await buildRepo(charts);
    await options.prepareRepo?.(harness.repoDir);
    harness.repo = await startRepoServer(harness.repoDir);
    harness.emulator = await startEmulator({ ksVersion: ksVersionFromEnv(), ...options.emulator });
  }, 120_000);

  afterAll(async () => {
    await harness.emulator.close();
    await harness.repo.close();
    await rm(harness.repoDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    harness.emulator.reset();
    harness.emulator.clearFaults();
    harness.emulator.setOptions({ ossStore: false, openpitrix: true });
  });

  return harness;
}
