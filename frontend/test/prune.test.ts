// The prune option on the page: the options send it (and read it back from a saved sync or job),
// the review's preview asks what it would do, and the review states it in both languages.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, optionsOf, toSelection } from '../src/components/options';
import type { PrunedEntry } from '../src/components/PrunedList';
import { MAX_LISTED_PRUNED, prunedHeading } from '../src/pages/ImportFromRepo/jobs/PrunedVersions';
import { planSummary } from '../src/pages/ImportFromRepo/wizard/plan';
import { reviewRequest } from '../src/pages/ImportFromRepo/wizard/request';
import { reviewStatements } from '../src/pages/ImportFromRepo/wizard/review';
import { previewOf } from './support/preview';
import { stubTranslate } from './support/translate';

afterAll(() => {
  vi.unstubAllGlobals();
});

const entry = (version: string, status: PrunedEntry['status']): PrunedEntry => ({
  chart: 'nginx',
  version,
  app: 'nginx-abcde',
  status,
  reason: '',
});

describe('the prune option', () => {
  it('is sent only when chosen, and read back from saved settings', () => {
    expect(toSelection(DEFAULT_OPTIONS)).not.toHaveProperty('prune');
    expect(toSelection({ ...DEFAULT_OPTIONS, prune: true })).toMatchObject({ prune: true });
    expect(optionsOf({ publish: 'active', prune: true }).prune).toBe(true);
    expect(optionsOf({ publish: 'active' })).not.toHaveProperty('prune');
  });

  it("makes the review's preview ask what the job would remove", () => {
    const job = { source: { url: 'https://charts.example.com' }, prune: true };
    expect(reviewRequest(job).prune).toBe(true);
    expect(reviewRequest({ source: job.source })).not.toHaveProperty('prune');
  });

  it('is stated in the review with what it removes and keeps, in English and Chinese', () => {
    const plan = planSummary(previewOf([]));
    const pruned = [entry('1.0.0', 'planned'), entry('0.9.0', 'planned'), entry('0.8.0', 'kept')];
    const statement = () =>
      reviewStatements({ publish: 'active', prune: true }, plan, [], pruned).find((s) => s.id === 'prune');
    stubTranslate('en');
    expect(statement()?.text).toBe('Will remove versions the repository no longer lists: 2; kept: 1');
    stubTranslate('zh');
    expect(statement()?.text).toBe('将移除 2 个仓库已不再列出的版本；保留 1 个');
    expect(reviewStatements({ publish: 'active' }, plan, []).map((s) => s.id)).not.toContain('prune');
  });

  it("heads the job's list with what was removed and what was kept, never kept ones as removed", () => {
    stubTranslate('en');
    expect(prunedHeading([entry('1.0.0', 'removed'), entry('0.9.0', 'kept'), entry('0.8.0', 'kept')])).toBe(
      'Versions the repository no longer lists. Removed: 1; kept: 2',
    );
    expect(prunedHeading([entry('1.0.0', 'planned'), entry('0.9.0', 'kept')])).toBe(
      'Versions the repository no longer lists. Would be removed: 1; kept: 1',
    );
    stubTranslate('zh');
    expect(prunedHeading([entry('1.0.0', 'removed'), entry('0.9.0', 'kept')])).toBe(
      '仓库已不再列出的版本：已移除 1 个，已保留 1 个',
    );
    // The service's cap (service/jobs/progress.ts MAX_RECORDED_PRUNED).
    expect(MAX_LISTED_PRUNED).toBe(500);
  });
});
