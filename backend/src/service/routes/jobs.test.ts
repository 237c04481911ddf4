// The jobs routes over fakes (backend/test/support/service-fakes.ts): who may start, read and
// cancel jobs, query and body validation, and the event stream of an ended job. Jobs really
// running are backend/test/service/api.e2e.test.ts and its neighbours.
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { parseSse } from '../../../test/service/support.js';
import { authAs, fakeServicePerTest, tokenOf } from '../../../test/support/service-fakes.js';
import { API_BASE } from '../app.js';
import type { JobRecord } from '../jobs/types.js';

const current = fakeServicePerTest();
const SOURCE = { url: 'https://charts.example.com/stable', username: 'u', password: 'repo-pass-2' };

async function startJob(body: Record<string, unknown> = {}): Promise<JobRecord> {
  const response = await request(current().app)
    .post(`${API_BASE}/jobs`)
    .set(authAs('admin'))
    .send({ source: SOURCE, ...body });
  expect(response.status, response.text).toBe(202);
  current().access.asked.length = 0;
  return response.body as JobRecord;
}

describe('POST /jobs', () => {
  it('starts an import as the caller where they may manage the store', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/jobs`)
      .set(authAs('teamAdmin'))
      .send({ source: SOURCE, workspace: 'team', concurrency: 20 });
    expect(response.status, response.text).toBe(202);
    expect(response.body).toMatchObject({
      runAs: 'user',
      requestedBy: 'teamAdmin',
      status: { phase: 'Pending' },
    });
    expect(response.text).not.toContain('repo-pass-2');
    expect(current().access.asked).toEqual(['manage:team']);
    const [started] = current().jobs.started;
    expect(started?.options).toMatchObject({
      identity: { token: tokenOf('teamAdmin') },
      credentials: { username: 'u', password: 'repo-pass-2' },
    });
    // Capped by MAX_JOB_CONCURRENCY (8 by default).
    expect(started?.spec).toMatchObject({ workspace: 'team', concurrency: 8, source: { url: SOURCE.url } });
    expect(started?.spec.source).not.toHaveProperty('password');
  });

  it('lets a reader start a dry run, and only a dry run', async () => {
    const dry = await request(current().app)
      .post(`${API_BASE}/jobs`)
      .set(authAs('viewer'))
      .send({ source: SOURCE, dryRun: true });
    expect(dry.status).toBe(202);
    expect(current().access.asked).toEqual(['read']);
    const real = await request(current().app)
      .post(`${API_BASE}/jobs`)
      .set(authAs('viewer'))
      .send({ source: SOURCE });
    expect(real.status).toBe(403);
    expect(current().jobs.started).toHaveLength(1);
  });

  it('answers 400 naming the field, before asking KubeSphere', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/jobs`)
      .set(authAs('admin'))
      .send({ source: SOURCE, versions: 'newest' });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/^body\.versions /);
    expect(current().access.asked).toEqual([]);
    expect(current().jobs.started).toEqual([]);
  });
});

describe('GET /jobs', () => {
  it('lists the jobs of a sync for a reader, newest first and limited', async () => {
    await startJob();
    const second = await startJob();
    const list = await request(current().app).get(`${API_BASE}/jobs?limit=1`).set(authAs('viewer'));
    expect(list.status).toBe(200);
    expect((list.body as { items: JobRecord[] }).items.map((job) => job.id)).toEqual([second.id]);
    const none = await request(current().app).get(`${API_BASE}/jobs?sync=nightly`).set(authAs('viewer'));
    expect(none.body).toEqual({ items: [] });
    expect((await request(current().app).get(`${API_BASE}/jobs`).set(authAs('stranger'))).status).toBe(403);
  });

  it('answers 400 for a bad query before asking KubeSphere', async () => {
    const limit = await request(current().app).get(`${API_BASE}/jobs?limit=0`).set(authAs('admin'));
    expect(limit.status).toBe(400);
    expect((limit.body as { message: string }).message).toBe(
      'query parameter limit must be a whole number from 1 to 500',
    );
    const sync = await request(current().app).get(`${API_BASE}/jobs?sync=Bad_Name`).set(authAs('admin'));
    expect(sync.status).toBe(400);
    expect(current().access.asked).toEqual([]);
  });
});

describe('GET /jobs/:id', () => {
  it('reads a job; 404 for a missing or impossible id', async () => {
    const job = await startJob();
    const read = await request(current().app).get(`${API_BASE}/jobs/${job.id}`).set(authAs('viewer'));
    expect(read.status).toBe(200);
    expect((read.body as JobRecord).id).toBe(job.id);
    expect(
      (await request(current().app).get(`${API_BASE}/jobs/imp-absent`).set(authAs('viewer'))).status,
    ).toBe(404);
    expect(
      (await request(current().app).get(`${API_BASE}/jobs/..%2Fsecrets`).set(authAs('viewer'))).status,
    ).toBe(404);
  });
});

describe('POST /jobs/:id/cancel', () => {
  it('needs the right to manage where the job imports', async () => {
    const job = await startJob({ workspace: 'team' });
    const refused = await request(current().app)
      .post(`${API_BASE}/jobs/${job.id}/cancel`)
      .set(authAs('viewer'));
    expect(refused.status).toBe(403);
    expect(current().access.asked).toEqual(['manage:team']);
    expect((await current().jobs.get(job.id))?.status.phase).toBe('Pending');
    const cancelled = await request(current().app)
      .post(`${API_BASE}/jobs/${job.id}/cancel`)
      .set(authAs('teamAdmin'));
    expect(cancelled.status).toBe(202);
    expect((cancelled.body as JobRecord).status.phase).toBe('Cancelled');
    const again = await request(current().app)
      .post(`${API_BASE}/jobs/${job.id}/cancel`)
      .set(authAs('teamAdmin'));
    expect(again.status).toBe(409);
  });

  it('answers 404 for a missing job', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/jobs/imp-absent/cancel`)
      .set(authAs('admin'));
    expect(response.status).toBe(404);
  });
});

describe('GET /jobs/:id/events', () => {
  it('sends the status of an ended job and ends the stream', async () => {
    const job = await startJob();
    await current().jobs.cancel(job.id);
    const response = await request(current().app)
      .get(`${API_BASE}/jobs/${job.id}/events`)
      .set(authAs('viewer'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const events = parseSse(response.text);
    expect(events).toEqual([
      { event: 'status', id: '1', data: expect.objectContaining({ id: job.id }) as unknown },
    ]);
    expect((events[0]?.data as JobRecord).status.phase).toBe('Cancelled');
  });

  it('refuses a caller who may not read', async () => {
    const job = await startJob();
    const response = await request(current().app)
      .get(`${API_BASE}/jobs/${job.id}/events`)
      .set(authAs('stranger'));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
