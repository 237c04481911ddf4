// Chart.yaml as Helm reads it: go-yaml v2 (YAML 1.1) through sigs.k8s.io/yaml into the Go
// struct chart.Metadata with encoding/json, then Metadata.Validate (helm pkg/chart/metadata.go).
// So: duplicate keys are fine (the last wins), keys match fields case-insensitively, numbers and
// booleans become strings where the field is a string (`version: 1.10` is "1.1"), unknown fields
// are ignored, but a list where a string belongs, or an alias bomb, is an error.
import { parseAllDocuments, type Tags } from 'yaml';

import { ChartError } from '../errors.js';
import { say, type YamlKind } from '../messages/index.js';
import type { Maintainer } from '../repo/types.js';
import { isChartVersion } from '../version.js';
import type { ChartDependency, ChartDetailFields, ChartMetadata } from './types.js';

/** go-yaml v2 refuses documents whose aliases expand too much; the yaml package counts aliases. */
const MAX_ALIAS_COUNT = 100;
const ALIAS_NAME = /^[a-zA-Z0-9_-]+$/;

type Kind = 'string' | 'bool' | 'strings' | 'stringMap' | 'maintainers' | 'dependencies' | 'any';
type Fields = Readonly<Record<string, Kind>>;

const METADATA_FIELDS: Fields = {
  name: 'string',
  home: 'string',
  sources: 'strings',
  version: 'string',
  description: 'string',
  keywords: 'strings',
  maintainers: 'maintainers',
  icon: 'string',
  apiVersion: 'string',
  condition: 'string',
  tags: 'string',
  appVersion: 'string',
  deprecated: 'bool',
  annotations: 'stringMap',
  kubeVersion: 'string',
  dependencies: 'dependencies',
  type: 'string',
};
const MAINTAINER_FIELDS: Fields = { name: 'string', email: 'string', url: 'string' };
const DEPENDENCY_FIELDS: Fields = {
  name: 'string',
  version: 'string',
  repository: 'string',
  condition: 'string',
  tags: 'strings',
  enabled: 'bool',
  'import-values': 'any',
  alias: 'string',
};

/** A decoded Go struct: field name -> value, null where Go would hold nil. */
type Struct = Record<string, unknown>;

/** Chart.yaml (and requirements.yaml, which Helm decodes into the same struct) being read. */
export class MetadataDraft {
  private readonly fields: Struct = {};
  private sawChartYaml = false;

  /** Decodes one file into the draft; later files overwrite what they set, as in Helm. */
  apply(source: Buffer, file: string): void {
    const value = parseYaml(source, file);
    if (value === null || value === undefined) {
      if (file.endsWith('Chart.yaml')) this.markChartYaml();
      return;
    }
    if (!(value instanceof Map)) throw new ChartError(say('chart-yaml-not-mapping', { file }));
    decodeStruct(value, METADATA_FIELDS, this.fields, file, '');
    if (file.endsWith('Chart.yaml')) this.markChartYaml();
  }

  get hasChartYaml(): boolean {
    return this.sawChartYaml;
  }

  private markChartYaml(): void {
    this.sawChartYaml = true;
    // Helm 2 charts may omit apiVersion; Helm's loader then assumes v1.
    if (typeof this.fields.apiVersion !== 'string' || this.fields.apiVersion === '')
      this.fields.apiVersion = 'v1';
  }

  /** Metadata.Validate, then the fields the engine uses. */
  finish(file: string): ChartMetadata {
    const f = this.fields;
    const text = (key: string): string => sanitize(typeof f[key] === 'string' ? f[key] : '');
    const apiVersion = text('apiVersion');
    const name = text('name');
    const version = text('version');
    const type = text('type');
    const required = (field: string): ChartError =>
      new ChartError(say('chart-yaml-field-required', { file, field }));
    if (apiVersion === '') throw required('apiVersion');
    if (name === '') throw required('name');
    if (name === '.' || name === '..')
      throw new ChartError(say('chart-yaml-name-not-allowed', { file, name }));
    if (name.includes('/') || name.includes('\\')) {
      throw new ChartError(say('chart-yaml-name-has-separator', { file, name }));
    }
    if (version === '') throw required('version');
    if (!isChartVersion(version)) throw new ChartError(say('chart-yaml-bad-version', { file, version }));
    if (type !== '' && type !== 'application' && type !== 'library') {
      throw new ChartError(say('chart-yaml-bad-type', { file, type }));
    }
    const maintainers: Maintainer[] = [];
    for (const entry of asList(f.maintainers)) {
      if (entry === null) throw new ChartError(say('chart-yaml-null-node', { file, field: 'maintainers' }));
      const maintainer: Maintainer = { name: sanitize(stringField(entry, 'name')) };
      const email = sanitize(stringField(entry, 'email'));
      const url = sanitize(stringField(entry, 'url'));
      if (email !== '') maintainer.email = email;
      if (url !== '') maintainer.url = url;
      maintainers.push(maintainer);
    }
    validateDependencies(asList(f.dependencies), file);

    const metadata: ChartMetadata = {
      apiVersion,
      name,
      version,
      keywords: (Array.isArray(f.keywords) ? (f.keywords as string[]) : []).map(sanitize),
      maintainers,
      annotations: f.annotations instanceof Object ? { ...(f.annotations as Record<string, string>) } : {},
      deprecated: f.deprecated === true,
    };
    for (const key of ['appVersion', 'description', 'home', 'icon'] as const) {
      const value = text(key);
      if (value !== '') metadata[key] = value;
    }
    if (type !== '') metadata.type = type;
    return metadata;
  }

  /**
   * The fields only a chart's details show (sources, kubeVersion, dependencies), read from the
   * draft as decoded; call after `finish`, which validated them.
   */
  detailFields(): ChartDetailFields {
    const f = this.fields;
    const sources = (Array.isArray(f.sources) ? (f.sources as string[]) : []).map(sanitize).filter(Boolean);
    const dependencies: ChartDependency[] = [];
    for (const entry of asList(f.dependencies)) {
      if (entry === null) continue;
      const dependency: ChartDependency = { name: sanitize(stringField(entry, 'name')) };
      for (const key of ['version', 'repository', 'condition', 'alias'] as const) {
        const value = sanitize(stringField(entry, key));
        if (value !== '') dependency[key] = value;
      }
      dependencies.push(dependency);
    }
    const kubeVersion = sanitize(typeof f.kubeVersion === 'string' ? f.kubeVersion : '');
    return { sources, dependencies, ...(kubeVersion === '' ? {} : { kubeVersion }) };
  }
}

function asList(value: unknown): (Struct | null)[] {
  return Array.isArray(value) ? (value as (Struct | null)[]) : [];
}

function stringField(struct: Struct, key: string): string {
  const value = struct[key];
  return typeof value === 'string' ? value : '';
}

function validateDependencies(dependencies: (Struct | null)[], file: string): void {
  const seen = new Set<string>();
  for (const dependency of dependencies) {
    if (dependency === null)
      throw new ChartError(say('chart-yaml-null-node', { file, field: 'dependencies' }));
    const name = sanitize(stringField(dependency, 'name'));
    const alias = stringField(dependency, 'alias');
    if (alias !== '' && !ALIAS_NAME.test(alias)) {
      throw new ChartError(say('chart-yaml-bad-alias', { file, name }));
    }
    const key = alias !== '' ? alias : name;
    if (seen.has(key)) throw new ChartError(say('chart-yaml-duplicate-dependency', { file, name: key }));
    seen.add(key);
  }
}

/** Helm's sanitizeString: whitespace becomes a space, unprintable characters go. */
function sanitize(value: string): string {
  return value.replace(/\s/gu, ' ').replace(/[\p{C}\p{Z}]/gu, (char) => (char === ' ' ? char : ''));
}

// --- YAML 1.1, as go-yaml v2 reads it ---------------------------------------------------------

function withoutTimestamps(tags: Tags): Tags {
  // go-yaml v2 leaves timestamps as strings when decoding into interface{}.
  return tags.filter((tag) => typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:timestamp');
}

function parseYaml(source: Buffer, file: string): unknown {
  let text = source.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const documents = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    intAsBigInt: true,
    strict: false,
    customTags: withoutTimestamps,
  });
  // go-yaml's Unmarshal reads the first document only.
  const document = documents[0];
  if (document === undefined) return null;
  const [error] = document.errors;
  if (error) {
    throw new ChartError(say('chart-yaml-invalid', { file, problem: error.message.split('\n')[0] ?? '' }));
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true }) as unknown;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/alias/i.test(message)) {
      throw new ChartError(say('chart-yaml-alias-bomb', { file }), { cause });
    }
    throw new ChartError(say('chart-yaml-invalid', { file, problem: message }), { cause });
  }
}

// --- sigs.k8s.io/yaml + encoding/json ----------------------------------------------------------

function decodeStruct(
  map: Map<unknown, unknown>,
  fields: Fields,
  target: Struct,
  file: string,
  at: string,
): void {
  const entries = [...map].map(([key, value]) => [keyString(key, file, at), value] as const);
  // json.Marshal sorts the keys; when two keys land on one field, the later one wins.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    const field =
      key in fields ? key : Object.keys(fields).find((name) => name.toLowerCase() === key.toLowerCase());
    const path = at === '' ? key : `${at}.${key}`;
    if (field === undefined) {
      checkJsonable(value, file, path);
      continue;
    }
    const kind = fields[field];
    if (kind !== undefined) target[field] = decodeValue(value, kind, target[field], file, path);
  }
}

function decodeValue(value: unknown, kind: Kind, previous: unknown, file: string, path: string): unknown {
  const wrong = (expectedKind: YamlKind): ChartError =>
    new ChartError(say('chart-yaml-wrong-kind', { file, path, expectedKind, actualKind: kindOf(value) }));
  switch (kind) {
    case 'string': {
      if (value === null || value === undefined) return previous;
      const text = scalarString(value);
      if (text === undefined) throw wrong('string');
      return text;
    }
    case 'bool':
      if (value === null || value === undefined) return previous;
      if (typeof value !== 'boolean') throw wrong('bool');
      return value;
    case 'strings':
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw wrong('strings');
      return value.map((item: unknown, i) => {
        if (item === null || item === undefined) return '';
        const text = scalarString(item);
        if (text === undefined) throw wrongItem(file, `${path}[${i}]`, 'string', item);
        return text;
      });
    case 'stringMap': {
      if (value === null || value === undefined) return null;
      if (!(value instanceof Map)) throw wrong('string-map');
      // encoding/json adds to a map that already exists.
      const out: Record<string, string> =
        previous instanceof Object ? { ...(previous as Record<string, string>) } : {};
      for (const [key, item] of value) {
        const name = keyString(key, file, path);
        if (item === null || item === undefined) out[name] = '';
        else {
          const text = scalarString(item);
          if (text === undefined) throw wrongItem(file, `${path}.${name}`, 'string', item);
          out[name] = text;
        }
      }
      return out;
    }
    case 'maintainers':
    case 'dependencies': {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw wrong('list');
      const fields = kind === 'maintainers' ? MAINTAINER_FIELDS : DEPENDENCY_FIELDS;
      return value.map((item: unknown, i) => {
        if (item === null || item === undefined) return null;
        if (!(item instanceof Map)) throw wrongItem(file, `${path}[${i}]`, 'mapping', item);
        const struct: Struct = {};
        decodeStruct(item, fields, struct, file, `${path}[${i}]`);
        return struct;
      });
    }
    case 'any':
      checkJsonable(value, file, path);
      return value;
  }
}

/** What json.Marshal refuses in a field Helm does not know: NaN and infinities; and odd keys. */
function checkJsonable(value: unknown, file: string, path: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ChartError(say('chart-yaml-not-finite', { file, path, value: String(value) }));
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      checkJsonable(item, file, `${path}[${i}]`);
    });
  }
  if (value instanceof Map) {
    for (const [key, item] of value) checkJsonable(item, file, `${path}.${keyString(key, file, path)}`);
  }
}

/** sigs.k8s.io/yaml turns map keys into strings; null or compound keys are an error. */
function keyString(key: unknown, file: string, at: string): string {
  if (typeof key === 'number') {
    const text = formatFloat32(key);
    return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
  }
  const text = key === null || key === undefined ? undefined : scalarString(key);
  if (text === undefined) {
    throw new ChartError(say('chart-yaml-key-not-string', { file, path: at, actualKind: kindOf(key) }));
  }
  return text;
}

/** A scalar as sigs.k8s.io/yaml writes it into a string field; undefined for lists and maps. */
function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') {
    // go-yaml v2 yields int64 or uint64; anything larger it reads as a float.
    return value >= -(2n ** 63n) && value < 2n ** 64n ? value.toString() : formatFloat32(Number(value));
  }
  if (typeof value === 'number') return formatFloat32(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return undefined;
}

function kindOf(value: unknown): YamlKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map || value instanceof Set) return 'mapping';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'bigint' || typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'other';
}

function wrongItem(file: string, path: string, expectedKind: YamlKind, item: unknown): ChartError {
  return new ChartError(say('chart-yaml-wrong-kind', { file, path, expectedKind, actualKind: kindOf(item) }));
}

/** Go's strconv.FormatFloat(v, 'g', -1, 32): shortest float32 digits, %e from exponent -5 or 6. */
export function formatFloat32(value: number): string {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let mantissa = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision += 1) {
    const candidate = Math.abs(f).toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === Math.abs(f)) {
      const [digits = '', exp = '0'] = candidate.split('e');
      mantissa = digits.replace('.', '');
      exponent = Number(exp);
      break;
    }
  }
  mantissa = mantissa.replace(/(?<=.)0+$/, '');
  const sign = f < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const fraction = mantissa.length > 1 ? `.${mantissa.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${mantissa[0] ?? '0'}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${mantissa}`;
  const whole = mantissa.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = mantissa.slice(exponent + 1);
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
