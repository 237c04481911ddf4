// POST /accessreviews through the emulated ks-apiserver, with the chart's own role templates (as
// helm renders them): KubeSphere refuses the review to a caller without the extension's manage
// template (verb `create`) before the service is asked, even one who manages the App Store; with
// that template, the service answers from the App Store check.
import { describe, expect, it } from 'vitest';

import type { EmulatorUser, RoleTemplate } from '@store-importer/kubesphere-emulator';
import { API_BASE } from '../../src/service/app.js';
import { renderChart } from '../packaging/support.js';
import { stateOf } from '../support/emulator.js';
import { SA_TOKEN, useServiceHarness } from './support.js';

const GROUP = 'storeimporter.kubesphere.io';
const MANAGE_APP = 'global-role-template-manage-app';
const VIEW = 'global-view-store-importer';
const MANAGE = 'global-manage-store-importer';

/** The chart's RoleTemplates as the emulator takes them. */
const templates: RoleTemplate[] = (await renderChart())
  .filter((object) => object.kind === 'RoleTemplate')
  .map((object) => ({
    name: object.metadata.name,
    rules: (object.spec as { rules: RoleTemplate['rules'] }).rules,
  }));

/** A user of the emulator's read-only role with these role templates; its token is its name. */
const user = (username: string, roleTemplates: string[]): EmulatorUser => ({
  username,
  password: 'P@88w0rd',
  role: 'viewer',
  tokens: [username],
  roleTemplates,
});

describe('access reviews through ks-apiserver', () => {
  const h = useServiceHarness({
    emulator: {
      roleTemplates: templates,
      users: [
        { username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: ['admin'] },
        // App Store management, and the extension's view template only.
        user('store-manager', [MANAGE_APP, VIEW]),
        user('importer', [MANAGE_APP, VIEW, MANAGE]),
        // The extension's manage template, without App Store management.
        user('no-store', [VIEW, MANAGE]),
        {
          username: 'store-importer-sa',
          password: 'unused-Pw-1',
          role: 'platform-admin',
          tokens: [SA_TOKEN],
        },
      ],
    },
  });

  /** POST /accessreviews sent to ks-apiserver as `token`. */
  async function review(token: string, body: unknown = {}) {
    h.emulator.setApiServices([{ group: GROUP, version: 'v1alpha1', url: h.origin }]);
    const response = await fetch(`${h.emulator.url}${API_BASE}/accessreviews`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    return { status: response.status, body: answer };
  }

  /** The validating requests the service sent KubeSphere (its App Store question), by user. */
  const questions = () =>
    (stateOf(h.emulator).requestLog as { path: string; user?: string }[])
      .filter((entry) => entry.path.includes('validate=true'))
      .map((entry) => entry.user);

  it('is refused by ks-apiserver without the manage template, even to an App Store manager', async () => {
    expect(await review('store-manager')).toEqual({
      status: 403,
      body: expect.objectContaining({
        reason: 'Forbidden',
        message: `accessreviews.${GROUP} is forbidden: User "store-manager" cannot create resource "accessreviews" in API group "${GROUP}" at the cluster scope`,
      }) as unknown,
    });
    // The service was never asked, so it asked KubeSphere nothing.
    expect(questions()).toEqual([]);
  });

  it('is answered by the service with the manage template: KubeSphere decides `manage`', async () => {
    expect(await review('importer')).toEqual({ status: 200, body: { manage: true } });
    expect(await review('admin')).toEqual({ status: 200, body: { manage: true } });
    expect(await review('no-store')).toEqual({ status: 200, body: { manage: false } });
    expect(questions()).toEqual(['importer', 'admin', 'no-store']);
  });

  it('refuses a body that is no review with 400, once ks-apiserver let it through', async () => {
    const bad = await review('importer', { workspace: 'Not_A_Label' });
    expect(bad).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });
  });
});
