// The CLI's exit codes and one-line messages, each against a real server or a real failure.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { USAGE } from '../../src/cli/args.js';
import { parseReport, runCli } from '../support/cli.js';
import { stateOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';
import { closedPort, useServers } from '../support/servers.js';

/** Adds a package that is not a chart: the index lists it, the store must not get it. */
async function addBrokenPackage(dir: string): Promise<void> {
  await writeFile(join(dir, 'broken-1.0.0.tgz'), 'this is not a gzip file');
  const index = await readFile(join(dir, 'index.yaml'), 'utf8');
  const entry =
    '  broken:\n  - apiVersion: v2\n    name: broken\n    version: 1.0.0\n    urls:\n    - broken-1.0.0.tgz\n';
  await writeFile(join(dir, 'index.yaml'), index.replace('entries:\n', `entries:\n${entry}`));
}

const h = useImportHarness(
  [
    { name: 'alpha', version: '1.0.0' },
    { name: 'beta', version: '1.0.0' },
  ],
  { prepareRepo: addBrokenPackage },
);

const serve = useServers();

const args = (overrides: Record<string, string> = {}): string[] =>
  Object.entries({
    '--server': h.emulator.url,
    '--token': h.emulator.adminToken,
    '--repo': h.repo.url,
    ...overrides,
  }).flat();

describe('exit 1: some items failed, the rest imported', () => {
  it('fails only the broken package, with a reason, and imports the others', async () => {
    const result = await runCli([...args(), '--json']);
    expect(result.code).toBe(1);
    const report = parseReport(result);
    expect(report.summary).toEqual({ created: 2, exists: 0, failed: 1, planned: 0 });
    const broken = report.items.find((i) => i.chart === 'broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.reason).toMatch(/gzip/i);
    expect(stateOf(h.emulator).apps).toHaveLength(2);
  });
});

describe('exit 2: it could not run', () => {
  it.each([
    ['an unknown flag', ['--nope'], /Unknown option '--nope'/],
    ['a bad --versions', ['--versions', 'newest'], /--versions must be latest, all or a positive number/],
  ])('%s', async (_name, extra, message) => {
    const result = await runCli([...args(), ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('no arguments at all: the usage on stderr, as for a missing flag', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${USAGE}\n`);
    expect(result.stdout).toBe('');
  });

  it('a server nobody listens on', async () => {
    const result = await runCli(args({ '--server': `http://127.0.0.1:${await closedPort()}` }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot reach KubeSphere at http:\/\/127\.0\.0\.1:\d+: check --server/);
  });

  it('a rejected token, without echoing it', async () => {
    const result = await runCli(args({ '--token': 'not-a-real-token-123' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/KubeSphere rejected the credentials \(401\)/);
    expect(result.stderr).not.toContain('not-a-real-token-123');
  });

  it('a wrong password', async () => {
    const result = await runCli([
      '--server',
      h.emulator.url,
      '--repo',
      h.repo.url,
      '--username',
      'admin',
      '--password',
      'wrong-pass-456',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/login as admin failed/);
    expect(result.stderr).not.toContain('wrong-pass-456');
  });

  it('a read-only user: one 403 naming the right, before the repository is read', async () => {
    const before = h.repo.requests.length;
    const result = await runCli(args({ '--token': h.emulator.viewerToken }));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /KubeSphere refused access \(403\): this user may not manage the App Store \(App Store Management, API group application\.kubesphere\.io\).*global-role-template-manage-app/,
      ),
    ]);
    expect(h.repo.requests.length).toBe(before);
    expect(stateOf(h.emulator).apps).toHaveLength(0);
  });

  it('the App Store extension missing: says so, and leaves no half-written app behind', async () => {
    h.emulator.setOptions({ openpitrix: false });
    const result = await runCli([...args(), '--concurrency', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /App Store \(extension "openpitrix", App Store Management\) is not installed/,
    );
    expect(stateOf(h.emulator).apps).toHaveLength(0);
    expect(stateOf(h.emulator).versions).toHaveLength(0);
  });

  it('a repository that does not answer with an index', async () => {
    const result = await runCli(args({ '--repo': `${h.repo.url}/nowhere` }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the repository: .*404/);
  });

  it('a repository whose server keeps failing: retried, then named as the server failing', async () => {
    const failing = await serve((_req, res) => res.writeHead(503).end('down'));
    const result = await runCli(args({ '--repo': failing.origin }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /cannot read the repository: .*the server failed \(503 Service Unavailable\) after 4 attempts/,
    );
    expect(result.stderr.match(/warning: retrying/g)).toHaveLength(3);
    expect(failing.requests).toHaveLength(4);
  });

  it('an invalid index', async () => {
    await mkdir(join(h.repoDir, 'bad'), { recursive: true });
    await writeFile(join(h.repoDir, 'bad', 'index.yaml'), 'entries: [: not yaml');
    const result = await runCli(args({ '--repo': `${h.repo.url}/bad` }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the repository/);
  });
});

describe('exit 0', () => {
  it('--help prints the usage', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${USAGE}\n`);
    expect(result.stdout).toMatch(/Exit codes: 0 nothing failed, 1 some items failed, 2 could not run/);
  });
});
