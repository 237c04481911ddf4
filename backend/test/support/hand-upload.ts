// A chart package uploaded "by hand", with the requests the KubeSphere console sends (console
// packages/shared/src/stores/openpitrix/files.ts validatePackageFormData, then app.ts
// createAppFormData, both through utils/apps.ts getCreateAppParamsFormData): a validating upload
// without an app name, whose answer names the app, then the upload itself with `originalName` set
// to that generated name and no digest.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

const UNCATEGORIZED = 'kubesphere-app-uncategorized';

interface ValidateAnswer {
  appName: string;
  versionName: string;
  icon?: string;
  appHome?: string;
  description?: string;
  aliasName?: string;
}

async function postPackage(url: string, token: string, pkg: string, json: object): Promise<unknown> {
  const form = new FormData();
  form.append('file', new Blob([await readFile(pkg)]), basename(pkg));
  form.append('jsonData', JSON.stringify(json));
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${String(response.status)} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Uploads the package at `pkg` as a new app, as the console does; returns the app's name. */
export async function uploadByHand(
  emulator: { url: string; adminToken: string },
  pkg: string,
  workspace?: string,
): Promise<string> {
  const apps = `${emulator.url}/kapis/application.kubesphere.io/v2${workspace ? `/workspaces/${workspace}` : ''}/apps`;
  const base = { repoName: 'upload', categoryName: UNCATEGORIZED, workspace, appType: 'helm' };
  const checked = (await postPackage(
    `${apps}?validate=true`,
    emulator.adminToken,
    pkg,
    base,
  )) as ValidateAnswer;
  await postPackage(apps, emulator.adminToken, pkg, {
    ...base,
    ...checked,
    originalName: checked.appName,
    maintainers: [{ name: 'admin' }],
  });
  return checked.appName;
}
