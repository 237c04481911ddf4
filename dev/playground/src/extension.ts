// The extension installed into the emulated KubeSphere the way a cluster installs it: the package
// `npm run package` builds (what ksbuilder publishes), rendered by the real helm as KubeSphere's
// installer runs it (release and namespace, its --set overrides, the Install dialog's default
// configuration values.yaml), the objects handed to the emulator, which labels them and serves what
// ks-apiserver serves for them (the JSBundle at /dist, the APIService under /kapis, the RoleTemplates).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

import {
  type ChartObject,
  type ExtensionInstall,
  installerHelmArgs,
  installerNamespace,
} from '@store-importer/kubesphere-emulator';

import { loadMetadata, packageExtension } from '../../../scripts/package-extension.js';
import { ROOT } from './paths.js';

const run = promisify(execFile);

export const EXTENSION_NAME = 'store-importer';
export const EXTENSION_NAMESPACE = installerNamespace(EXTENSION_NAME);

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
  const metadata = await loadMetadata(ROOT);
  // a folder of its own: several playgrounds (the browser tests) may start at once
  const outDir = await mkdtemp(join(tmpdir(), 'si-playground-package-'));
  const { file } = await packageExtension({ outDir });
  const { stdout } = await run(
    helm,
    [
      'template',
      EXTENSION_NAME,
      file,
      '--namespace',
      EXTENSION_NAMESPACE,
      ...installerHelmArgs(),
      '--values',
      join(ROOT, 'values.yaml'),
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  ).finally(() => rm(outDir, { recursive: true, force: true }));
  const objects = parseAllDocuments(stdout)
    .map((document) => document.toJS() as unknown)
    .filter(isChartObject);
  const apiService = objects.find((object) => object.kind === 'APIService');
  const url = apiService?.spec?.url;
  if (typeof url !== 'string') throw new Error(`${file}: the package renders no APIService with a spec.url`);
  return {
    install: {
      name: EXTENSION_NAME,
      version: metadata.version,
      displayName: metadata.displayName,
      objects,
    },
    serviceHost: new URL(url).host,
  };
}
