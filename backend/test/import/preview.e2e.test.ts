// The engine's preview: every chart and version of a repository with what an import would do,
// against the emulated store before and after an import.
import { describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import { previewRepository } from '../../src/engine/run/preview.js';
import { KubeSphereStore } from '../../src/engine/store/index.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness([
  { name: 'alpha', version: '1.0.0' },
  { name: 'alpha', version: '1.1.0' },
  { name: 'alpha', version: '2.0.0-rc.1' },
  { name: 'beta', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'gamma', version: '1.0.0', deprecated: true },
]);

const preview = () =>
  previewRepository(
    createChartRepository({ url: h.repo.url }),
    new KubeSphereStore({ server: h.emulator.url, token: h.emulator.adminToken }),
    {
      repoUrl: h.repo.url,
      selection: { versions: { kind: 'latest' }, includeDeprecated: false },
      concurrency: 4,
    },
  );

describe('previewRepository', () => {
  it('lists every chart and version with its metadata and the action an import would take', async () => {
    const result = await preview();
    expect(result.totals).toEqual({ charts: 3, versions: 5, selected: 2, toCreate: 2, inStore: 0 });
    const alpha = result.charts.find((chart) => chart.name === 'alpha');
    expect(alpha).toMatchObject({
      latestVersion: '1.1.0',
      deprecated: false,
      icon: 'https://example.com/alpha.png',
    });
    expect(alpha?.versions.map((v) => [v.version, v.prerelease, v.action])).toEqual([
      ['2.0.0-rc.1', true, 'skip'],
      ['1.1.0', false, 'create'],
      ['1.0.0', false, 'skip'],
    ]);
    expect(result.charts.find((chart) => chart.name === 'beta')?.category).toBe('Database');
    expect(result.charts.find((chart) => chart.name === 'gamma')).toMatchObject({ deprecated: true });
    expect(result.warnings.join('\n')).toMatch(/gamma: skipped, the chart is deprecated/);
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
