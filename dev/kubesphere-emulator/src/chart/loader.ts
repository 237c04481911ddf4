// Chart loading, reimplemented from Helm v3.16.2 as vendored by ks-core release-4.1 (go.mod: helm.sh/helm/v3 v3.16.2):
//   pkg/chart/loader/archive.go  LoadArchive, LoadArchiveFiles (gzip, tar, path checks, base directory)
//   pkg/chart/loader/load.go     LoadFiles (Chart.yaml, values.yaml, Chart.lock, requirements.*, subcharts)
//   pkg/chart/metadata.go        Metadata.Validate (apiVersion, name, version = Masterminds semver, type, ...)
//   pkg/chart/dependency.go      Dependency.Validate (alias characters)
//   pkg/chart/chart.go           CRDObjects (used by ks-core getCrdInfo on ?validate=true)
// Error texts follow the Go ones (github.com/pkg/errors Wrap: "<msg>: <cause>").

import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { goDecode, parseGoYaml, type GoType } from './goyaml.js';
import { parseMasterminds } from './semver.js';
import { isDir, readTar } from './tar.js';

export interface Maintainer {
  name?: string;
  email?: string;
  url?: string;
}

export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: (Maintainer | null)[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: (Record<string, unknown> | null)[];
  type: string;
}

export interface ChartFile {
  name: string;
  data: Buffer;
}

export interface LoadedChart {
  metadata: ChartMetadata;
  raw: ChartFile[];
  files: ChartFile[];
  templates: ChartFile[];
  dependencies: LoadedChart[];
}

export class ChartLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartLoadError';
  }
}

const str: GoType = { kind: 'string' };
const strSlice: GoType = { kind: 'slice', elem: str };
const maintainerType: GoType = {
  kind: 'struct',
  name: 'Maintainer',
  fields: { name: str, email: str, url: str },
};
const dependencyType: GoType = {
  kind: 'struct',
  name: 'Dependency',
  fields: {
    name: str,
    version: str,
    repository: str,
    condition: str,
    tags: strSlice,
    enabled: { kind: 'bool' },
    'import-values': { kind: 'slice', elem: { kind: 'any' } },
    alias: str,
  },
};
// helm.sh/helm/v3 pkg/chart/metadata.go Metadata json tags
const metadataType: GoType = {
  kind: 'struct',
  name: 'Metadata',
  fields: {
    name: str,
    home: str,
    sources: strSlice,
    version: str,
    description: str,
    keywords: strSlice,
    maintainers: { kind: 'slice', elem: maintainerType, ptr: true },
    icon: str,
    apiVersion: str,
    condition: str,
    tags: str,
    appVersion: str,
    deprecated: { kind: 'bool' },
    annotations: { kind: 'map', elem: str },
    kubeVersion: str,
    dependencies: { kind: 'slice', elem: dependencyType, ptr: true },
    type: str,
  },
};
// pkg/chart/dependency.go Lock
const lockType: GoType = {
  kind: 'struct',
  name: 'Lock',
  fields: {
    generated: { kind: 'time' },
    digest: str,
    dependencies: { kind: 'slice', elem: dependencyType, ptr: true },
  },
};

function emptyMetadata(): ChartMetadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: {},
    kubeVersion: '',
    dependencies: [],
    type: '',
  };
}

function wrap(msg: string, err: unknown): ChartLoadError {
  return new ChartLoadError(`${msg}: ${err instanceof Error ? err.message : String(err)}`);
}

/** sigs.k8s.io/yaml Unmarshal into a Go struct/map: returns the decoded object (or null). */
function unmarshal(data: Buffer, type: GoType, rootName: string): Record<string, unknown> | null {
  const value = parseGoYaml(data.toString('utf8'));
  return goDecode(value, type, '', rootName) as Record<string, unknown> | null;
}

function mergeMetadata(md: ChartMetadata, decoded: Record<string, unknown> | null): void {
  if (!decoded) return;
  Object.assign(md, decoded);
  // nil slices/maps stay empty
  for (const k of Object.keys(md) as (keyof ChartMetadata)[]) {
    if ((md as unknown as Record<string, unknown>)[k] === null)
      (md as unknown as Record<string, unknown>)[k] = emptyMetadata()[k];
  }
}

const utf8bom = Buffer.from([0xef, 0xbb, 0xbf]);
const drivePathPattern = /^[a-zA-Z]:\//;

/** archive.go LoadArchiveFiles */
export function loadArchiveFiles(input: Buffer): ChartFile[] {
  let unzipped: Buffer;
  if (input.length < 2 || input[0] !== 0x1f || input[1] !== 0x8b) {
    throw new ChartLoadError(input.length === 0 ? 'EOF' : 'gzip: invalid header');
  }
  try {
    unzipped = gunzipSync(input);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw new ChartLoadError('unexpected EOF');
    if (code === 'Z_DATA_ERROR' && /check/.test((err as Error).message))
      throw new ChartLoadError('gzip: invalid checksum');
    throw new ChartLoadError(
      code === 'Z_DATA_ERROR' ? 'flate: corrupt input before offset 0' : (err as Error).message,
    );
  }
  const files: ChartFile[] = [];
  let entries;
  try {
    entries = readTar(unzipped);
  } catch (err) {
    throw new ChartLoadError((err as Error).message);
  }
  for (const hd of entries) {
    if (isDir(hd)) continue;
    const delimiter = hd.name.includes('\\') ? '\\' : '/';
    const parts = hd.name.split(delimiter);
    let n = parts.slice(1).join(delimiter);
    n = n.split(delimiter).join('/');
    if (posix.isAbsolute(n)) throw new ChartLoadError('chart illegally contains absolute paths');
    n = n === '' ? '.' : posix.normalize(n).replace(/\/+$/, '');
    if (n === '' || n === '.') {
      throw new ChartLoadError(
        `chart illegally contains content outside the base directory: ${JSON.stringify(hd.name)}`,
      );
    }
    if (n.startsWith('..')) throw new ChartLoadError('chart illegally references parent directory');
    if (drivePathPattern.test(n)) throw new ChartLoadError('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new ChartLoadError('chart yaml not in base directory');
    const data = hd.data.subarray(0, 3).equals(utf8bom) ? hd.data.subarray(3) : hd.data;
    files.push({ name: n, data: Buffer.from(data) });
  }
  if (files.length === 0) throw new ChartLoadError('no files in chart archive');
  return files;
}

/** archive.go LoadArchive */
export function loadArchive(input: Buffer): LoadedChart {
  return loadFiles(loadArchiveFiles(input));
}

function sanitizeString(s: string): string {
  // metadata.go sanitizeString: spaces -> ' ', non-printable removed
  let out = '';
  for (const ch of s) {
    if (/\s/u.test(ch)) out += ' ';
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) || ch === ' ') out += ch;
  }
  return out;
}

/** metadata.go Metadata.Validate (and the Maintainer/Dependency validators it calls). */
export function validateMetadata(md: ChartMetadata): void {
  const v = (m: string): ChartLoadError => new ChartLoadError(`validation: ${m}`);
  md.name = sanitizeString(md.name);
  md.description = sanitizeString(md.description);
  md.home = sanitizeString(md.home);
  md.icon = sanitizeString(md.icon);
  md.appVersion = sanitizeString(md.appVersion);
  if (md.apiVersion === '') throw v('chart.metadata.apiVersion is required');
  if (md.name === '') throw v('chart.metadata.name is required');
  if (md.name !== posix.basename(md.name) || md.name.endsWith('/')) {
    throw v(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  }
  if (md.version === '') throw v('chart.metadata.version is required');
  if (typeof parseMasterminds(md.version) === 'string')
    throw v(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  if (!['', 'application', 'library'].includes(md.type))
    throw v('chart.metadata.type must be application or library');
  for (const m of md.maintainers) {
    if (m === null) throw v('maintainers must not contain empty or null nodes');
  }
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    if (d === null) throw v('dependencies must not contain empty or null nodes');
    const name = typeof d.name === 'string' ? d.name : '';
    const alias = typeof d.alias === 'string' ? d.alias : '';
    if (alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(alias))
      throw v(`dependency ${JSON.stringify(name)} has disallowed characters in the alias`);
    const key = alias || name;
    if (seen.has(key)) throw v(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
}

/** load.go LoadFiles */
export function loadFiles(files: ChartFile[]): LoadedChart {
  let metadata: ChartMetadata | undefined;
  const chart: LoadedChart = {
    metadata: emptyMetadata(),
    raw: [],
    files: [],
    templates: [],
    dependencies: [],
  };
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    chart.raw.push({ name: f.name, data: f.data });
    if (f.name === 'Chart.yaml') {
      metadata ??= emptyMetadata();
      try {
        mergeMetadata(metadata, unmarshal(f.data, metadataType, 'Metadata'));
      } catch (err) {
        throw wrap('cannot load Chart.yaml', err);
      }
      if (metadata.apiVersion === '') metadata.apiVersion = 'v1';
    }
  }
  for (const f of files) {
    if (f.name === 'Chart.yaml') continue;
    if (f.name === 'Chart.lock' || f.name === 'requirements.lock') {
      try {
        unmarshal(f.data, lockType, 'Lock');
      } catch (err) {
        throw wrap(`cannot load ${f.name}`, err);
      }
      if (f.name === 'requirements.lock') {
        metadata ??= emptyMetadata();
        if (metadata.apiVersion === 'v1') chart.files.push(f);
      }
    } else if (f.name === 'values.yaml') {
      try {
        unmarshal(f.data, { kind: 'map', elem: { kind: 'any' } }, 'map[string]interface {}');
      } catch (err) {
        throw wrap('cannot load values.yaml', err);
      }
    } else if (f.name === 'values.schema.json') {
      // kept as c.Schema
    } else if (f.name === 'requirements.yaml') {
      metadata ??= emptyMetadata();
      try {
        mergeMetadata(metadata, unmarshal(f.data, metadataType, 'Metadata'));
      } catch (err) {
        throw wrap('cannot load requirements.yaml', err);
      }
      if (metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (f.name.startsWith('templates/')) {
      chart.templates.push(f);
    } else if (f.name.startsWith('charts/')) {
      if (posix.extname(f.name) === '.prov') {
        chart.files.push(f);
        continue;
      }
      const fname = f.name.slice('charts/'.length);
      const cname = fname.split('/')[0] ?? '';
      const list = subcharts.get(cname) ?? [];
      list.push({ name: fname, data: f.data });
      subcharts.set(cname, list);
    } else {
      chart.files.push(f);
    }
  }
  if (!metadata) throw new ChartLoadError('Chart.yaml file is missing');
  validateMetadata(metadata);
  chart.metadata = metadata;
  for (const [n, sub] of subcharts) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    let sc: LoadedChart;
    try {
      if (posix.extname(n) === '.tgz') {
        const file = sub[0];
        if (!file || file.name !== n) {
          throw new ChartLoadError(
            `error unpacking tar in ${metadata.name}: expected ${n}, got ${file?.name ?? ''}`,
          );
        }
        sc = loadArchive(file.data);
      } else {
        const buff: ChartFile[] = [];
        for (const f of sub) {
          const idx = f.name.indexOf('/');
          if (idx < 0) continue;
          buff.push({ name: f.name.slice(idx + 1), data: f.data });
        }
        sc = loadFiles(buff);
      }
    } catch (err) {
      if (err instanceof ChartLoadError && err.message.startsWith('error unpacking tar in')) throw err;
      throw wrap(`error unpacking ${n} in ${metadata.name}`, err);
    }
    chart.dependencies.push(sc);
  }
  return chart;
}

/** chart.go CRDObjects: files under crds/ with a manifest extension, then the dependencies'. */
export function crdObjects(chart: LoadedChart): ChartFile[] {
  const out = chart.files.filter(
    (f) => f.name.startsWith('crds/') && ['.yaml', '.yml', '.json'].includes(posix.extname(f.name)),
  );
  for (const d of chart.dependencies) out.push(...crdObjects(d));
  return out;
}
