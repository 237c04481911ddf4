// Parses a Helm repository index (YAML or JSON) into the engine's model, tolerant like Helm's
// loadIndex (pkg/repo/v1/index.go): a bad version is dropped with a warning, the index fails
// only when it is empty, unparsable or has no apiVersion.
//
// Speed and safety: YAML goes through js-yaml with the failsafe schema (every scalar a string,
// as Helm's typed unmarshal sees them: `version: 1.10` stays "1.10"); JSON through JSON.parse.
// js-yaml resolves an alias to the *same* object, so parsing stays linear in the input, and
// merge keys and nesting depth are capped. Copying the fields we keep is charged to a work
// budget proportional to the input size, so an alias bomb is refused instead of expanded;
// only the fields of ChartVersionRef are copied (dependencies and the rest are dropped).
import jsYaml from 'js-yaml';

import { RepoError } from '../errors.js';
import { say, shown, type Message } from '../messages/index.js';
import type { ChartVersionRef, Maintainer, RepoIndex } from './types.js';
import { resolveReferenceUrl } from './url.js';
import { SPLIT_MIN_BYTES, type SplitIndex, splitJsonIndex, splitYamlIndex } from './split-index.js';
import type { SemVer } from 'semver';

import { parseChartVersion, sortNewestFirst } from '../version.js';

declare module 'js-yaml' {
  interface LoadOptions {
    /** js-yaml >= 4.1.1: maximum nesting of collections. */
    maxDepth?: number;
    /** js-yaml >= 4.1.1: maximum keys copied by `<<` merges, in total. */
    maxTotalMergeKeys?: number;
  }
}

const YAML_OPTIONS: jsYaml.LoadOptions = {
  schema: jsYaml.FAILSAFE_SCHEMA,
  json: true,
  maxDepth: 64,
  maxTotalMergeKeys: 10_000,
};

/** At most this many warnings are kept; the rest are counted in a last one. */
export const MAX_WARNINGS = 500;
const MAX_FIELD_CHARS = 64 * 1024;

export interface ParseIndexOptions {
  /** Called with each warning kept in `warnings`, once the index is read. */
  onWarning?: (warning: Message) => void;
  /**
   * Read a large index chart by chart (default true): same result, a fraction of the memory.
   * Unusual layouts are read whole anyway.
   */
  split?: boolean;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, quoted, printable form of untrusted text for messages. */
export function quoteForMessage(text: string, max = 80): string {
  return JSON.stringify(shown(text, max));
}

/** Why an index entry was dropped: the code of its warning, and what the warning names. */
type Skipped =
  | { skipped: 'index-entry-bad-name'; name: string }
  | { skipped: 'index-entry-bad-type'; type: string }
  | {
      skipped:
        | 'index-entry-empty'
        | 'index-entry-not-mapping'
        | 'index-entry-no-name'
        | 'index-entry-no-version'
        | 'index-entry-bad-version'
        | 'index-entry-no-url';
    };

function skippedEntry(chart: string, version: string | undefined, entry: Skipped): Message {
  const where = { chart: shown(chart), ...(version === undefined ? {} : { version: shown(version) }) };
  switch (entry.skipped) {
    case 'index-entry-bad-name':
      return say(entry.skipped, { ...where, name: entry.name });
    case 'index-entry-bad-type':
      return say(entry.skipped, { ...where, type: entry.type });
    default:
      return say(entry.skipped, where);
  }
}

// Go's unicode.IsSpace -> ' ', non-printable (IsPrint false) removed: Helm's sanitizeString.
const NEEDS_SANITIZE = /[^\x20-\x7e]/;
function sanitize(text: string): string {
  if (!NEEDS_SANITIZE.test(text)) return text;
  return text.replace(/\s/gu, ' ').replace(/[\p{C}\p{Z}]/gu, (c) => (c === ' ' ? ' ' : ''));
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/** A string field; `cut` limits its length (names are never cut). */
function optionalText(value: unknown, clean = true, cut = true): string | undefined {
  const text = scalar(value);
  if (
    text === undefined ||
    text === '' ||
    text === '~' ||
    text === 'null' ||
    text === 'Null' ||
    text === 'NULL'
  ) {
    return undefined;
  }
  const kept = cut && text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text;
  return clean ? sanitize(kept) : kept;
}

function lineColumnOf(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

interface Budget {
  left: number;
}

class BudgetExceeded extends Error {}

function charge(budget: Budget, units: number): void {
  budget.left -= units;
  if (budget.left < 0) throw new BudgetExceeded();
}

interface Picked {
  ref: ChartVersionRef;
  semver: SemVer;
  cost: number;
}

class IndexReader {
  readonly warnings: Message[] = [];
  private dropped = 0;
  /** By identity, to charge a YAML alias without picking it again; weak, so parsed charts can go. */
  private readonly memo = new WeakMap<object, Picked | Skipped>();

  constructor(
    private readonly repoUrl: string,
    private readonly budget: Budget,
  ) {}

  /** Repeated values (maintainers, home, keywords, descriptions...) share one string. */
  private readonly strings = new Map<string, string>();

  private text(value: unknown, clean = true, cut = true): string | undefined {
    const text = optionalText(value, clean, cut);
    return text === undefined ? undefined : this.intern(text);
  }

  private intern(text: string): string {
    if (text.length > 1024) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size < 200_000) this.strings.set(text, text);
    return text;
  }

  warn(warning: Message): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(warning);
    else this.dropped++;
  }

  finishWarnings(): void {
    if (this.dropped > 0) this.warnings.push(say('warnings-left-out', { count: this.dropped }));
  }

  private stringList(value: unknown): string[] {
    if (!Array.isArray(value)) {
      const single = this.text(value);
      return single === undefined ? [] : [single];
    }
    charge(this.budget, value.length);
    const out: string[] = [];
    for (const item of value) {
      const text = this.text(item);
      if (text !== undefined) out.push(text);
    }
    return out;
  }

  private maintainers(value: unknown): Maintainer[] {
    if (!Array.isArray(value)) return [];
    charge(this.budget, value.length);
    const out: Maintainer[] = [];
    for (const item of value) {
      if (!isRecord(item)) continue;
      charge(this.budget, 3);
      const name = this.text(item.name) ?? '';
      const email = this.text(item.email);
      const url = this.text(item.url);
      if (name === '' && email === undefined && url === undefined) continue;
      const maintainer: Maintainer = { name };
      if (email !== undefined) maintainer.email = email;
      if (url !== undefined) maintainer.url = url;
      out.push(maintainer);
    }
    return out;
  }

  private annotations(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (!isRecord(value)) return out;
    const keys = Object.keys(value);
    charge(this.budget, keys.length);
    for (const key of keys) {
      const raw = scalar(value[key]);
      if (raw === undefined) continue;
      const text = this.intern(raw.length > MAX_FIELD_CHARS ? raw.slice(0, MAX_FIELD_CHARS) : raw);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: text, enumerable: true, writable: true });
      else out[key] = text;
    }
    return out;
  }

  /** The version, or a reason to drop it. Results are memoised by identity (YAML aliases). */
  pickVersion(raw: unknown, chart: string): Picked | Skipped {
    if (!isRecord(raw))
      return { skipped: raw === null || raw === undefined ? 'index-entry-empty' : 'index-entry-not-mapping' };
    const seen = this.memo.get(raw);
    if (seen !== undefined) {
      charge(this.budget, 'skipped' in seen ? 1 : seen.cost);
      return seen;
    }
    const before = this.budget.left;
    const result = this.pickFresh(raw, chart);
    if (!('skipped' in result)) result.cost = Math.max(1, before - this.budget.left);
    this.memo.set(raw, result);
    return result;
  }

  private pickFresh(raw: Raw, chart: string): Picked | Skipped {
    charge(this.budget, 16);
    const name = this.text(raw.name, true, false);
    const version = scalar(raw.version)?.trim();
    if (name === undefined || name.trim() === '') return { skipped: 'index-entry-no-name' };
    if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
      return { skipped: 'index-entry-bad-name', name: shown(name) };
    }
    if (version === undefined || version === '') return { skipped: 'index-entry-no-version' };
    const semver = parseChartVersion(version);
    if (semver === undefined) return { skipped: 'index-entry-bad-version' };
    const type = optionalText(raw.type);
    if (type !== undefined && type !== 'application' && type !== 'library') {
      return { skipped: 'index-entry-bad-type', type: shown(type) };
    }
    const urls: string[] = [];
    for (const url of this.stringList(raw.urls)) {
      try {
        urls.push(resolveReferenceUrl(this.repoUrl, url.trim()));
      } catch {
        this.warn(
          say('index-url-unusable', { chart: shown(chart), version: shown(version), url: shown(url) }),
        );
      }
    }
    if (urls.length === 0) return { skipped: 'index-entry-no-url' };

    const ref: ChartVersionRef = {
      name,
      version,
      keywords: this.stringList(raw.keywords),
      maintainers: this.maintainers(raw.maintainers),
      annotations: this.annotations(raw.annotations),
      deprecated: isTrue(raw.deprecated),
      urls,
    };
    const fields = {
      appVersion: this.text(raw.appVersion),
      apiVersion: this.text(raw.apiVersion) ?? 'v1',
      description: this.text(raw.description),
      home: this.text(raw.home),
      icon: this.text(raw.icon),
      digest: optionalText(raw.digest, false)?.trim(),
      created: optionalText(raw.created, false),
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (ref as unknown as Record<string, string>)[key] = value;
    }
    return { ref, semver, cost: 0 };
  }
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True' || value === 'TRUE';
}

function parseDocument(text: string, source: string): unknown {
  const first = /\S/.exec(text)?.[0];
  let jsonError: unknown;
  if (first === '{') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      jsonError = error; // Maybe YAML flow style: Helm tries YAML when the JSON is invalid.
    }
  }
  try {
    return jsYaml.load(text, { ...YAML_OPTIONS, filename: source });
  } catch (error) {
    if (jsonError !== undefined) {
      const message = jsonError instanceof Error ? jsonError.message : 'invalid JSON';
      const position = /position (\d+)/.exec(message)?.[1];
      const where = position === undefined ? '' : lineColumnOf(text, Number(position));
      const at = where === '' ? '' : ` at line ${where.line}, column ${where.column}`;
      const problem = `The index at ${source} is not valid JSON${at}: ${message}`;
      const place = where === '' ? { line: 0, column: 0 } : where;
      throw new RepoError(say('index-invalid-json', { problem, url: source, ...place, reason: message }), {
        cause: jsonError,
      });
    }
    if (error instanceof jsYaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      const at =
        mark?.line === undefined ? '' : ` at line ${mark.line + 1}, column ${(mark.column ?? 0) + 1}`;
      const html = first === '<';
      const hint = html ? ' It looks like an HTML page: check the repository URL.' : '';
      const problem = `The index at ${source} is not valid YAML${at}: ${error.reason}.${hint}`;
      const position = { line: (mark?.line ?? -1) + 1, column: (mark?.column ?? 0) + 1 };
      throw new RepoError(
        html
          ? say('index-html', { problem, url: source })
          : say('index-invalid-yaml', { problem, url: source, ...position, reason: error.reason }),
        { cause: error },
      );
    }
    const problem = `The index at ${source} could not be parsed: ${String(error)}`;
    throw new RepoError(say('index-unparsable', { problem, url: source, reason: String(error) }), {
      cause: error,
    });
  }
}

/** The chunked reading met something unusual: read the whole document instead. */
class Fallback extends Error {}

function loadPiece(text: string, format: SplitIndex['format']): unknown {
  try {
    return format === 'json' ? (JSON.parse(text) as unknown) : jsYaml.load(text, YAML_OPTIONS);
  } catch {
    throw new Fallback();
  }
}

/** Each chart of a split index, parsed only when reached. */
function* splitEntries(bytes: Buffer, split: SplitIndex): Generator<[string, unknown]> {
  const seen = new Set<string>();
  for (const piece of split.charts) {
    const text = bytes.toString('utf8', piece.start, piece.end);
    let name = piece.name;
    let list: unknown;
    if (name === undefined) {
      const doc = loadPiece(text, 'yaml');
      if (!isRecord(doc)) throw new Fallback();
      const keys = Object.keys(doc);
      if (keys.length !== 1) throw new Fallback();
      name = keys[0] ?? '';
      list = doc[name];
    } else list = loadPiece(text, 'json');
    if (seen.has(name)) throw new Fallback(); // a repeated key: the whole-document reading decides
    seen.add(name);
    yield [name, list];
  }
}

function* documentEntries(entries: Raw | undefined): Generator<[string, unknown]> {
  if (entries === undefined) return;
  for (const name of Object.keys(entries)) yield [name, entries[name]];
}

/**
 * Parses the text of index.yaml (or its JSON form). `repoUrl` resolves relative chart URLs
 * (the repository URL, without credentials); `source` names the index in messages.
 * Throws RepoError for an empty, unparsable or non-index document, or one whose aliases
 * expand beyond a work budget proportional to its size.
 */
export function parseIndex(
  input: string | Buffer,
  repoUrl: string,
  source: string = repoUrl,
  options: ParseIndexOptions = {},
): RepoIndex {
  let bytes = typeof input === 'string' ? undefined : input;
  if (bytes !== undefined && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    bytes = bytes.subarray(3);
  let index: RepoIndex | undefined;
  if (options.split !== false && (bytes?.length ?? input.length) >= SPLIT_MIN_BYTES) {
    bytes ??= Buffer.from(
      typeof input === 'string' && input.charCodeAt(0) === 0xfeff ? input.slice(1) : input,
    );
    let first = 0;
    while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d))
      first++;
    const split = bytes[first] === 0x7b ? splitJsonIndex(bytes) : splitYamlIndex(bytes);
    if (split !== undefined) {
      try {
        const rest = loadPiece(split.rest, split.format);
        if (!isRecord(rest)) throw new Fallback();
        index = readIndex(bytes.length, rest, splitEntries(bytes, split), repoUrl, source);
      } catch (error) {
        if (!(error instanceof Fallback)) throw error;
      }
    }
  }
  if (index === undefined)
    index = readWhole(typeof input === 'string' ? input : (bytes ?? input).toString('utf8'), repoUrl, source);
  if (options.onWarning) for (const warning of index.warnings) options.onWarning(warning);
  return index;
}

function readWhole(text: string, repoUrl: string, source: string): RepoIndex {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    const problem = `The index at ${source} is empty; a Helm repository index needs apiVersion and entries.`;
    throw new RepoError(say('index-empty', { problem, url: source }));
  }
  const doc = parseDocument(body, source);
  if (!isRecord(doc)) {
    const html = body.trimStart().startsWith('<');
    const hint = html ? ' It looks like an HTML page: check the repository URL.' : '';
    const problem = `The document at ${source} is not a Helm repository index (expected a mapping with apiVersion and entries).${hint}`;
    throw new RepoError(say(html ? 'index-html' : 'index-not-an-index', { problem, url: source }));
  }
  const rawEntries = doc.entries;
  if (rawEntries !== undefined && rawEntries !== null && !isRecord(rawEntries)) {
    const problem = `The index at ${source} is invalid: "entries" is not a mapping of chart names.`;
    throw new RepoError(say('index-entries-not-mapping', { problem, url: source }));
  }
  return readIndex(body.length, doc, documentEntries(rawEntries ?? undefined), repoUrl, source);
}

function readIndex(
  size: number,
  doc: Raw,
  charts: Iterable<[string, unknown]>,
  repoUrl: string,
  source: string,
): RepoIndex {
  if (optionalText(doc.apiVersion) === undefined) {
    const problem = `The index at ${source} has no apiVersion; it is not a Helm repository index (check the URL).`;
    throw new RepoError(say('index-no-api-version', { problem, url: source }));
  }
  const budget: Budget = { left: size + 100_000 };
  const reader = new IndexReader(repoUrl, budget);
  const entries = new Map<string, ChartVersionRef[]>();
  try {
    for (const [chart, list] of charts) {
      charge(budget, 1);
      if (list === null || list === undefined) continue;
      if (!Array.isArray(list)) {
        reader.warn(say('index-versions-not-list', { chart: shown(chart) }));
        continue;
      }
      charge(budget, list.length);
      const picked: Picked[] = [];
      const versions = new Set<string>();
      for (const raw of list) {
        const result = reader.pickVersion(raw, chart);
        if ('skipped' in result) {
          const version = isRecord(raw) ? scalar(raw.version) : undefined;
          reader.warn(skippedEntry(chart, version, result));
          continue;
        }
        if (versions.has(result.ref.version)) {
          reader.warn(
            say('index-version-twice', { chart: shown(chart), version: shown(result.ref.version) }),
          );
          continue;
        }
        versions.add(result.ref.version);
        picked.push(result);
      }
      if (picked.length === 0) continue;
      sortNewestFirst(picked, (p) => p.semver);
      entries.set(
        chart,
        picked.map((p) => p.ref),
      );
    }
  } catch (error) {
    if (error instanceof BudgetExceeded) {
      const problem = `The index at ${source} was refused: its YAML aliases expand far beyond its size (an "alias bomb").`;
      throw new RepoError(say('index-alias-bomb', { problem, url: source }));
    }
    throw error;
  }
  reader.finishWarnings();
  return { url: repoUrl, entries, warnings: reader.warnings };
}
