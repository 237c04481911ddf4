// Two imports of the same repository at the same time: no duplicate apps or versions, and every
// item of both runs ends created or exists, never failed because the other run was first.
import { describe, expect, it } from 'vitest';

import { parseReport } from '../support/cli.js';
import { stateOf, storeFingerprint } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness(
  ['alpha', 'beta', 'gamma', 'delta'].flatMap((name) => [
    { name, version: '1.0.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
    { name, version: '1.1.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
  ]),
);

describe('two runs of the same import at once', () => {
  it('end in the store one run makes, with no failed item', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    const clean = storeFingerprint(h.emulator);
    h.emulator.reset();
    h.emulator.setFaults({ latencyMs: 15 });

    const [first, second] = await Promise.all([h.cli('--versions', 'all'), h.cli('--versions', 'all')]);
    h.emulator.clearFaults();
    for (const run of [first, second]) {
      expect(run.code, run.stderr).toBe(0);
      const report = parseReport(run);
      expect(report.summary.failed).toBe(0);
      expect(report.summary.created + report.summary.exists).toBe(8);
    }
    const state = stateOf(h.emulator);
    expect(new Set(state.apps.map((app) => app.metadata.name)).size).toBe(state.apps.length);
    expect(state.versions).toHaveLength(8);
    expect(
      state.categories.filter((c) => c.metadata.annotations?.['kubesphere.io/alias-name'] === 'Tools'),
    ).toHaveLength(1);
    expect(storeFingerprint(h.emulator)).toEqual(clean);
  });
});
