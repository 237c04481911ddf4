// status.charts end to end: every chart of a job's plan with its outcome counts, in the record,
// the job list and the SSE status events; planned counts for a dry run; a chart the repository
// lacks; and the whole list validated against the OpenAPI document. Also status.notes: the items
// that did not fail but have a reason, kept beside the failures.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import type { JobChartStatus, JobRecord } from '../../src/contract/index.js';
import { appNameFor } from '../../src/engine/store/names.js';
import { schemaValidator } from '../../src/service/validation.js';
import { jobOf, useServiceHarness } from './support.js';

const ADMIN = 'emulator-admin-token';

describe('job status per chart', () => {
  const h = useServiceHarness();
  const app = (chart: string) => appNameFor({ repoUrl: h.repo.url, chartName: chart, workspace: undefined });
  const entry = (chart: string, counts: Partial<JobChartStatus>): JobChartStatus => ({
    chart,
    app: app(chart),
    total: 0,
    created: 0,
    exists: 0,
    failed: 0,
    planned: 0,
    ...counts,
  });

  it('lists every chart with its outcome, in the record, the list and the live status events', async () => {
    h.emulator.setFaults({ latencyMs: 30 });
    const started = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, versions: 'all', charts: ['alpha', 'beta', 'gone'] },
    });
    expect(started.status).toBe(202);
    const { id } = jobOf(started.body);
    const events = await h.events(`/jobs/${id}/events`, ADMIN);
    const expected = [
      entry('alpha', { total: 2, created: 2 }),
      entry('beta', { total: 1, created: 1 }),
      { ...entry('gone', { total: 1, failed: 1 }), app: '' },
    ];

    const job = (await h.api('GET', `/jobs/${id}`)).body as JobRecord;
    expect(job.status.phase).toBe('PartiallyFailed');
    expect(job.status.charts).toEqual(expected);
    expect(schemaValidator('JobRecord')(job)).toBe(true);
    const list = (await h.api('GET', '/jobs')).body as { items: JobRecord[] };
    expect(list.items[0]?.status.charts).toEqual(expected);

    const statuses = events
      .filter((event) => event.event === 'status')
      .map((event) => event.data as JobRecord);
    expect(statuses.at(-1)?.status.charts).toEqual(expected);
    // Each chart's counts only grow, and never pass its total.
    const withCharts = statuses.filter((record) => record.status.charts !== undefined);
    expect(withCharts.length).toBeGreaterThan(1);
    for (const [index, record] of withCharts.entries()) {
      for (const chart of record.status.charts ?? []) {
        const done = chart.created + chart.exists + chart.failed + chart.planned;
        expect(done).toBeLessThanOrEqual(chart.total);
        const before = withCharts[index - 1]?.status.charts?.find((c) => c.chart === chart.chart);
        if (before)
          expect(done).toBeGreaterThanOrEqual(
            before.created + before.exists + before.failed + before.planned,
          );
      }
    }
  });

  it('counts a second run as exists, and a dry run as planned', async () => {
    const first = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, charts: ['alpha'] } });
    await h.waitForJob(jobOf(first.body).id);
    const dry = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, versions: 'all', dryRun: true },
    });
    const job = await h.waitForJob(jobOf(dry.body).id);
    expect(job.status.charts).toEqual([
      entry('alpha', { total: 2, exists: 1, planned: 1 }),
      entry('beta', { total: 1, planned: 1 }),
    ]);
  });

  it('has no chart list before the plan is known', async () => {
    const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url } } });
    const created = jobOf(started.body);
    expect(created.status.charts).toBeUndefined();
    const job = await h.waitForJob(created.id);
    expect(job.status.charts?.map((chart) => chart.chart)).toEqual(['alpha', 'beta']);
  });
});

describe('job status notes', () => {
  const h = useServiceHarness({
    charts: [
      // Over ks-core's 1 MiB limit with docs no template reads: slimmed and created, with a note.
      { name: 'bulky', version: '1.0.0', files: { 'docs/manual.bin': randomBytes(1.5 * 1024 * 1024) } },
      // Its templates read the same bytes: it cannot be slimmed, it fails.
      {
        name: 'heavy',
        version: '1.0.0',
        files: {
          'files/data.bin': randomBytes(1.5 * 1024 * 1024),
          'templates/data.yaml':
            'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: data\nbinaryData:\n  data: {{ .Files.Get "files/data.bin" | b64enc }}\n',
        },
      },
      { name: 'small', version: '1.0.0' },
    ],
  });
  const app = (chart: string) => appNameFor({ repoUrl: h.repo.url, chartName: chart, workspace: undefined });

  it('keeps the non-failed items with a reason, apart from the failures, in the record and the list', async () => {
    const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url } } });
    const created = jobOf(started.body);
    expect(created.status.notes).toBeUndefined();
    const job = await h.waitForJob(created.id);

    expect(job.status.phase).toBe('PartiallyFailed');
    expect(job.status.failures.map((item) => item.chart)).toEqual(['heavy']);
    expect(job.status.notes).toMatchObject([
      { chart: 'bulky', version: '1.0.0', status: 'created', app: app('bulky') },
    ]);
    expect(job.status.notes?.[0]?.reason).toMatch(
      /^slimmed from \d+ to \d+ bytes, removed .*docs\/manual\.bin/,
    );
    const read = (await h.api('GET', `/jobs/${created.id}`)).body as JobRecord;
    expect(schemaValidator('JobRecord')(read)).toBe(true);
    expect(read.status.notes).toEqual(job.status.notes);
    const list = (await h.api('GET', '/jobs')).body as { items: JobRecord[] };
    expect(list.items[0]?.status.notes).toEqual(job.status.notes);
  });
});
