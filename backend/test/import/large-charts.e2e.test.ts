// Charts over ks-core's 1 MiB limit (no S3): slimmed when that is safe, failed with the size when
// not, and uploaded untouched when the store has S3.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { parseReport } from '../support/cli.js';
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
