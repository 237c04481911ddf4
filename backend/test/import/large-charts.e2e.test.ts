// Charts over ks-core's 1 MiB limit (no S3): slimmed when that is safe, failed with the size when
// not, and uploaded untouched when the store has S3.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { parseReport, runCli } from '../support/cli.js';
import { stateOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const MIB = 1024 * 1024;
const h = useImportHarness([
  // Incompressible docs that no template reads: safe to drop.
  {
    name: 'bulky',
    version: '1.0.0',
    files: { 'docs/manual.bin': randomBytes(1.5 * MIB), 'README.md': '# bulky\n' },
  },
  // The templates read the same bytes through .Files: nothing can go, the item fails.
  {
    name: 'heavy',
    version: '1.0.0',
    files: {
      'files/data.bin': randomBytes(1.5 * MIB),
      'templates/data.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: data\nbinaryData:\n  data: {{ .Files.Get "files/data.bin" | b64enc }}\n',
    },
  },
  { name: 'small', version: '1.0.0' },
]);
const cli = (...args: string[]) => h.cli(...args);

describe('without S3', () => {
  it('slims what it safely can, fails the rest with the size, and imports the others (exit 1)', async () => {
    const result = await cli();
    expect(result.code).toBe(1);
    const report = parseReport(result);
    const item = (chart: string) => report.items.find((i) => i.chart === chart);

    expect(item('bulky')?.status).toBe('created');
    expect(item('bulky')?.reason).toMatch(/slimmed from \d+ to \d+ bytes, removed .*docs\/manual\.bin/);
    expect(item('heavy')?.status).toBe('failed');
    expect(item('heavy')?.reason).toMatch(/\d{7} bytes/);
    expect(item('heavy')?.reason).toMatch(/1048576/);
    expect(item('small')?.status).toBe('created');

    const packages = stateOf(h.emulator).versions.map((v) => v.package?.size ?? 0);
    expect(packages).toHaveLength(2);
    for (const size of packages) expect(size).toBeLessThanOrEqual(MIB);
    expect(
      stateOf(h.emulator)
        .apps.map((a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'])
        .sort(),
    ).toEqual(['bulky', 'small']);
  });
});

describe('with S3 (no size limit)', () => {
  it('uploads big packages as they are', async () => {
    h.emulator.setOptions({ ossStore: true });
    const result = await cli();
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    expect(report.summary.created).toBe(3);
    for (const item of report.items) expect(item.reason).toBe('');
    const sizes = stateOf(h.emulator).versions.map((v) => v.package?.size ?? 0);
    expect(sizes.filter((size) => size > MIB)).toHaveLength(2);
  });
});

describe('--dry-run', () => {
  it('flags the packages over the limit by their sizes, downloading none', async () => {
    h.repo.requests.length = 0;
    const result = await cli('--dry-run');
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    expect(Object.keys(report)).toEqual(['repo', 'items', 'summary']);
    expect(report.summary).toEqual({ created: 0, exists: 0, failed: 0, planned: 3 });
    const reason = (chart: string) => report.items.find((i) => i.chart === chart)?.reason;
    for (const chart of ['bulky', 'heavy'])
      expect(reason(chart)).toMatch(
        /^package is \d{7} bytes, over the store's limit of 1048576 bytes without S3: the import will slim it/,
      );
    expect(reason('small')).toBe('');
    // The --json items keep their five fields: no messages, no remedy.
    for (const item of report.items)
      expect(Object.keys(item)).toEqual(['chart', 'version', 'status', 'app', 'reason']);
    const packageReads = h.repo.requests.filter((r) => r.url.endsWith('.tgz'));
    expect(packageReads.length).toBeGreaterThan(0);
    for (const request of packageReads) expect(request.method, request.url).toBe('HEAD');
    expect(stateOf(h.emulator).apps).toHaveLength(0);
  });

  it('counts them in the human report', async () => {
    const result = await runCli([...h.baseArgs(), '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /: 0 created, 0 already in the store, 0 failed, 3 planned \(dry run\), 2 over the store's 1 MiB package limit \(without S3\)\n$/,
    );
  });
});
