// The extension installed into the emulated KubeSphere the way a cluster installs it: its chart
// rendered by the real helm with the release name and namespace KubeSphere's installer uses
// (the extension's name, in extension-<name>: ks-core pkg/controller/core/installplan_controller.go),
// the objects handed to the emulator, which labels them and serves what ks-apiserver serves for them
// (the JSBundle at /dist, the APIService under /kapis, the RoleTemplates to the iam API).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

import type { ChartObject, ExtensionInstall } from '@store-importer/kubesphere-emulator';

import { ROOT } from './paths.js';

const run = promisify(execFile);

export const EXTENSION_NAME = 'store-importer';
export const EXTENSION_NAMESPACE = `extension-${EXTENSION_NAME}`;
const CHART_DIR = join(ROOT, 'charts/backend');

export interface RenderedExtension {
  install: ExtensionInstall;
  /** `<svc>.<ns>.svc:<port>` its APIService and JSBundle point at: the backend's Service */
  serviceHost: string;
}

function isChartObject(value: unknown): value is ChartObject {
  if (typeof value !== 'object' || value === null) return false;
  const object = value as Partial<ChartObject>;
  return (
    typeof object.apiVersion === 'string' &&
    typeof object.kind === 'string' &&
    typeof object.metadata?.name === 'string'
  );
}

export async function renderExtension(helm: string): Promise<RenderedExtension> {
  const { stdout } = await run(
    helm,
    ['template', EXTENSION_NAME, CHART_DIR, '--namespace', EXTENSION_NAMESPACE],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const objects = parseAllDocuments(stdout)
    .map((document) => document.toJS() as unknown)
    .filter(isChartObject);
  const metadata = parse(await readFile(join(ROOT, 'extension.yaml'), 'utf8')) as {
    version?: unknown;
    displayName?: Record<string, string>;
  };
  const apiService = objects.find((object) => object.kind === 'APIService');
  const url = apiService?.spec?.url;
  if (typeof url !== 'string')
    throw new Error(`${CHART_DIR}: the chart renders no APIService with a spec.url`);
  return {
    install: {
      name: EXTENSION_NAME,
      version: String(metadata.version),
      ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
      objects,
    },
    serviceHost: new URL(url).host,
  };
}
