import { describe, expect, it } from 'vitest';
import type { JobPhase, JobRecord } from '../src/api';
import { hasActiveJob } from '../src/api/queries';
import { filterJobs, newestFirst } from '../src/pages/ImportFromRepo/history/filter';
import { repoTitle } from '../src/pages/ImportFromRepo/jobs/describe';
import { durationSeconds, formatDuration, formatTime } from '../src/components/time';
import { jobRecord } from './jobs-fixtures';

function job(id: string, phase: JobPhase, createdAt: string, record: Partial<JobRecord> = {}): JobRecord {
  return jobRecord({
    id,
    spec: { source: { url: `https://${id}.example.com/charts` } },
    status: { phase },
    record: { createdAt, ...record },
  });
}

const jobs = [
  job('alpha', 'Succeeded', '2026-01-01T10:00:00Z'),
  job('beta', 'Running', '2026-01-03T10:00:00Z', { syncName: 'nightly', requestedBy: 'store-importer' }),
  job('gamma', 'Failed', '2026-01-02T10:00:00Z', { requestedBy: 'alice' }),
];

describe('history', () => {
  it('sorts newest first', () => {
    expect(newestFirst(jobs).map((j) => j.id)).toEqual(['beta', 'gamma', 'alpha']);
  });

  it('filters by phase, running and waiting together', () => {
    expect(filterJobs(jobs, '', 'active').map((j) => j.id)).toEqual(['beta']);
    expect(filterJobs(jobs, '', 'Failed').map((j) => j.id)).toEqual(['gamma']);
    expect(filterJobs(jobs, '', 'all')).toHaveLength(3);
  });

  it('searches the repository, the user and the sync, in any case', () => {
    expect(filterJobs(jobs, 'ALICE', 'all').map((j) => j.id)).toEqual(['gamma']);
    expect(filterJobs(jobs, 'nightly', 'all').map((j) => j.id)).toEqual(['beta']);
    expect(filterJobs(jobs, 'alpha.example', 'all').map((j) => j.id)).toEqual(['alpha']);
    expect(filterJobs(jobs, 'nowhere', 'all')).toEqual([]);
  });

  it('knows when a job is still going', () => {
    expect(hasActiveJob(jobs)).toBe(true);
    expect(hasActiveJob(jobs.filter((j) => j.id !== 'beta'))).toBe(false);
  });
});

describe('time formatting', () => {
  it('measures a duration, up to now while running', () => {
    expect(durationSeconds('2026-01-01T10:00:00Z', '2026-01-01T10:03:05Z')).toBe(185);
    expect(durationSeconds('2026-01-01T10:00:00Z', undefined, Date.parse('2026-01-01T10:00:42Z'))).toBe(42);
    expect(durationSeconds(undefined, undefined)).toBeUndefined();
    expect(durationSeconds('not a date', undefined)).toBeUndefined();
  });

  it('writes durations and times compactly', () => {
    expect([42, 185, 7620].map(formatDuration)).toEqual(['42s', '3m 05s', '2h 07m']);
    expect(formatDuration(undefined)).toBe('-');
    expect(formatTime(undefined)).toBe('-');
    expect(formatTime('garbage')).toBe('-');
    expect(formatTime('2026-01-31T14:05:09Z')).toMatch(/^2026-01-3[01] \d{2}:05:09$/);
  });
});

describe('what a job is called', () => {
  it('is its repository: the URL without the http(s) scheme, or the name it has in KubeSphere', () => {
    expect(repoTitle({ url: 'https://charts.example.com/stable/' })).toBe('charts.example.com/stable');
    expect(repoTitle({ url: 'http://127.0.0.1:8080' })).toBe('127.0.0.1:8080');
    expect(repoTitle({ url: 'oci://registry.example.com/charts' })).toBe('oci://registry.example.com/charts');
    expect(
      repoTitle({
        url: 'https://charts.example.com',
        configuredRepo: { name: 'main', workspace: 'system-workspace' },
      }),
    ).toBe('main');
  });
});
