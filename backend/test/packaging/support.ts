// Shared helpers of the packaging tests: the real helm binary, the rendered chart, the extension
// package as ksbuilder builds it, and validation of rendered objects against Kubernetes schemas
// (kubernetes-models for core kinds, plus an unknown-field check through @kubernetes/client-node's
// typed models) and against ks-core's CRD schemas (test data in ./ks-crds) for KubeSphere kinds.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

import {
  chartYamlOf,
  type ExtensionMetadata,
  loadMetadata,
  type PackageResult,
} from '../../../scripts/package-extension.js';
import { installerHelmArgs, type InstallerSettings } from '@store-importer/kubesphere-emulator';
import { repoRoot } from '../support/fixtures.js';

const run = promisify(execFile);

export const NAMESPACE = 'extension-store-importer';
export const RELEASE = 'store-importer';
export const CHART_DIR = join(repoRoot, 'charts', 'backend');

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export function helmBin(): string {
  const bin = process.env.HELM_BIN;
  if (!bin)
    throw new Error(
      'HELM_BIN is not set: vitest global setup (scripts/vitest-global-setup.ts) installs helm',
    );
  return bin;
}

export async function helm(args: string[], cwd = repoRoot): Promise<{ stdout: string; stderr: string }> {
  return run(helmBin(), args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, HELM_CACHE_HOME: join(tmpdir(), 'si-helm-cache') },
  });
}

/** `helm template` of the backend chart as the installer runs it (release store-importer). */
export async function renderChart(
  setJson: Record<string, unknown> = {},
  chart = CHART_DIR,
): Promise<KObject[]> {
  const args = ['template', RELEASE, chart, '--namespace', NAMESPACE];
  for (const [key, value] of Object.entries(setJson))
    args.push('--set-json', `${key}=${JSON.stringify(value)}`);
  const { stdout } = await helm(args);
  return parseManifests(stdout);
}

export function parseManifests(text: string): KObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KObject | null)
    .filter((object): object is KObject => object !== null && typeof object === 'object');
}

export function find(objects: KObject[], kind: string, name?: string): KObject {
  const found = objects.find(
    (object) => object.kind === kind && (name === undefined || object.metadata.name === name),
  );
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''} rendered`);
  return found;
}

export async function chartValues(): Promise<Record<string, unknown>> {
  return parseYaml(await readFile(join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<string, unknown>;
}

/** extension.yaml as ksbuilder reads it (scripts/package-extension.ts). */
export async function extensionMetadata(): Promise<ExtensionMetadata> {
  return loadMetadata(repoRoot);
}

let built: Promise<PackageResult> | undefined;

/**
 * The extension package as a newcomer builds it: `npm run package` on the tree as it is, once per
 * test file, into a temporary folder (the command's own output line names the file).
 */
export function builtPackage(): Promise<PackageResult> {
  built ??= (async () => {
    const out = await mkdtemp(join(tmpdir(), 'si-package-'));
    const { stdout } = await run('npm', ['run', '--silent', 'package', '--', out], { cwd: repoRoot });
    const file = join(out, 'store-importer-0.1.0.tgz');
    if (!stdout.includes(`package saved to ${relative(repoRoot, file)}`))
      throw new Error(`npm run package printed no "package saved to" line for ${file}: ${stdout}`);
    const { size: bytes } = await stat(file);
    return { file, bytes, chart: await chartYamlOf(repoRoot, await extensionMetadata()) };
  })();
  return built;
}

/** `helm template` of the built package as the installer runs it (release and namespace). */
export type { InstallerSettings };

export async function renderPackage(
  settings: InstallerSettings = {},
  extraArgs: string[] = [],
): Promise<KObject[]> {
  const { file } = await builtPackage();
  const { stdout } = await helm([
    'template',
    RELEASE,
    file,
    '--namespace',
    NAMESPACE,
    ...installerHelmArgs(settings),
    ...extraArgs,
  ]);
  return parseManifests(stdout);
}

// --- schema validation ---------------------------------------------------------------------

type ModelClass = new (data: object) => { validate(): void };

const CORE_MODELS: Record<string, { module: string; serializerType: string }> = {
  'v1/Service': { module: 'kubernetes-models/v1/Service', serializerType: 'V1Service' },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1/ServiceAccount', serializerType: 'V1ServiceAccount' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', serializerType: 'V1Deployment' },
  'rbac.authorization.k8s.io/v1/Role': {
    module: 'kubernetes-models/rbac.authorization.k8s.io/v1/Role',
    serializerType: 'V1Role',
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    module: 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
    serializerType: 'V1RoleBinding',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    serializerType: 'V1NetworkPolicy',
  },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': {
    module: 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition',
    serializerType: 'V1CustomResourceDefinition',
  },
};

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, sortKeys(item)]),
    );
  return value;
}

/** Paths present in `original` but not in `kept` (fields the typed model does not know). */
function droppedPaths(original: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(original))
    return original.flatMap((item, index) =>
      droppedPaths(item, (kept as unknown[] | undefined)?.[index], `${path}[${index}]`),
    );
  if (original && typeof original === 'object') {
    const keptObject = (kept ?? {}) as Record<string, unknown>;
    return Object.entries(original as Record<string, unknown>).flatMap(([key, value]) =>
      key in keptObject ? droppedPaths(value, keptObject[key], `${path}.${key}`) : [`${path}.${key}`],
    );
  }
  return [];
}

const crdValidators = new Map<string, ValidateFunction>();

/** A structural CRD schema made strict: unknown fields fail instead of being pruned. */
function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith('x-kubernetes-')) continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictSchema(v)]))
        : strictSchema(value);
  }
  const preserve = (node as Record<string, unknown>)['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

async function loadCrdValidators(): Promise<void> {
  if (crdValidators.size > 0) return;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  const dirs = [join(import.meta.dirname, 'ks-crds'), join(CHART_DIR, 'templates', 'crds')];
  for (const dir of dirs) {
    for (const file of (await readdir(dir)).filter((name) => name.endsWith('.yaml'))) {
      const crd = parseYaml(await readFile(join(dir, file), 'utf8')) as {
        spec: {
          group: string;
          names: { kind: string };
          versions: { name: string; served: boolean; schema: { openAPIV3Schema: object } }[];
        };
      };
      for (const version of crd.spec.versions.filter((v) => v.served)) {
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        crdValidators.set(key, ajv.compile(strictSchema(version.schema.openAPIV3Schema) as object));
      }
    }
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Fails naming each object that is not valid against its schema, with its problems. */
export async function expectSchemaValid(objects: KObject[]): Promise<void> {
  for (const object of objects) {
    const name = `${object.kind}/${object.metadata.name}`;
    expect({ object: name, problems: await schemaProblems(object) }).toEqual({ object: name, problems: [] });
  }
}

/** Every problem of one rendered object against its schema; [] when valid. */
export async function schemaProblems(object: KObject): Promise<string[]> {
  const key = `${object.apiVersion}/${object.kind}`;
  const problems: string[] = [];
  const rawName = (object.metadata as { name?: unknown } | undefined)?.name;
  const name = typeof rawName === 'string' ? rawName : '';
  if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253)
    problems.push(`metadata.name ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  const core = CORE_MODELS[key];
  if (core) {
    const { [object.kind]: Model } = (await import(core.module)) as Record<string, ModelClass>;
    if (!Model) throw new Error(`no model ${object.kind} in ${core.module}`);
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    const kept = ObjectSerializer.serialize(
      ObjectSerializer.deserialize(object, core.serializerType, ''),
      core.serializerType,
      '',
    ) as unknown;
    for (const path of droppedPaths(sortKeys(object), sortKeys(kept))) problems.push(`unknown field ${path}`);
    return problems;
  }
  await loadCrdValidators();
  const validate = crdValidators.get(key);
  if (!validate) return [...problems, `no schema for ${key}: add its CRD to backend/test/packaging/ks-crds`];
  if (!validate(object))
    for (const error of validate.errors ?? [])
      problems.push(`${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  return problems;
}
