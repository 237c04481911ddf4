import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportSummary } from '../src/api';
import { outcomeOf } from '../src/pages/ImportFromRepo/jobs/outcome';
import { jobRecord } from './jobs-fixtures';

/** The key and its values, so a test sees which sentence was chosen and with what. */
function keyWithParams(key: string, params?: Record<string, unknown>): string {
  const values = Object.entries(params ?? {})
    .filter(([name]) => name !== 'interpolation')
    .map(([name, value]) => `${name}=${String(value)}`);
  return values.length === 0 ? key : `${key}(${values.join(',')})`;
}

beforeAll(() => {
  vi.stubGlobal('t', keyWithParams);
});

const summary = (counts: Partial<ImportSummary>): ImportSummary => ({
  created: 0,
  exists: 0,
  failed: 0,
  planned: 0,
  ...counts,
});

describe('outcomeOf', () => {
  it('says nothing while the job runs', () => {
    expect(outcomeOf(jobRecord({ status: { phase: 'Running' } }), summary({}))).toBeUndefined();
    expect(outcomeOf(jobRecord({ status: { phase: 'Pending' } }), summary({}))).toBeUndefined();
  });

  it('counts what a successful run added, or says there was nothing to do', () => {
    const done = jobRecord({ status: { phase: 'Succeeded' } });
    expect(outcomeOf(done, summary({ created: 14 }))).toEqual({
      type: 'info',
      lead: 'JOB_OUTCOME_SUCCEEDED(count=14)',
    });
    expect(outcomeOf(done, summary({ exists: 3 }))?.lead).toBe('JOB_OUTCOME_NOTHING_TO_DO');
    const dryRun = jobRecord({ spec: { dryRun: true }, status: { phase: 'Succeeded' } });
    expect(outcomeOf(dryRun, summary({ planned: 5 }))?.lead).toBe('JOB_OUTCOME_DRY_RUN(count=5)');
  });

  it('counts the versions a prune removed, never saying there was nothing to do', () => {
    const removed = (version: string, status: 'removed' | 'kept') => ({
      chart: 'nginx',
      version,
      app: 'nginx-abcde',
      status,
      reason: '',
    });
    const pruned = [removed('0.9.0', 'removed'), removed('0.8.0', 'removed'), removed('0.7.0', 'kept')];
    const done = jobRecord({ status: { phase: 'Succeeded', pruned } });
    expect(outcomeOf(done, summary({ exists: 3 }))).toEqual({
      type: 'info',
      lead: 'JOB_OUTCOME_ONLY_REMOVED(count=2)',
    });
    expect(outcomeOf(done, summary({ created: 1 }))).toEqual({
      type: 'info',
      lead: 'JOB_OUTCOME_SUCCEEDED(count=1)',
      detail: 'JOB_OUTCOME_REMOVED(count=2)',
    });
    // The job keeps the first 500 entries only: a full list says "at least".
    const full = Array.from({ length: 500 }, (_, index) => removed(`0.0.${index}`, 'removed'));
    expect(outcomeOf(jobRecord({ status: { phase: 'Succeeded', pruned: full } }), summary({}))?.lead).toBe(
      'JOB_OUTCOME_ONLY_REMOVED(count=500+)',
    );
    // Kept versions only: nothing was removed, and nothing added.
    const keptOnly = jobRecord({ status: { phase: 'Succeeded', pruned: [removed('0.7.0', 'kept')] } });
    expect(outcomeOf(keptOnly, summary({ exists: 1 }))?.lead).toBe('JOB_OUTCOME_NOTHING_TO_DO');
  });

  it('explains a cancel that came after every version had started', () => {
    const late = jobRecord({ status: { phase: 'Succeeded', cancelRequested: true } });
    expect(outcomeOf(late, summary({ created: 2 }))).toEqual({
      type: 'info',
      lead: 'JOB_OUTCOME_SUCCEEDED(count=2)',
      detail: 'JOB_OUTCOME_CANCEL_TOO_LATE',
    });
    const partial = jobRecord({ status: { phase: 'PartiallyFailed', cancelRequested: true } });
    expect(outcomeOf(partial, summary({ created: 1, failed: 1 }))?.detail).toBe(
      'JOB_OUTCOME_CANCEL_TOO_LATE',
    );
  });

  it('points at the failed versions of a partial failure', () => {
    const partial = jobRecord({ status: { phase: 'PartiallyFailed' } });
    expect(outcomeOf(partial, summary({ created: 6, failed: 1 }))).toEqual({
      type: 'warning',
      lead: 'JOB_OUTCOME_PARTIAL(count=1)',
    });
    // Every failure needs a change: no "Retry failed" to point at.
    expect(outcomeOf(partial, summary({ created: 6, failed: 1 }), false)?.lead).toBe(
      'JOB_OUTCOME_PARTIAL_NO_RETRY(count=1)',
    );
  });

  it('keeps the server message of a failure as the detail: it names the cause', () => {
    const message = 'the App Store (extension openpitrix) is not installed';
    const failed = jobRecord({ status: { phase: 'Failed', message } });
    expect(outcomeOf(failed, summary({}))).toEqual({
      type: 'error',
      lead: 'JOB_OUTCOME_FAILED',
      detail: message,
    });
    expect(outcomeOf(failed, summary({ created: 2 }))?.lead).toBe('JOB_OUTCOME_FAILED_KEPT(count=2)');
    expect(outcomeOf(failed, summary({ failed: 4 }))?.lead).toBe('JOB_OUTCOME_ALL_FAILED(count=4)');
  });

  it('drops a server message that only names the phase', () => {
    const cancelled = jobRecord({
      status: { phase: 'Cancelled', message: 'cancelled', startTime: '2026-01-01T00:00:01Z' },
    });
    const outcome = outcomeOf(cancelled, summary({}));
    expect(outcome?.detail).toBeUndefined();
    expect(outcome?.lead).toMatch(/^JOB_OUTCOME_CANCELLED_NOTHING\(/);
  });

  it('says how many versions a cancelled import left in the store, or that it never started', () => {
    const started = jobRecord({
      status: {
        phase: 'Cancelled',
        startTime: '2026-01-01T00:00:01Z',
        completionTime: '2026-01-01T00:00:09Z',
      },
    });
    expect(outcomeOf(started, summary({ created: 3 }))?.lead).toMatch(
      /^JOB_OUTCOME_CANCELLED_KEPT\(time=.+,count=3\)$/,
    );
    const never = jobRecord({ status: { phase: 'Cancelled' } });
    expect(outcomeOf(never, summary({}))).toEqual({
      type: 'default',
      lead: 'JOB_OUTCOME_CANCELLED_BEFORE_START',
    });
  });
});
