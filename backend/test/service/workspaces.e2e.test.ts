// Workspaces end to end: GET /workspaces read as the caller from the emulated tenant API (all for
// an admin, their own for a member, none for a user without any), and a workspace that does not
// exist refused with 400 before anything is made: no preview, job, sync or store app.
import { describe, expect, it } from 'vitest';

import type { SyncRecord, WorkspaceList } from '../../src/contract/index.js';
import { InputError, KubeSphereStore } from '../../src/engine/index.js';
import { schemaValidator } from '../../src/service/validation.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { SA_TOKEN, jobOf, useServiceHarness } from './support.js';

const ADMIN = 'emulator-admin-token';
const VIEWER = 'emulator-viewer-token';
const MEMBER = 'team-a-admin-token';
const WORKSPACE_LABEL = 'kubesphere.io/workspace';

describe('workspaces', () => {
  const h = useServiceHarness({
    emulator: {
      users: [
        { username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: [ADMIN] },
        { username: 'viewer', password: 'P@88w0rd', role: 'viewer', tokens: [VIEWER] },
        {
          username: 'store-importer-sa',
          password: 'unused-Pw-1',
          role: 'platform-admin',
          tokens: [SA_TOKEN],
        },
        // a workspace admin: no global right on workspaces, a WorkspaceRoleBinding in team-a
        {
          username: 'ana',
          password: 'P@88w0rd',
          role: 'viewer',
          tokens: [MEMBER],
          workspaceRoles: { 'team-a': 'team-a-admin' },
        },
      ],
      workspaces: ['team-b', 'team-a'],
      repos: [
        { name: 'main', url: 'http://127.0.0.1:1/main' },
        { name: 'team-a-charts', url: 'http://127.0.0.1:1/a', workspace: 'team-a' },
        { name: 'team-b-charts', url: 'http://127.0.0.1:1/b', workspace: 'team-b' },
      ],
    },
  });

  const names = (body: unknown): string[] => (body as WorkspaceList).items.map((item) => item.name);
  const refusal = (workspace: string) =>
    `workspace "${workspace}" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces you can see (team-a, team-b), or import into the global App Store (no workspace)`;

  it('lists every workspace to an admin, sorted, without system-workspace', async () => {
    const response = await h.api('GET', '/workspaces', { token: ADMIN });
    expect(response.status, response.text).toBe(200);
    expect(schemaValidator('WorkspaceList')(response.body)).toBe(true);
    expect(response.body).toEqual({
      items: [
        { name: 'team-a', displayName: 'team-a' },
        { name: 'team-b', displayName: 'team-b' },
      ],
    });
  });

  it('lists a member their own workspaces only, and a user without one none', async () => {
    expect(names((await h.api('GET', '/workspaces', { token: MEMBER })).body)).toEqual(['team-a']);
    expect(names((await h.api('GET', '/workspaces', { token: VIEWER })).body)).toEqual([]);
    expect((await h.api('GET', '/workspaces', { token: null })).status).toBe(401);
  });

  it("lists the global repositories, and with ?workspace= that workspace's too", async () => {
    const repos = async (query: string) => {
      const response = await h.api('GET', `/repos${query}`);
      expect(response.status, response.text).toBe(200);
      return (response.body as { items: { name: string; workspace: string }[] }).items
        .map((repo) => `${repo.name}@${repo.workspace}`)
        .sort();
    };
    expect(await repos('')).toEqual(['main@system-workspace']);
    expect(await repos('?workspace=team-a')).toEqual(['main@system-workspace', 'team-a-charts@team-a']);
    expect((await h.api('GET', '/repos?workspace=Team_A')).status).toBe(400);
  });

  it('refuses a preview into an unknown workspace, naming it', async () => {
    const seen = h.repo.requests.length;
    const response = await h.api('POST', '/previews', {
      body: { source: { url: h.repo.url }, workspace: 'team-x' },
    });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ reason: 'BadRequest', message: refusal('team-x') });
    // The repository was not read: the check comes first.
    expect(h.repo.requests.slice(seen)).toEqual([]);
  });

  it('refuses a job into an unknown workspace before it is made: no job, no app', async () => {
    const response = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, workspace: 'team-x' },
    });
    expect(response.status, response.text).toBe(400);
    expect((response.body as { message: string }).message).toBe(refusal('team-x'));
    expect((await h.api('GET', '/jobs')).body).toEqual({ items: [] });
    expect(stateOf(h.emulator).apps).toEqual([]);
    expect(writesOf(h.emulator)).toEqual([]);
  });

  it('refuses a sync saved with an unknown workspace, created or edited', async () => {
    const body = { name: 'nightly', source: { url: h.repo.url }, schedule: '0 3 * * *' };
    const created = await h.api('POST', '/syncs', { body: { ...body, workspace: 'team-x' } });
    expect(created.status, created.text).toBe(400);
    expect((created.body as { message: string }).message).toBe(refusal('team-x'));
    expect((await h.api('GET', '/syncs')).body).toEqual({ items: [] });

    const saved = await h.api('POST', '/syncs', { body: { ...body, workspace: 'team-a' } });
    expect(saved.status, saved.text).toBe(201);
    const edited = await h.api('PUT', '/syncs/nightly', {
      body: {
        resourceVersion: (saved.body as SyncRecord).resourceVersion,
        source: body.source,
        schedule: body.schedule,
        workspace: 'team-y',
      },
    });
    expect(edited.status, edited.text).toBe(400);
    expect((edited.body as { message: string }).message).toBe(refusal('team-y'));
    expect(((await h.api('GET', '/syncs/nightly')).body as SyncRecord).spec.workspace).toBe('team-a');
  });

  it("is the engine's check: found, refused by name, or unverifiable for a token the tenant API refuses", async () => {
    const store = (token: string, workspace?: string) =>
      new KubeSphereStore({ server: h.emulator.url, token, workspace, attempts: 1 });
    expect(await store(MEMBER, 'team-b').checkWorkspace()).toBe('found');
    expect(await store(MEMBER).checkWorkspace()).toBe('found');
    const refused = await store(MEMBER, 'team-x')
      .checkWorkspace()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InputError);
    // The member sees their own workspace only, so that is what the message offers.
    expect((refused as Error).message).toBe(
      'workspace "team-x" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces you can see (team-a), or import into the global App Store (no workspace)',
    );
    // No token: the anonymous role may not read the tenant API (403), so the App Store's RBAC decides.
    expect(await store('', 'team-x').checkWorkspace()).toBe('unverifiable');
  });

  it('imports into a workspace that exists, its apps labelled with it', async () => {
    const started = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, workspace: 'team-b', charts: ['alpha'] },
    });
    expect(started.status, started.text).toBe(202);
    const job = await h.waitForJob(jobOf(started.body).id);
    expect(job.status.phase).toBe('Succeeded');
    const labels = stateOf(h.emulator).apps.map((app) => app.metadata.labels?.[WORKSPACE_LABEL]);
    expect(labels).toEqual(['team-b']);
  });
});
