// A package is what its index entry says: a package whose Chart.yaml names another chart or
// version, or holds two Chart.yaml entries, fails its item and nothing is stored for it.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildChart } from '../support/charts.js';
import { tarGz } from '../support/tarballs.js';
import { parseReport } from '../support/cli.js';
import { stateOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

/** Lists `name version` in the index, served from `file`. */
async function addEntry(dir: string, name: string, version: string, file: string): Promise<void> {
  const index = await readFile(join(dir, 'index.yaml'), 'utf8');
  const entry = `  ${name}:\n  - apiVersion: v2\n    name: ${name}\n    version: ${version}\n    urls:\n    - ${file}\n`;
  await writeFile(join(dir, 'index.yaml'), index.replace('entries:\n', `entries:\n${entry}`));
}

async function addLyingPackages(dir: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'identity-'));
  try {
    // Built by helm: the package says 7.7.7, the index 1.0.0.
    await copyFile(await buildChart(work, { name: 'liar', version: '7.7.7' }), join(dir, 'liar-1.0.0.tgz'));
    await addEntry(dir, 'liar', '1.0.0', 'liar-1.0.0.tgz');
    // Built by helm: the package is chart "alpha", listed as "impostor".
    await copyFile(
      await buildChart(work, { name: 'alpha', version: '1.0.0' }),
      join(dir, 'impostor-1.0.0.tgz'),
    );
    await addEntry(dir, 'impostor', '1.0.0', 'impostor-1.0.0.tgz');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  // Two entries for one path: Helm would merge them, the second's version winning.
  const chartYaml = (version: string): string => `apiVersion: v2\nname: twice\nversion: ${version}\n`;
  await writeFile(
    join(dir, 'twice-1.0.0.tgz'),
    tarGz([
      ['twice/Chart.yaml', chartYaml('1.0.0')],
      ['twice/Chart.yaml', chartYaml('9.9.9')],
      ['twice/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'],
    ]),
  );
  await addEntry(dir, 'twice', '1.0.0', 'twice-1.0.0.tgz');
  // Two top-level directories, each with its Chart.yaml: Helm strips the first segment of each.
  await writeFile(
    join(dir, 'pair-1.0.0.tgz'),
    tarGz([
      ['pair/Chart.yaml', 'apiVersion: v2\nname: pair\nversion: 1.0.0\n'],
      ['other/Chart.yaml', 'apiVersion: v2\nname: other\nversion: 1.0.0\n'],
    ]),
  );
  await addEntry(dir, 'pair', '1.0.0', 'pair-1.0.0.tgz');
}

const h = useImportHarness([{ name: 'beta', version: '1.0.0' }], { prepareRepo: addLyingPackages });

describe('a package that is not what its index entry says', () => {
  it('fails its item naming what differs, stores nothing for it, and fails again on a re-run', async () => {
    for (const run of [1, 2]) {
      const result = await h.cli();
      expect(result.code, `run ${run}: ${result.stderr}`).toBe(1);
      const report = parseReport(result);
      const reason = (chart: string): string =>
        report.items.find((item) => item.chart === chart)?.reason ?? '';
      expect(report.summary).toEqual({
        created: run === 1 ? 1 : 0,
        exists: run === 1 ? 0 : 1,
        failed: 4,
        planned: 0,
      });
      expect(reason('liar')).toMatch(
        /the package says name liar version 7\.7\.7, the index says liar 1\.0\.0/,
      );
      expect(reason('impostor')).toMatch(
        /the package says name alpha version 1\.0\.0, the index says impostor 1\.0\.0/,
      );
      expect(reason('twice')).toMatch(
        /two Chart\.yaml entries, "twice\/Chart\.yaml" and "twice\/Chart\.yaml"/,
      );
      expect(reason('pair')).toMatch(/more than one top-level directory/);
      const state = stateOf(h.emulator);
      expect(state.apps.map((app) => app.metadata.name)).toEqual([expect.stringMatching(/^beta-/)]);
      expect(state.versions).toHaveLength(1);
    }
  });
});
