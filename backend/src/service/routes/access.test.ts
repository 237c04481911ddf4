// POST /accessreviews over fakes (backend/test/support/service-fakes.ts): KubeSphere's answer to
// "may this caller manage the App Store here", a refusal as `false`, every other failure as an
// error. That ks-apiserver refuses the review to a caller without the extension's manage role
// template is tested through the emulator (backend/test/service/access-reviews.e2e.test.ts).
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';

import { StoreError } from '../../engine/index.js';
import { authAs, fakeServicePerTest, type UserName } from '../../../test/support/service-fakes.js';
import type { AccessKind } from '../access.js';
import { API_BASE } from '../app.js';

const current = fakeServicePerTest();

async function review(user: UserName, workspace?: string) {
  const response = await request(current().app)
    .post(`${API_BASE}/accessreviews`)
    .send(workspace === undefined ? {} : { workspace })
    .set(authAs(user));
  return { status: response.status, body: response.body as unknown };
}

/** KubeSphere's checker failing the manage question with `error` (reads still pass); once per test. */
function manageFailsWith(error: Error): void {
  const { access } = current();
  const check = access.check.bind(access);
  vi.spyOn(access, 'check').mockImplementation((token: string, kind: AccessKind, workspace?: string) =>
    kind === 'manage' ? Promise.reject(error) : check(token, kind, workspace),
  );
}

describe('POST /accessreviews', () => {
  it('answers whether the caller may manage the global store, after the read check', async () => {
    expect(await review('admin')).toEqual({ status: 200, body: { manage: true } });
    expect(await review('viewer')).toEqual({ status: 200, body: { manage: false } });
    expect(current().access.asked).toEqual(['read', 'manage:', 'read', 'manage:']);
  });

  it("answers for a workspace: its admin may manage it, not the global store nor another's", async () => {
    expect(await review('teamAdmin', 'team')).toEqual({
      status: 200,
      body: { manage: true, workspace: 'team' },
    });
    expect(await review('teamAdmin')).toEqual({ status: 200, body: { manage: false } });
    expect(await review('teamAdmin', 'other')).toEqual({
      status: 200,
      body: { manage: false, workspace: 'other' },
    });
    expect(await review('viewer', 'team')).toEqual({
      status: 200,
      body: { manage: false, workspace: 'team' },
    });
  });

  it('takes KubeSphere refusing the App Store call (403) as false', async () => {
    manageFailsWith(new StoreError('POST /apps: forbidden (403)', 403));
    expect(await review('admin')).toEqual({ status: 200, body: { manage: false } });
  });

  it('answers 401, never a guess, when KubeSphere rejects the token', async () => {
    manageFailsWith(new StoreError('POST /apps: unauthorized (401)', 401));
    const rejected = await review('admin');
    expect(rejected).toMatchObject({ status: 401, body: { reason: 'Unauthorized' } });
    expect(rejected.body).not.toHaveProperty('manage');
  });

  it('answers 502, never a guess, when KubeSphere cannot be reached', async () => {
    manageFailsWith(new StoreError('POST /apps: connect ECONNREFUSED', 0));
    const unreachable = await review('admin');
    expect(unreachable).toMatchObject({ status: 502, body: { reason: 'BadGateway' } });
    expect(unreachable.body).not.toHaveProperty('manage');
  });

  it('is refused to a caller who may not read the App Store', async () => {
    const { status, body } = await review('stranger');
    expect(status).toBe(403);
    expect(body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(current().access.asked).toEqual(['read']);
  });

  it('answers 400 for a workspace that is no DNS-1123 label, before asking KubeSphere', async () => {
    for (const workspace of ['Team', 'a_b', 'x'.repeat(64), '']) {
      const { status, body } = await review('admin', workspace);
      expect(status, workspace).toBe(400);
      expect(body).toMatchObject({
        reason: 'BadRequest',
        message: expect.stringContaining('body.workspace') as unknown,
      });
    }
    expect(current().access.asked).toEqual([]);
  });

  it('answers 400 for a body that is no review: another field, another type, none at all', async () => {
    const post = () => request(current().app).post(`${API_BASE}/accessreviews`).set(authAs('admin'));
    for (const body of [{ workspace: 'team', user: 'admin' }, { workspace: ['team'] }, { workspace: 7 }]) {
      const response = await post().send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await post()).status).toBe(400);
    expect((await post().set('Content-Type', 'application/json').send('[]')).status).toBe(400);
    expect(current().access.asked).toEqual([]);
  });

  it('answers 401 without a bearer token', async () => {
    const response = await request(current().app).post(`${API_BASE}/accessreviews`).send({});
    expect(response.status).toBe(401);
    expect(current().access.asked).toEqual([]);
  });
});
