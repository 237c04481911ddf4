import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportItem, JobItemEvent, JobRecord, JobStatus, Message } from '../src/api';
import {
  chartRows,
  chartState,
  failedCharts,
  handledVersions,
  noteText,
  progressOf,
  reduceJobView,
  summaryOf,
  warningsOf,
  type JobView,
} from '../src/pages/ImportFromRepo/jobs/model';
import { jobRecord } from './jobs-fixtures';
import { stubTranslate } from './support/translate';

function item(chart: string, version: string, status: ImportItem['status'], reason = ''): ImportItem {
  return {
    chart,
    version,
    status,
    app: status === 'failed' && reason === 'unmapped' ? '' : `${chart}-k3x9q`,
    reason,
  };
}

function event(done: number, total: number, value: ImportItem): JobItemEvent {
  return { item: value, done, total };
}

function job(status: Partial<JobStatus> = {}, id = 'job-1'): JobRecord {
  return jobRecord({ id, status });
}

function viewOf(...actions: Parameters<typeof reduceJobView>[1][]): JobView {
  const view = actions.reduce<JobView | undefined>(reduceJobView, undefined);
  if (!view) throw new Error('no status was given');
  return view;
}

const suspended: Message = {
  code: 'app-suspended',
  params: { chart: 'nginx', app: 'app-nginx' },
  message:
    'nginx: app app-nginx is suspended in the store; its versions were imported, re-activate it to show them',
};
const largePlan: Message = {
  code: 'large-plan',
  params: { count: 200, gib: 1 },
  message: '200 versions to upload: ...',
};

describe('job view', () => {
  it('ignores live events until a status arrives, then keeps them across statuses of the same job', () => {
    expect(
      reduceJobView(undefined, { type: 'item', event: event(1, 2, item('a', '1.0.0', 'created')) }),
    ).toBe(undefined);
    const view = viewOf(
      { type: 'status', job: job() },
      { type: 'item', event: event(1, 2, item('a', '1.0.0', 'created')) },
      { type: 'warning', warning: suspended },
      { type: 'status', job: job({ progress: { done: 1, total: 2 } }) },
    );
    expect(view.live).toHaveLength(1);
    expect(view.liveWarnings).toEqual([suspended]);
  });

  it('drops live items a newer status makes redundant, keeping counts and notes', () => {
    const listed = (created: number) => [
      { chart: 'a', app: 'a-1', total: 3, created, exists: 0, failed: 0, planned: 0 },
    ];
    const view = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 3 }, charts: listed(0) }) },
      { type: 'item', event: event(1, 3, item('a', '1.0.0', 'created')) },
      { type: 'item', event: event(2, 3, item('a', '2.0.0', 'created', 'slimmed')) },
      { type: 'item', event: event(3, 3, item('a', '3.0.0', 'created')) },
      {
        type: 'status',
        job: job({
          progress: { done: 2, total: 3 },
          summary: { created: 2, exists: 0, failed: 0, planned: 0 },
          charts: listed(2),
        }),
      },
    );
    // 1.0.0 is counted by the status and has nothing to say; 2.0.0 has a note; 3.0.0 is not counted yet.
    expect(view.live.map(({ item }) => item.version)).toEqual(['2.0.0', '3.0.0']);
    expect(chartRows(view)[0]).toMatchObject({
      created: 3,
      notes: [{ version: '2.0.0', reason: 'slimmed' }],
    });
    expect(summaryOf(view).created).toBe(3);
  });

  it('starts over when the page moves to another job', () => {
    const view = viewOf(
      { type: 'status', job: job() },
      { type: 'item', event: event(1, 2, item('a', '1.0.0', 'created')) },
      { type: 'status', job: job({}, 'job-2') },
    );
    expect(view.job.id).toBe('job-2');
    expect(view.live).toEqual([]);
  });

  it('counts an item once: the status counts those up to its progress, live items add the rest', () => {
    const view = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 3 } }) },
      { type: 'item', event: event(1, 3, item('a', '1.0.0', 'created')) },
      { type: 'item', event: event(2, 3, item('b', '2.0.0', 'exists')) },
      // A snapshot taken after the first item: it counts it, not the second.
      {
        type: 'status',
        job: job({
          progress: { done: 1, total: 3 },
          summary: { created: 1, exists: 0, failed: 0, planned: 0 },
          charts: [
            { chart: 'a', app: 'a-k3x9q', total: 1, created: 1, exists: 0, failed: 0, planned: 0 },
            { chart: 'b', app: 'b-k3x9q', total: 1, created: 0, exists: 0, failed: 0, planned: 0 },
            { chart: 'c', app: 'c-k3x9q', total: 1, created: 0, exists: 0, failed: 0, planned: 0 },
          ],
        }),
      },
      { type: 'item', event: event(3, 3, item('c', '0.1.0', 'failed', 'chart rejected: too large')) },
    );
    expect(summaryOf(view)).toEqual({ created: 1, exists: 1, failed: 1, planned: 0 });
    expect(progressOf(view)).toEqual({ done: 3, total: 3, percent: 100 });
    const rows = chartRows(view);
    expect(rows.map((row) => [row.chart, row.created, row.exists, row.failed])).toEqual([
      ['a', 1, 0, 0],
      ['b', 0, 1, 0],
      ['c', 0, 0, 1],
    ]);
    expect(rows[2]?.notes).toEqual([
      { version: '0.1.0', status: 'failed', reason: 'chart rejected: too large' },
    ]);
    expect(rows.map(chartState)).toEqual(['created', 'exists', 'failed']);
    // Recorded without a remedy (a job of an earlier release): offered for a retry.
    expect(failedCharts(rows)).toEqual({ retryable: ['c'], permanent: [] });
  });

  it('after a reload lists every chart from status.charts, with the recorded failures as reasons', () => {
    const view = viewOf({
      type: 'status',
      job: job({
        phase: 'PartiallyFailed',
        progress: { done: 5, total: 5 },
        summary: { created: 3, exists: 1, failed: 1, planned: 0 },
        failures: [item('nginx', '1.1.0', 'failed', 'values.yaml is over 1 MiB')],
        charts: [
          { chart: 'redis', app: 'redis-aaaaa', total: 3, created: 2, exists: 1, failed: 0, planned: 0 },
          { chart: 'nginx', app: 'nginx-bbbbb', total: 2, created: 1, exists: 0, failed: 1, planned: 0 },
        ],
      }),
    });
    const rows = chartRows(view);
    // Plan order, as the service lists them.
    expect(rows.map((row) => row.chart)).toEqual(['redis', 'nginx']);
    expect(rows[1]).toMatchObject({ app: 'nginx-bbbbb', total: 2, created: 1, failed: 1 });
    expect(rows[1]?.notes).toEqual([
      { version: '1.1.0', status: 'failed', reason: 'values.yaml is over 1 MiB' },
    ]);
    expect(rows.map(chartState)).toEqual(['created', 'failed']);
    expect(rows[0]).toMatchObject({ app: 'redis-aaaaa', created: 2, exists: 1, notes: [] });
    expect(failedCharts(rows)).toEqual({ retryable: ['nginx'], permanent: [] });
  });

  it('offers a retry only for charts with a failure a retry can fix', () => {
    const failedWith = (chart: string, version: string, remedy: 'retry' | 'change'): ImportItem => ({
      ...item(chart, version, 'failed', `${remedy} me`),
      remedy,
    });
    const view = viewOf({
      type: 'status',
      job: job({
        phase: 'PartiallyFailed',
        progress: { done: 5, total: 5 },
        summary: { created: 1, exists: 0, failed: 4, planned: 0 },
        failures: [
          failedWith('missing', '', 'change'),
          failedWith('flaky', '1.0.0', 'retry'),
          failedWith('mixed', '1.0.0', 'change'),
          failedWith('mixed', '2.0.0', 'retry'),
        ],
        charts: [
          { chart: 'missing', app: '', total: 1, created: 0, exists: 0, failed: 1, planned: 0 },
          { chart: 'flaky', app: 'flaky-a', total: 1, created: 0, exists: 0, failed: 1, planned: 0 },
          { chart: 'mixed', app: 'mixed-a', total: 3, created: 1, exists: 0, failed: 2, planned: 0 },
        ],
      }),
    });
    expect(failedCharts(chartRows(view))).toEqual({ retryable: ['flaky', 'mixed'], permanent: ['missing'] });
  });

  it('tells charts of the plan not started from those part-way', () => {
    const view = viewOf(
      {
        type: 'status',
        job: job({
          progress: { done: 0, total: 3 },
          charts: [
            { chart: 'a', app: 'a-1', total: 2, created: 0, exists: 0, failed: 0, planned: 0 },
            { chart: 'b', app: 'b-1', total: 1, created: 0, exists: 0, failed: 0, planned: 0 },
            { chart: 'c', app: 'c-1', total: 1, created: 0, exists: 0, failed: 0, planned: 0 },
          ],
        }),
      },
      { type: 'item', event: event(1, 3, item('a', '1.0.0', 'created')) },
      { type: 'item', event: event(2, 3, item('b', '1.0.0', 'exists')) },
    );
    const rows = chartRows(view);
    expect(rows.map(chartState)).toEqual(['partial', 'exists', 'waiting']);
    expect(rows.map(handledVersions)).toEqual([1, 1, 0]);
  });

  it('counts every live item of a chart the status does not list (past its size cap)', () => {
    const view = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 3 }, charts: [] }) },
      { type: 'item', event: event(1, 3, item('late', '1.0.0', 'created')) },
      {
        type: 'status',
        job: job({
          progress: { done: 1, total: 3 },
          summary: { created: 1, exists: 0, failed: 0, planned: 0 },
          charts: [],
        }),
      },
      { type: 'item', event: event(2, 3, item('late', '2.0.0', 'created')) },
    );
    expect(chartRows(view).map((row) => [row.chart, row.created])).toEqual([['late', 2]]);
  });

  it('without status.charts (a job stored before it existed) counts live items and unseen failures', () => {
    const view = viewOf(
      {
        type: 'status',
        job: job({
          progress: { done: 2, total: 3 },
          summary: { created: 1, exists: 0, failed: 1, planned: 0 },
          failures: [item('old', '1.0.0', 'failed', 'download failed')],
        }),
      },
      { type: 'item', event: event(3, 3, item('new', '1.0.0', 'created', 'slimmed: removed docs/')) },
    );
    const rows = chartRows(view);
    expect(rows.map((row) => [row.chart, row.created, row.failed])).toEqual([
      ['new', 1, 0],
      ['old', 0, 1],
    ]);
    expect(rows[0]?.notes).toEqual([
      { version: '1.0.0', status: 'created', reason: 'slimmed: removed docs/' },
    ]);
  });

  it('after a reload shows the recorded notes beside the failures, each version once, live items winning', () => {
    const charts = [
      { chart: 'nginx', app: 'nginx-k3x9q', total: 3, created: 2, exists: 0, failed: 1, planned: 0 },
    ];
    const recorded = {
      progress: { done: 3, total: 3 },
      failures: [item('nginx', '1.2.0', 'failed', 'boom')],
      notes: [
        item('nginx', '1.0.0', 'created', 'slimmed from 1305863 to 4331 bytes, removed docs/'),
        item('nginx', '1.1.0', 'created', 'completed a draft left by an earlier run'),
      ],
      charts,
    };
    const reloaded = chartRows(viewOf({ type: 'status', job: job(recorded) }));
    expect(reloaded).toHaveLength(1);
    expect(reloaded[0]).toMatchObject({ created: 2, failed: 1 });
    expect(reloaded[0]?.notes).toEqual([
      { version: '1.2.0', status: 'failed', reason: 'boom' },
      { version: '1.0.0', status: 'created', reason: 'slimmed from 1305863 to 4331 bytes, removed docs/' },
      { version: '1.1.0', status: 'created', reason: 'completed a draft left by an earlier run' },
    ]);

    // Seen live too: the live item's reason is shown, once, and counted once.
    const live = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 3 }, charts }) },
      { type: 'item', event: event(1, 3, item('nginx', '1.1.0', 'created', 'resumed')) },
      { type: 'status', job: job(recorded) },
    );
    const rows = chartRows(live);
    expect(rows[0]).toMatchObject({ created: 2, failed: 1 });
    expect(rows[0]?.notes.map((note) => [note.version, note.reason])).toEqual([
      ['1.2.0', 'boom'],
      ['1.1.0', 'resumed'],
      ['1.0.0', 'slimmed from 1305863 to 4331 bytes, removed docs/'],
    ]);
  });

  it('counts recorded notes of a chart the status does not list', () => {
    const view = viewOf({
      type: 'status',
      job: job({
        progress: { done: 2, total: 2 },
        failures: [item('old', '2.0.0', 'failed', 'boom')],
        notes: [item('old', '1.0.0', 'created', 'resumed')],
      }),
    });
    expect(chartRows(view)[0]).toMatchObject({ chart: 'old', created: 1, failed: 1 });
  });

  it('puts failures before notes, and each version once', () => {
    const failure = item('a', '2.0.0', 'failed', 'boom');
    const view = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 2 } }) },
      { type: 'item', event: event(1, 2, item('a', '1.0.0', 'created', 'resumed a draft')) },
      { type: 'item', event: event(2, 2, failure) },
      { type: 'status', job: job({ progress: { done: 2, total: 2 }, failures: [failure] }) },
    );
    expect(chartRows(view)[0]?.notes.map((note) => note.version)).toEqual(['2.0.0', '1.0.0']);
  });

  it('reports progress of a job still planning as 0%, and merges warnings without repeats', () => {
    const view = viewOf(
      { type: 'status', job: job({ warnings: [largePlan] }) },
      { type: 'warning', warning: largePlan },
      { type: 'warning', warning: suspended },
    );
    expect(progressOf(view)).toEqual({ done: 0, total: 0, percent: 0 });
    expect(warningsOf(view)).toEqual([largePlan, suspended]);
  });

  it('counts a dry run as planned', () => {
    const view = viewOf(
      { type: 'status', job: job({ progress: { done: 0, total: 1 } }) },
      { type: 'item', event: event(1, 1, item('a', '1.0.0', 'planned')) },
    );
    expect(summaryOf(view).planned).toBe(1);
    expect(chartRows(view).map(chartState)).toEqual(['planned']);
  });
});

describe('a note of the job page', () => {
  beforeAll(() => {
    stubTranslate();
  });

  it('names the version, and for a chart the repository does not have, the reason alone', () => {
    expect(noteText({ version: '1.0.0', status: 'failed', reason: 'too large' })).toBe('1.0.0: too large');
    expect(noteText({ version: '', status: 'failed', reason: 'not in the repository' })).toBe(
      'not in the repository',
    );
    expect(noteText({ version: '', status: 'failed', reason: '' })).not.toMatch(/^:/);
  });
});
