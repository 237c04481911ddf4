// Icons stored in KubeSphere at import time (engine/run/icons.ts): a real helm repository whose
// charts name icons on a local server, imported by the CLI into the emulator. What lands in the
// Application objects is what the console shows with no way out: bare base64 of a PNG (an SVG
// rendered to PNG), or, when refused, the chart's URL and a note; never a failed import.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { png } from '@store-importer/emulator-kit';
import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { buildRepo } from '../support/charts.js';
import { parseReport, runCli, targetArgs } from '../support/cli.js';
import { ksVersionFromEnv, stateOf } from '../support/emulator.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';
import { closedPort, startServer, type TestServer } from '../support/servers.js';

const GOOD_PNG = png(16, 16);
const HOSTILE_SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(1)">' +
  '<script>alert(document.cookie)</script><rect width="64" height="64" fill="#0a0"/>' +
  '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>';
const EXTERNAL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="8" height="8">' +
  '<image xlink:href="/etc/hostname" width="8" height="8"/></svg>';
// An over-limit PNG: a real header, then padding past 256 KiB.
const BIG_PNG = Buffer.concat([GOOD_PNG, Buffer.alloc(300 * 1024, 1)]);
const HTML = '<html><body>login</body></html>';

interface AppWire {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { icon?: string };
}

describe('icons', () => {
  let icons: TestServer;
  let repo: RepoServer;
  let repoDir: string;
  let emulator: RunningEmulator;
  let unreachable: string;

  beforeAll(async () => {
    icons = await startServer((req, res) => {
      const send = (type: string, body: string | Buffer): void => {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      };
      if (req.url === '/good.png') send('image/png', GOOD_PNG);
      else if (req.url === '/hostile.svg') send('image/svg+xml', HOSTILE_SVG);
      else if (req.url === '/external.svg') send('image/svg+xml', EXTERNAL_SVG);
      else if (req.url === '/big.png') send('image/png', BIG_PNG);
      else if (req.url === '/page.png') send('text/html', HTML);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    unreachable = `http://127.0.0.1:${await closedPort()}/icon.png`;
    const smallSvg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    repoDir = await buildRepo([
      { name: 'good', version: '1.0.0', icon: `${icons.origin}/good.png` },
      { name: 'good', version: '1.1.0', icon: `${icons.origin}/good.png` },
      { name: 'hostile', version: '1.0.0', icon: `${icons.origin}/hostile.svg` },
      { name: 'external', version: '1.0.0', icon: `${icons.origin}/external.svg` },
      { name: 'big', version: '1.0.0', icon: `${icons.origin}/big.png` },
      { name: 'missing', version: '1.0.0', icon: `${icons.origin}/missing.png` },
      { name: 'page', version: '1.0.0', icon: `${icons.origin}/page.png` },
      { name: 'unreachable', version: '1.0.0', icon: unreachable },
      { name: 'inline', version: '1.0.0', icon: `data:image/svg+xml;base64,${smallSvg.toString('base64')}` },
    ]);
    repo = await startRepoServer(repoDir);
    emulator = await startEmulator({ ksVersion: ksVersionFromEnv() });
  }, 180_000);

  afterAll(async () => {
    await emulator.close();
    await repo.close();
    await icons.close();
    await rm(repoDir, { recursive: true, force: true });
  });

  const appOf = (chart: string): AppWire => {
    const apps = (emulator.state() as { apps: AppWire[] }).apps;
    const app = apps.find(
      (a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart,
    );
    if (!app) throw new Error(`no app for ${chart}`);
    return app;
  };
  const storedBytes = (chart: string): Buffer => Buffer.from(appOf(chart).spec?.icon ?? '', 'base64');

  it('stores each app icon once, rasterizes SVG, refuses the rest with a note, and a re-run fetches none', async () => {
    const args = [...targetArgs(emulator, repo.url), '--versions', 'all', '--json'];
    const first = await runCli(args);
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    const report = parseReport(first);
    expect(report.summary).toEqual({ created: 9, exists: 0, failed: 0, planned: 0 });

    // The PNG as it was, bare base64 (the console prefixes data:image/png;...;base64,).
    expect(appOf('good').spec?.icon).toBe(GOOD_PNG.toString('base64'));
    // One fetch for the app, not one per version.
    expect(icons.requests.filter((request) => request.url === '/good.png')).toHaveLength(1);

    // The hostile SVG is a PNG now: nothing of its script, handler or foreignObject is left.
    for (const chart of ['hostile', 'inline']) {
      const bytes = storedBytes(chart);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(bytes.toString('latin1')).not.toMatch(/script|onload|foreignObject|alert/i);
      // rendered 256 px wide (IHDR width)
      expect(bytes.readUInt32BE(16)).toBe(256);
    }

    // Refused: the app keeps the chart's URL (what KubeSphere itself would take), with a note.
    const notes = new Map(
      report.items
        .filter((item) => item.reason.includes('was not stored'))
        .map((item) => [item.chart, item.reason]),
    );
    expect([...notes.keys()].sort()).toEqual(['big', 'external', 'missing', 'page', 'unreachable']);
    expect(notes.get('big')).toMatch(/262144 bytes|too large|limit/i);
    expect(notes.get('missing')).toMatch(/404/);
    expect(notes.get('page')).toMatch(/text\/html, not an image/);
    expect(notes.get('external')).toMatch(/external resource/);
    expect(appOf('big').spec?.icon).toBe(`${icons.origin}/big.png`);
    expect(appOf('unreachable').spec?.icon).toBe(unreachable);
    // A stored icon says nothing.
    expect(report.items.filter((item) => item.chart === 'good').map((item) => item.reason)).toEqual(['', '']);

    // A re-run: every app exists, so no icon is fetched and nothing is uploaded anywhere.
    const iconRequests = icons.requests.length;
    const from = stateOf(emulator).requestLog.length;
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(parseReport(second).summary).toEqual({ created: 0, exists: 9, failed: 0, planned: 0 });
    expect(icons.requests.length).toBe(iconRequests);
    // No write at all (the right-to-manage probe, POST /apps?validate=true, writes nothing).
    const writes = stateOf(emulator)
      .requestLog.slice(from)
      .filter((call) => call.method !== 'GET' && !call.path.endsWith('?validate=true'));
    expect(writes).toEqual([]);
    expect(appOf('good').spec?.icon).toBe(GOOD_PNG.toString('base64'));
  }, 240_000);

  it('--no-icons fetches no icon: the new apps keep the chart URLs', async () => {
    const fresh = await startEmulator({ ksVersion: ksVersionFromEnv() });
    try {
      const asked = icons.requests.length;
      const run = await runCli([
        ...targetArgs(fresh, repo.url),
        '--charts',
        'good,hostile',
        '--no-icons',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const report = parseReport(run);
      expect(report.summary).toEqual({ created: 2, exists: 0, failed: 0, planned: 0 });
      expect(report.items.map((item) => item.reason)).toEqual(['', '']);
      const stored = (fresh.state() as { apps: AppWire[] }).apps.map((app) => app.spec?.icon).sort();
      expect(stored).toEqual([`${icons.origin}/good.png`, `${icons.origin}/hostile.svg`]);
      expect(icons.requests.length).toBe(asked);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
