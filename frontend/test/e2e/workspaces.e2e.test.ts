// The workspace an import goes to, in Chromium against the playground: picked from those KubeSphere
// shows the user (the sync form's picker, the same as the wizard's Options step), and the sync saved
// with it imports into it; a workspace nobody has is refused by the service, which names it. And the
// wizard's default source: the configured repositories (the global ones and the workspace's).
import { describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';
import { SAMPLE_REPO_NAME, WORKSPACE_REPO } from '@store-importer/playground';
import { API, en, PAGE, BROWSER_TEST_MS, openWizard, playgroundForFile, storeApps } from './support/flow';

// The fallback test answers the workspace list 403, which the browser logs.
const session = playgroundForFile({ httpErrorsExpected: true });
const NAME = 'team-sync';

/** The options of the open kube-design Select dropdown. */
const shownOptions = (page: Page) =>
  page.locator('.kubed-select-dropdown:not(.kubed-select-dropdown-hidden) .kubed-select-item-option');

describe('the target workspace', { timeout: BROWSER_TEST_MS }, () => {
  it('is picked from the workspaces the user can see, and the sync imports into it', async () => {
    const s = session();
    const { page } = s.browser;
    await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('sync-create').first().click();
    const form = page.getByTestId('sync-form');
    await form.waitFor();
    await form.getByTestId('sync-name').fill(NAME);
    await form.getByTestId('sync-preset-daily').click();
    await form.getByTestId('source-url').fill(s.playground.repoUrl);
    await form.getByTestId('sync-charts').fill('hello-web');

    // No text box to mistype into: the admin is offered every workspace (system-workspace aside).
    expect(await form.getByTestId('workspace-input').count()).toBe(0);
    await form.getByTestId('target-workspace').check();
    await form.getByTestId('workspace-select').click();
    await expect.poll(() => shownOptions(page).allTextContents()).toEqual([WORKSPACE_REPO.workspace]);
    await s.browser.screenshot('workspaces-1-picker');
    await shownOptions(page).filter({ hasText: WORKSPACE_REPO.workspace }).first().click();
    expect(await form.getByTestId('workspace-select').textContent()).toContain(WORKSPACE_REPO.workspace);
    await s.browser.screenshot('workspaces-2-picked');

    await form.getByRole('button', { name: en('SYNC_CREATE'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const stored = await s.fetchAsUser(`${API}/syncs/${NAME}`);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { spec: { workspace?: string } }).spec.workspace).toBe(
      WORKSPACE_REPO.workspace,
    );

    // Run now: the chart lands in the workspace's app templates.
    await page.locator(`[data-testid="syncs-row"][data-key="${NAME}"]`).getByTestId('sync-actions').click();
    await page.getByTestId('sync-action-run').click();
    await expect
      .poll(
        () =>
          storeApps(s.playground.emulator)
            .filter((app) => app.chart === 'hello-web')
            .map((app) => app.workspace),
        { timeout: 60_000 },
      )
      .toEqual([WORKSPACE_REPO.workspace]);
  });

  it("makes the configured repositories the default source, the workspace's too; a URL in the address wins", async () => {
    const s = session();
    const { page } = s.browser;
    const offered = async (): Promise<string[]> => {
      await page.getByTestId('configured-repo-select').click();
      const options = shownOptions(page);
      await options.first().waitFor();
      const names = (await options.allTextContents()).map((label) => label.split(' (')[0] ?? '');
      await page.keyboard.press('Escape');
      return names.sort();
    };
    await openWizard(page, s.at(PAGE));
    expect(await page.getByTestId('source-kind-configured').isChecked()).toBe(true);
    expect(await offered()).toEqual([SAMPLE_REPO_NAME]);

    // An import into the workspace (here from the address) is offered the workspace's repositories too.
    await openWizard(page, s.at(`${PAGE}?workspace=${WORKSPACE_REPO.workspace}`));
    expect(await page.getByTestId('source-kind-configured').isChecked()).toBe(true);
    expect(await offered()).toEqual([SAMPLE_REPO_NAME, WORKSPACE_REPO.name].sort());
    await s.browser.screenshot('workspaces-3-workspace-repos');

    await openWizard(page, s.at(`${PAGE}?url=${encodeURIComponent(s.playground.repoUrl)}`));
    expect(await page.getByTestId('source-kind-url').isChecked()).toBe(true);
    expect(await page.getByTestId('source-url').inputValue()).toBe(s.playground.repoUrl);
  });

  it('is typed instead, with a note, when KubeSphere does not let the user list workspaces', async () => {
    const s = session();
    const { page } = s.browser;
    // What ks-apiserver answers a role without the `workspaces` resource of the extension's API.
    const forbidden = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'workspaces.storeimporter.kubesphere.io is forbidden: User "admin" cannot list resource "workspaces" in API group "storeimporter.kubesphere.io" at the cluster scope',
      reason: 'Forbidden',
      code: 403,
    };
    await page.route(`**${API}/workspaces`, (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify(forbidden) }),
    );
    try {
      await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
      await page.getByTestId('sync-create').first().click();
      const form = page.getByTestId('sync-form');
      await form.getByTestId('target-workspace').check();
      await form.getByTestId('workspace-input').fill(WORKSPACE_REPO.workspace);
      expect(await form.getByTestId('workspace-typed-note').textContent()).toBe(en('WORKSPACES_TYPE_NOTE'));
      expect(await form.getByTestId('workspace-select').count()).toBe(0);
      await s.browser.screenshot('workspaces-4-typed');
      await form.getByRole('button', { name: en('CANCEL'), exact: true }).click();
    } finally {
      await page.unroute(`**${API}/workspaces`);
    }
  });

  it('that does not exist is refused before anything is made, with its name', async () => {
    const s = session();
    const before = storeApps(s.playground.emulator).length;
    const response = await s.fetchAsUser(`${API}/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: { url: s.playground.repoUrl }, workspace: 'no-such-team' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      `workspace "no-such-team" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces you can see (${WORKSPACE_REPO.workspace}), or import into the global App Store (no workspace)`,
    );
    expect(storeApps(s.playground.emulator)).toHaveLength(before);
  });
});
