// The HTTP API end to end: identity, errors, previews, job lifecycle with SSE, cancel, a missing
// App Store, configured repositories, and logs free of secrets.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { STORE_MISSING_MESSAGE } from '../../src/service/errors.js';
import type { JobRecord } from '../../src/service/jobs/types.js';
import type { Message } from '../../src/engine/index.js';
import { stateOf, storeFingerprint } from '../support/emulator.js';
import { REPO_PASSWORD, REPO_USER, SA_TOKEN, jobOf, useServiceHarness } from './support.js';

const ADMIN = 'emulator-admin-token';
const VIEWER = 'emulator-viewer-token';

interface Preview {
  charts: {
    name: string;
    app: string;
    appState?: string;
    versions: { version: string; storeState?: string; action: string; size?: number }[];
  }[];
  totals: { charts: number; versions: number; selected: number; toCreate: number; inStore: number };
}

describe('service API', () => {
  const h = useServiceHarness();

  describe('identity', () => {
    it('answers 401 with a Kubernetes Status without a bearer token', async () => {
      const response = await h.api('GET', '/jobs', { token: null });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
      });
      expect((response.body as { message: string }).message).toMatch(/bearer token is required/);
    });

    it('gives nothing to a forged X-Remote-User', async () => {
      const forged = { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' };
      const anonymous = await h.api('POST', '/jobs', {
        token: null,
        headers: forged,
        body: { source: { url: h.repo.url } },
      });
      expect(anonymous.status).toBe(401);
      const asViewer = await h.api('POST', '/jobs', {
        token: VIEWER,
        headers: forged,
        body: { source: { url: h.repo.url } },
      });
      expect(asViewer.status).toBe(403);
      expect(await h.stores.jobs.list()).toEqual([]);
    });

    it('passes KubeSphere 403 on with its message when a viewer imports', async () => {
      const response = await h.api('POST', '/jobs', { token: VIEWER, body: { source: { url: h.repo.url } } });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ reason: 'Forbidden', code: 403 });
      expect((response.body as { message: string }).message).toContain(
        'User "viewer" cannot create resource "apps" in API group "application.kubesphere.io"',
      );
    });

    it('passes KubeSphere 401 on for a token it rejects', async () => {
      const response = await h.api('GET', '/repos', { token: 'not-a-valid-token' });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ reason: 'Unauthorized' });
    });

    it('serves the probes without authentication', async () => {
      expect((await h.api('GET', '/healthz', { token: null })).body).toEqual({ status: 'ok' });
      const ready = await h.api('GET', '/readyz', { token: null });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready' });
    });
  });

  describe('errors', () => {
    it('answers 400 naming the field for bad bodies', async () => {
      // Each with the reason the console says in the user's language: the field and the rule.
      const cases: [unknown, RegExp, { why: string; field: string; [name: string]: unknown }?][] = [
        [
          { source: { url: h.repo.url }, bogus: true },
          /body\.bogus is not a known field/,
          { why: 'unknown-field', field: 'body.bogus' },
        ],
        [
          { source: {} },
          /body\.source must have one of url .* repo .* or bundle/,
          { why: 'one-of', field: 'body.source' },
        ],
        [
          { source: { url: h.repo.url, repo: { name: 'r' } } },
          /body\.source must have one of url .* repo .* or bundle/,
        ],
        // The one kind of source the body is closest to names the field.
        [
          { source: { url: 'ftp://example.com/charts' } },
          /body\.source\.url is invalid/,
          { why: 'invalid-value', field: 'body.source.url' },
        ],
        [{ source: { repo: { name: 'Not_A_Name' } } }, /body\.source\.repo\.name is invalid/],
        [{ source: { repo: { name: 'r' }, token: 't' } }, /body\.source\.token is not a known field/],
        [
          { source: { url: h.repo.url, password: 'x' } },
          /body\.source\.username is required with password/,
          { why: 'required-with', field: 'body.source.username', other: 'body.source.password' },
        ],
        [{}, /body\.source is required/, { why: 'required', field: 'body.source' }],
        [
          { source: { url: h.repo.url }, concurrency: 0 },
          /body\.concurrency must be >= 1/,
          { why: 'too-small', field: 'body.concurrency', limit: 1 },
        ],
        [
          { source: { url: h.repo.url }, publish: 'public' },
          /body\.publish must be equal to one of the allowed values/,
          { why: 'not-allowed', field: 'body.publish', allowed: '"active", "review", "draft"' },
        ],
        ['[1,2', /not valid JSON/],
      ];
      for (const [body, message, detail] of cases) {
        const response = await h.api('POST', '/jobs', { body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        const status = response.body as { message: string; reason: string; detail?: Message };
        expect(status.message).toMatch(message);
        expect(status.reason).toBe('BadRequest');
        if (detail === undefined) continue;
        // The English sentence stays the API's message; the detail adds its code and reason.
        expect(status.detail).toMatchObject({ code: 'request-invalid', message: status.message });
        expect(status.detail?.params).toMatchObject({ ...detail, problem: status.message });
      }
    });

    it('answers 413 for an oversized body', async () => {
      const response = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, charts: ['x'.repeat(1_100_000)] },
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
    });

    it('answers 404 Status for unknown routes and jobs', async () => {
      const unknown = await h.api('GET', '/nothing-here');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
      const outside = await h.api('GET', '/kapis/other.kubesphere.io/v1/things', { token: null });
      expect(outside.status).toBe(404);
      const job = await h.api('GET', '/jobs/imp-none-000000');
      expect(job.status).toBe(404);
      expect((job.body as { message: string }).message).toBe('job imp-none-000000 not found');
    });

    it('answers 422 when the outbound policy refuses the repository address', async () => {
      const response = await h.api('POST', '/previews', {
        body: { source: { url: 'http://10.96.0.10/charts' } },
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ reason: 'OutboundBlocked' });
      // The cause as a message with the refusal's details, for the page to say in its language.
      expect(response.body).toMatchObject({
        detail: { code: 'address-blocked', params: { host: '10.96.0.10', address: '10.96.0.10' } },
      });
      const { category } = (response.body as { detail: { params: { category: string } } }).detail.params;
      expect(['cluster', 'private']).toContain(category);
    });
  });

  describe('previews', () => {
    it('shows charts, versions, store states and actions, before and after an import', async () => {
      const before = await h.api('POST', '/previews', {
        body: { source: { url: h.repo.url }, versions: 'all' },
      });
      expect(before.status).toBe(200);
      const first = before.body as Preview;
      expect(first.charts.map((chart) => chart.name).sort()).toEqual(['alpha', 'beta']);
      expect(first.totals).toMatchObject({ charts: 2, versions: 3, toCreate: 3, inStore: 0 });
      const alpha = first.charts.find((chart) => chart.name === 'alpha');
      expect(alpha?.versions.map((v) => [v.version, v.action])).toEqual([
        ['0.2.0', 'create'],
        ['0.1.0', 'create'],
      ]);
      // Sizes of the newest versions only, by default.
      expect(alpha?.versions.map((v) => v.size)).toEqual([
        statSync(join(h.repo.dir, 'alpha-0.2.0.tgz')).size,
        undefined,
      ]);

      const started = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, charts: ['alpha'] },
      });
      expect(started.status).toBe(202);
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.phase).toBe('Succeeded');

      const after = (
        await h.api('POST', '/previews', { body: { source: { url: h.repo.url }, versions: 'all' } })
      ).body as Preview;
      const alphaAfter = after.charts.find((chart) => chart.name === 'alpha');
      expect(alphaAfter?.appState).toBe('active');
      expect(alphaAfter?.versions.map((v) => [v.version, v.storeState, v.action])).toEqual([
        ['0.2.0', 'active', 'exists'],
        ['0.1.0', undefined, 'create'],
      ]);
      expect(after.totals).toMatchObject({ toCreate: 2, inStore: 1 });
    });

    it('lets a viewer preview (reads only)', async () => {
      const response = await h.api('POST', '/previews', {
        token: VIEWER,
        body: { source: { url: h.repo.url } },
      });
      expect(response.status).toBe(200);
    });

    it('says what is wrong with a repository that cannot be read', async () => {
      const response = await h.api('POST', '/previews', {
        body: { source: { url: `${h.repo.url}/missing` } },
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ reason: 'RepoUnreadable' });
      expect((response.body as { message: string }).message).toMatch(/not found/);
    });
  });

  describe('jobs', () => {
    it('runs a job: SSE events in order, the stream ends, the record and the store agree', async () => {
      h.emulator.setFaults({ latencyMs: 40 });
      const started = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, versions: 'all' },
      });
      expect(started.status).toBe(202);
      const created = jobOf(started.body);
      expect(created.id).toMatch(/^imp-[a-z0-9]+-[a-z0-9]{6}$/);
      expect(created).toMatchObject({
        runAs: 'user',
        spec: { versions: 'all', publish: 'active', concurrency: 4 },
      });

      const events = await h.events(`/jobs/${created.id}/events`, ADMIN);
      expect(events[0]?.event).toBe('status');
      const last = events.at(-1);
      expect(last?.event).toBe('status');
      expect((last?.data as JobRecord).status.phase).toBe('Succeeded');
      const items = events
        .filter((event) => event.event === 'item')
        .map((event) => event.data as { done: number; total: number });
      const firstDone = items[0]?.done ?? 1;
      expect(items.map((item) => item.done)).toEqual(items.map((_item, index) => firstDone + index));
      expect(items.at(-1)).toMatchObject({ done: 3, total: 3 });
      const ids = events.map((event) => Number(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      const job = (await h.api('GET', `/jobs/${created.id}`)).body as JobRecord;
      expect(job.status).toMatchObject({
        phase: 'Succeeded',
        progress: { done: 3, total: 3 },
        summary: { created: 3, exists: 0, failed: 0, planned: 0 },
      });
      expect(job.status.owner).toBeUndefined();
      expect(stateOf(h.emulator).apps).toHaveLength(2);
      expect(storeFingerprint(h.emulator).filter((line) => line.startsWith('version'))).toHaveLength(3);

      const list = (await h.api('GET', '/jobs?limit=5')).body as { items: JobRecord[] };
      expect(list.items.map((item) => item.id)).toEqual([created.id]);
      // A reconnect to an ended job: one full status, then the end.
      const again = await h.events(`/jobs/${created.id}/events`, ADMIN, { 'Last-Event-ID': '7' });
      expect(again.map((event) => event.event)).toEqual(['status']);
    });

    it('cancels a running job between items', async () => {
      h.emulator.setFaults({ latencyMs: 300 });
      const started = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, versions: 'all', concurrency: 1 },
      });
      const { id } = jobOf(started.body);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const cancel = await h.api('POST', `/jobs/${id}/cancel`);
      expect(cancel.status).toBe(202);
      const job = await h.waitForJob(id);
      expect(job.status.phase).toBe('Cancelled');
      expect(job.status.progress.done).toBeLessThan(3);
      const again = await h.api('POST', `/jobs/${id}/cancel`);
      expect(again.status).toBe(409);
    });

    it('fails with a clear message when App Store Management is not installed', async () => {
      h.emulator.setOptions({ openpitrix: false });
      const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url } } });
      expect(started.status).toBe(202);
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.phase).toBe('Failed');
      expect(job.status.message).toBe(STORE_MISSING_MESSAGE);
    });

    it('streams status snapshots of a job that runs on another replica', async () => {
      const now = new Date().toISOString();
      const record: JobRecord = {
        id: 'imp-remote-aaaaaa',
        spec: {
          source: { url: h.repo.url },
          versions: 'latest',
          includeDeprecated: false,
          publish: 'active',
          dryRun: false,
          concurrency: 4,
        },
        requestedBy: 'someone',
        runAs: 'user',
        createdAt: now,
        status: {
          phase: 'Running',
          progress: { done: 1, total: 2 },
          summary: { created: 1, exists: 0, failed: 0, planned: 0 },
          failures: [],
          warnings: [],
          owner: 'pod-b',
          heartbeatTime: now,
        },
      };
      await h.stores.jobs.create(record);
      setTimeout(() => {
        void h.stores.jobs.updateStatus(record.id, {
          ...record.status,
          phase: 'Succeeded',
          progress: { done: 2, total: 2 },
          owner: undefined,
        });
      }, 1_200);
      const events = await h.events(`/jobs/${record.id}/events`, ADMIN);
      expect(events.map((event) => (event.data as JobRecord).status.phase)).toEqual(['Running', 'Succeeded']);
    });

    it('imports a Helm repository configured in KubeSphere, read as the caller', async () => {
      const created = await fetch(`${h.emulator.url}/kapis/application.kubesphere.io/v2/repos`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          metadata: { name: 'private-charts', labels: { 'kubesphere.io/workspace': 'system-workspace' } },
          spec: { url: h.privateRepo.url.replace('http://', `http://${REPO_USER}:${REPO_PASSWORD}@`) },
        }),
      });
      expect(created.status).toBe(200);

      const repos = await h.api('GET', '/repos');
      expect(repos.status).toBe(200);
      expect(repos.body).toEqual({
        items: [expect.objectContaining({ name: 'private-charts', hasCredentials: true })],
      });
      expect(repos.text).not.toContain(REPO_PASSWORD);

      const started = await h.api('POST', '/jobs', {
        body: { source: { repo: { name: 'private-charts' } } },
      });
      expect(started.status).toBe(202);
      expect(started.text).not.toContain(REPO_PASSWORD);
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.phase).toBe('Succeeded');
      expect(job.spec.source).toEqual({ url: h.privateRepo.url, configuredRepo: { name: 'private-charts' } });
      expect(JSON.stringify(job)).not.toContain(REPO_PASSWORD);

      const missing = await h.api('POST', '/jobs', { body: { source: { repo: { name: 'no-such-repo' } } } });
      expect(missing.status).toBe(404);
    });

    it('never writes a secret to a response or a log line', async () => {
      const started = await h.api('POST', '/jobs', {
        body: {
          source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
          dryRun: true,
        },
      });
      expect(started.status).toBe(202);
      expect(started.text).not.toContain(REPO_PASSWORD);
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.phase).toBe('Succeeded');
      expect(job.status.summary.planned).toBe(2);
      const bad = await h.api('POST', '/previews', {
        body: { source: { url: h.privateRepo.url, username: REPO_USER, password: 'wrong-Pass-31' } },
      });
      expect(bad.status).toBe(422);
      expect(bad.text).not.toContain('wrong-Pass-31');
      const logs = h.logs.join('');
      expect(logs).toContain('"msg":"job ended"');
      for (const secret of [REPO_PASSWORD, 'wrong-Pass-31', ADMIN, VIEWER, SA_TOKEN])
        expect(logs).not.toContain(secret);
      expect(logs).toContain('"requestId"');
    });
  });
});
