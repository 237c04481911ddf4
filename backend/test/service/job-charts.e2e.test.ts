// status.charts end to end: every chart of a job's plan with its outcome counts, in the record,
// the job list and the SSE status events; planned counts for a dry run; a chart the repository
// lacks; and the whole list validated against the OpenAPI document. Also status.notes: the items
// that did not fail but have a reason, kept beside the failures.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';

import type { JobChartStatus, JobRecord } from '../../src/contract/index.js';
import { appNameFor } from '../../src/engine/store/names.js';
import { schemaValidator } from '../../src/service/validation.js';
import { startServer } from '../support/servers.js';
import { jobOf, useServiceHarness } from './support.js';

const ADMIN = 'emulator-admin-token';

/** The item of a chart the repository does not have: its message, and that a change helps. */
const MISSING_CHART_FAILURE = {
  chart: 'gone',
  status: 'failed',
  app: '',
  reason: 'no chart of this name in the repository',
  reasons: [{ code: 'chart-missing', params: {}, message: 'no chart of this name in the repository' }],
  remedy: 'change',
};

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

    // The missing chart's failure: its message and what helps.
    expect(job.status.failures).toEqual([expect.objectContaining(MISSING_CHART_FAILURE)]);

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
    // A note is a message of its own, with its sizes in bytes; it has no remedy.
    const [slimmed] = job.status.notes?.[0]?.reasons ?? [];
    expect(job.status.notes?.[0]?.reasons).toHaveLength(1);
    expect(slimmed).toMatchObject({ code: 'slimmed', message: job.status.notes?.[0]?.reason });
    expect(slimmed?.params.fromBytes).toBeGreaterThan(1024 * 1024);
    expect(slimmed?.params.toBytes).toBeLessThan(1024 * 1024);
    expect(slimmed?.params.removed).toMatch(/docs\/manual\.bin/);
    expect(job.status.notes?.[0]).not.toHaveProperty('remedy');
    // A package that stays over the limit needs a change: running again does not help.
    const [tooLarge] = job.status.failures[0]?.reasons ?? [];
    expect(job.status.failures[0]).toMatchObject({
      remedy: 'change',
      reasons: [{ code: 'package-too-large', message: job.status.failures[0]?.reason }],
    });
    expect(tooLarge?.params).toMatchObject({ limitBytes: 1024 * 1024, filesKept: 1 });
    expect(tooLarge?.params.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(job.status.failures[0]?.reason).toMatch(
      /^chart package is \d+ bytes \(1\.\d\d MiB\) even after slimming, over the limit of 1048576 bytes \(1\.00 MiB\)/,
    );
    const read = (await h.api('GET', `/jobs/${created.id}`)).body as JobRecord;
    expect(schemaValidator('JobRecord')(read)).toBe(true);
    expect(read.status.notes).toEqual(job.status.notes);
    const list = (await h.api('GET', '/jobs')).body as { items: JobRecord[] };
    expect(list.items[0]?.status.notes).toEqual(job.status.notes);
  });

  it('flags in a dry run the packages over the store limit, from the sizes the repository gives', async () => {
    const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, dryRun: true } });
    const job = await h.waitForJob(jobOf(started.body).id);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.status.summary).toMatchObject({ planned: 3, failed: 0 });
    const flagged = (job.status.notes ?? []).map((note) => [note.chart, note.reasons?.[0]?.code]);
    expect(flagged.sort()).toEqual([
      ['bulky', 'package-over-limit'],
      ['heavy', 'package-over-limit'],
    ]);
    const [overLimit] = job.status.notes?.[0]?.reasons ?? [];
    expect(overLimit?.params.limitBytes).toBe(1024 * 1024);
    expect(overLimit?.params.sizeBytes).toBeGreaterThan(1024 * 1024);
  });
});

describe('job warnings and reasons as messages', () => {
  const h = useServiceHarness({
    charts: [
      { name: 'fresh', version: '1.0.0' },
      { name: 'old', version: '1.0.0', deprecated: true },
    ],
  });

  it('sends each warning and failed item with its messages in the SSE events, and keeps them in the status', async () => {
    // The repository's index comes late: the event stream is open before the plan's warnings.
    const slow = await startServer((req, res) => {
      const path = req.url ?? '/';
      setTimeout(
        () => {
          fetch(`${h.repo.url}${path}`)
            .then(async (answer) => res.writeHead(answer.status).end(Buffer.from(await answer.arrayBuffer())))
            .catch(() => res.writeHead(502).end());
        },
        path === '/index.yaml' ? 1500 : 0,
      );
    });
    onTestFinished(() => slow.close());
    const started = await h.api('POST', '/jobs', {
      body: { source: { url: slow.origin }, charts: ['fresh', 'old', 'gone'] },
    });
    expect(started.status, started.text).toBe(202);
    const { id } = jobOf(started.body);
    const events = await h.events(`/jobs/${id}/events`, ADMIN);

    const deprecated = {
      code: 'chart-deprecated',
      params: { chart: 'old' },
      message: 'old: skipped, the chart is deprecated (include deprecated charts to import it)',
    };
    expect(events.filter((event) => event.event === 'warning').map((event) => event.data)).toEqual([
      deprecated,
    ]);
    const items = events
      .filter((event) => event.event === 'item')
      .map((event) => (event.data as { item: { chart: string } }).item);
    expect(items.filter((item) => item.chart === 'gone')).toEqual([
      expect.objectContaining(MISSING_CHART_FAILURE),
    ]);
    // A created version has no message and no remedy.
    expect(items.find((item) => item.chart === 'fresh')).toEqual(
      expect.objectContaining({ status: 'created', reason: '' }),
    );
    expect(items.find((item) => item.chart === 'fresh')).not.toHaveProperty('reasons');
    expect(items.find((item) => item.chart === 'fresh')).not.toHaveProperty('remedy');

    const job = (await h.api('GET', `/jobs/${id}`)).body as JobRecord;
    expect(job.status).toMatchObject({ phase: 'PartiallyFailed', warnings: [deprecated] });
    expect(job.status.failures).toEqual([expect.objectContaining(MISSING_CHART_FAILURE)]);
    expect(job.status).not.toHaveProperty('detail');
    expect(schemaValidator('JobRecord')(job)).toBe(true);
  });
});
