// Adopting apps uploaded by hand through the service: a preview says which app a chart goes to,
// and a job with `adopt` adds the chart's versions to that app, its items noting it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { JobRecord, RepoPreview } from '../../src/contract/index.js';
import { appNameFor } from '../../src/engine/store/names.js';
import { schemaValidator } from '../../src/service/validation.js';
import { uploadByHand } from '../support/hand-upload.js';
import { jobOf, useServiceHarness } from './support.js';

const ADMIN = 'emulator-admin-token';

describe('apps uploaded by hand', () => {
  const h = useServiceHarness();
  const handUpload = () =>
    uploadByHand({ url: h.emulator.url, adminToken: ADMIN }, join(h.repoDir, 'alpha-0.1.0.tgz'));
  const preview = async (body: Record<string, unknown>) => {
    const response = await h.api('POST', '/previews', { body });
    expect(response.status, response.text).toBe(200);
    const validate = schemaValidator('RepoPreview');
    expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
    return response.body as RepoPreview;
  };

  it('a preview with adopt maps the chart to the app; without, it warns and keeps its own', async () => {
    const hand = await handUpload();
    const body = { source: { url: h.repo.url }, versions: 'all' };

    const adopting = await preview({ ...body, adopt: true });
    const alpha = adopting.charts.find(({ name }) => name === 'alpha');
    expect(alpha).toMatchObject({ app: hand, adoption: 'adopted', appState: 'draft' });
    expect(alpha?.versions.map(({ version, action, storeState }) => [version, action, storeState])).toEqual([
      ['0.2.0', 'create', undefined],
      ['0.1.0', 'exists', 'draft'],
    ]);
    expect(adopting.warnings.map(({ code }) => code)).not.toContain('hand-uploaded-app-found');

    const plain = await preview(body);
    const own = appNameFor({ repoUrl: h.repo.url, chartName: 'alpha', workspace: undefined });
    expect(plain.charts.find(({ name }) => name === 'alpha')).toMatchObject({ app: own });
    expect(plain.charts.find(({ name }) => name === 'alpha')).not.toHaveProperty('adoption');
    expect(plain.warnings).toContainEqual(
      expect.objectContaining({ code: 'hand-uploaded-app-found', params: { chart: 'alpha', app: hand } }),
    );
  });

  it('a job with adopt adds the versions to that app, and says so on each item', async () => {
    const hand = await handUpload();
    const started = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, versions: 'all', adopt: true },
    });
    expect(started.status, started.text).toBe(202);
    const job: JobRecord = await h.waitForJob(jobOf(started.body).id);
    expect(job.spec.adopt).toBe(true);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.status.charts?.find(({ chart }) => chart === 'alpha')).toMatchObject({
      app: hand,
      total: 2,
      created: 1,
      exists: 1,
    });
    const notes = (job.status.notes ?? []).filter(({ chart }) => chart === 'alpha');
    expect(notes.map(({ version, reasons }) => [version, reasons?.[0]?.code])).toEqual(
      expect.arrayContaining([
        ['0.1.0', 'app-adopted'],
        ['0.2.0', 'app-adopted'],
      ]),
    );
    expect(schemaValidator('JobRecord')(job)).toBe(true);
    // The chart has no second app
    const apps = (h.emulator.state() as { apps: { metadata: { name: string } }[] }).apps;
    expect(apps.map(({ metadata }) => metadata.name).filter((name) => name.startsWith('alpha-'))).toEqual([
      hand,
    ]);
  });

  it('a sync keeps adopt, and its run adopts as a job does', async () => {
    const hand = await handUpload();
    const created = await h.api('POST', '/syncs', {
      body: {
        name: 'nightly',
        source: { url: h.repo.url },
        schedule: '0 3 * * *',
        charts: ['alpha'],
        adopt: true,
      },
    });
    expect(created.status, created.text).toBe(201);
    const read = await h.api('GET', '/syncs/nightly');
    expect((read.body as { spec: { adopt?: boolean } }).spec.adopt).toBe(true);
    const run = await h.api('POST', '/syncs/nightly/run');
    expect(run.status, run.text).toBe(202);
    const job = await h.waitForJob(jobOf(run.body).id);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.status.charts).toEqual([
      expect.objectContaining({ chart: 'alpha', app: hand, total: 1, created: 1 }),
    ]);
  });
});
