// The engine's preview: every chart and version of a repository with what an import would do,
// against the emulated store before and after an import.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import { previewRepository } from '../../src/engine/run/preview.js';
import { KubeSphereStore } from '../../src/engine/store/index.js';
import { useImportHarness } from '../support/harness.js';

// The preview shows the chart's icon URL as the index has it; it fetches nothing.
const ALPHA_ICON = 'https://example.com/alpha.png';

const h = useImportHarness([
  { name: 'alpha', version: '1.0.0', icon: ALPHA_ICON },
  { name: 'alpha', version: '1.1.0', icon: ALPHA_ICON },
  { name: 'alpha', version: '2.0.0-rc.1', icon: ALPHA_ICON },
  { name: 'beta', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'gamma', version: '1.0.0', deprecated: true },
]);

const preview = (options: Partial<Parameters<typeof previewRepository>[2]> = {}) =>
  previewRepository(
    createChartRepository({ url: h.repo.url }),
    new KubeSphereStore({ server: h.emulator.url, token: h.emulator.adminToken }),
    {
      repoUrl: h.repo.url,
      selection: { versions: { kind: 'latest' }, includeDeprecated: false },
      concurrency: 4,
      ...options,
    },
  );

/** The size of a package helm built, as the repository serves it. */
const fileSize = (chart: string, version: string) =>
  statSync(join(h.repoDir, `${chart}-${version}.tgz`)).size;

describe('previewRepository', () => {
  it('lists every chart and version with its metadata and the action an import would take', async () => {
    const result = await preview();
    expect(result.totals).toEqual({
      charts: 3,
      versions: 5,
      selected: 2,
      toCreate: 2,
      inStore: 0,
      bytesToCreate: fileSize('alpha', '1.1.0') + fileSize('beta', '0.1.0'),
      unknownSizes: 0,
      overLimit: 0,
    });
    expect(result.packageLimitBytes).toBe(1_048_576);
    const alpha = result.charts.find((chart) => chart.name === 'alpha');
    expect(alpha).toMatchObject({
      latestVersion: '1.1.0',
      deprecated: false,
      icon: ALPHA_ICON,
      size: fileSize('alpha', '1.1.0'),
      overLimit: false,
    });
    // Sizes of the shown versions only (the default): the prerelease and the older one are unknown.
    expect(alpha?.versions.map((v) => v.size)).toEqual([undefined, fileSize('alpha', '1.1.0'), undefined]);
    // A chart without a stable, current version shows its newest one, and its size.
    expect(result.charts.find((chart) => chart.name === 'gamma')?.size).toBe(fileSize('gamma', '1.0.0'));
    expect(alpha?.versions.map((v) => [v.version, v.prerelease, v.action])).toEqual([
      ['2.0.0-rc.1', true, 'skip'],
      ['1.1.0', false, 'create'],
      ['1.0.0', false, 'skip'],
    ]);
    expect(result.charts.find((chart) => chart.name === 'beta')?.category).toBe('Database');
    expect(result.charts.find((chart) => chart.name === 'gamma')).toMatchObject({ deprecated: true });
    expect(result.warnings).toContainEqual({
      code: 'chart-deprecated',
      params: { chart: 'gamma' },
      message: 'gamma: skipped, the chart is deprecated (include deprecated charts to import it)',
    });
  });

  it('looks up the size of every version an import uploads with sizes "selected", none with "none"', async () => {
    const selection = { versions: { kind: 'all' as const }, includeDeprecated: false };
    const all = await preview({ selection, sizes: 'selected' });
    const alpha = all.charts.find((chart) => chart.name === 'alpha');
    expect(alpha?.versions.map((v) => [v.version, v.action, v.size])).toEqual([
      ['2.0.0-rc.1', 'create', fileSize('alpha', '2.0.0-rc.1')],
      ['1.1.0', 'create', fileSize('alpha', '1.1.0')],
      ['1.0.0', 'create', fileSize('alpha', '1.0.0')],
    ]);
    const uploaded = ['2.0.0-rc.1', '1.1.0', '1.0.0'].map((v) => fileSize('alpha', v));
    expect(all.totals).toMatchObject({
      toCreate: 4,
      bytesToCreate: uploaded.reduce((sum, size) => sum + size, fileSize('beta', '0.1.0')),
      unknownSizes: 0,
    });

    const none = await preview({ selection, sizes: 'none' });
    expect(none.charts.flatMap((chart) => [chart.size, ...chart.versions.map((v) => v.size)])).toEqual(
      Array(8).fill(undefined),
    );
    expect(none.totals).toMatchObject({ toCreate: 4, bytesToCreate: 0, unknownSizes: 4, overLimit: 0 });
  });

  it('flags packages over the store limit, and none when the store has no limit (S3)', async () => {
    const limited = await preview({ packageLimitBytes: fileSize('alpha', '1.1.0') - 1 });
    expect(limited.charts.find((chart) => chart.name === 'alpha')).toMatchObject({ overLimit: true });
    expect(limited.totals.overLimit).toBeGreaterThanOrEqual(1);
    const s3 = await preview({ packageLimitBytes: 0 });
    expect(s3.packageLimitBytes).toBe(0);
    expect(s3.charts.some((chart) => chart.overLimit)).toBe(false);
    expect(s3.totals.overLimit).toBe(0);
  });

  it('shows the category a mapping sends a chart to; charts not mapped keep their annotation', async () => {
    const result = await preview({ categories: new Map([['alpha', 'Web Servers']]) });
    expect(result.charts.map((chart) => [chart.name, chart.category])).toEqual([
      ['alpha', 'Web Servers'],
      ['beta', 'Database'],
      ['gamma', undefined],
    ]);
  });

  it('shows what the store already has after an import, and writes nothing itself', async () => {
    expect((await h.cli('--charts', 'alpha')).code).toBe(0);
    const writes = (h.emulator.state() as { requestLog: { method: string }[] }).requestLog.filter(
      (r) => r.method !== 'GET',
    ).length;
    const result = await preview();
    const alpha = result.charts.find((chart) => chart.name === 'alpha');
    expect(alpha?.appState).toBe('active');
    expect(alpha?.versions.find((v) => v.version === '1.1.0')).toMatchObject({
      storeState: 'active',
      action: 'exists',
    });
    expect(result.totals).toMatchObject({ toCreate: 1, inStore: 1 });
    expect(
      (h.emulator.state() as { requestLog: { method: string }[] }).requestLog.filter(
        (r) => r.method !== 'GET',
      ),
    ).toHaveLength(writes);
  });
});
