// Opens an offline bundle: streams the archive once, refusing it whole at the first thing that
// is not exactly what its manifest says (a wrong checksum or size, a file missing or extra, a
// link or device, an unsafe or duplicate path, a size over the caps, another format version),
// and keeps the verified files in a private folder. Nothing is imported before this returns.
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';

import { Parser, type ReadEntry } from 'tar';

import { CancelledError, InputError, RepoError } from '../errors.js';
import { say } from '../messages/index.js';
import { indexContentDigest } from '../repo/index-digest.js';
import { parseIndex } from '../repo/parse-index.js';
import type { FetchedIcon } from '../repo/types.js';
import type { ChartRepository, ChartVersionRef, FetchedPackage, RepoIndex } from '../repo/types.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_PATH,
  type BundleChart,
  type BundleFile,
  type BundleManifest,
  INDEX_PATH,
  MANIFEST_PATH,
  manifestSchema,
} from './manifest.js';

const MIB = 1024 * 1024;

/** Caps on what opening a bundle may cost; a bundle over one is refused while it streams. */
export interface BundleLimits {
  /** One entry (a package, the index, an icon). Default 128 MiB. */
  maxEntryBytes: number;
  /** All entries together. Default 8 GiB. */
  maxTotalBytes: number;
  /** Entries, directories included. Default 100,000. */
  maxEntries: number;
  /** bundle.json. Default 32 MiB. */
  maxManifestBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxEntryBytes: 128 * MIB,
  maxTotalBytes: 8 * 1024 * MIB,
  maxEntries: 100_000,
  maxManifestBytes: 32 * MIB,
});

/** What to do about a refused bundle, after the problem. */
const REMEDY =
  'nothing was imported; make the bundle again with `store-importer bundle` where the repository is reachable and copy the file unchanged';

/** A bundle that is not what it claims to be: a user input problem (CLI exit 2, service 400). */
export class BundleError extends InputError {}

/** A bundle over a size cap: a caller that lowered the cap to its free room can say so. */
export class BundleOverLimitError extends BundleError {
  constructor(
    message: string,
    /** Which cap: one entry's, or all entries' together. */
    readonly limit: 'entry' | 'total',
  ) {
    super(message);
  }
}

function refused(file: string, problem: string): BundleError {
  return new BundleError(`the bundle ${file} is refused: ${problem}; ${REMEDY}`);
}

function overLimit(file: string, problem: string, limit: 'entry' | 'total'): BundleOverLimitError {
  return new BundleOverLimitError(refused(file, problem).message, limit);
}

function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
}

export interface OpenBundleOptions {
  limits?: Partial<BundleLimits>;
  /** Folder for the verified files (a private folder is made in it). Default: the OS temp folder. */
  workDir?: string;
  signal?: AbortSignal;
}

/** A verified bundle. `close` removes its files. */
export interface OpenedBundle {
  manifest: BundleManifest;
  /** The bundle's charts as a repository: no network, the original repository's URL. */
  repository: BundleRepository;
  close(): Promise<void>;
}

/** Streams and verifies `file`; throws BundleError naming the first problem, leaving no files. */
export async function openBundle(file: string, options: OpenBundleOptions = {}): Promise<OpenedBundle> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'store-importer-bundle-'));
  try {
    const manifest = await extract(file, dir, limits, options.signal);
    const repository = await BundleRepository.load(file, dir, manifest);
    return { manifest, repository, close: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Reads the archive into `dir`, checking each entry at its header and its data at its end. */
async function extract(
  file: string,
  dir: string,
  limits: BundleLimits,
  signal: AbortSignal | undefined,
): Promise<BundleManifest> {
  const check = new EntryChecker(file, dir, limits);
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  parser.on('entry', (entry: ReadEntry) => {
    check.entry(entry);
  });
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    check.fail(
      entry.meta
        ? 'it has a tar extension header over 1 MiB'
        : `its entry ${quote(entry.path)} has an unsupported tar type`,
    );
    entry.resume();
  });
  parser.on('error', (error: Error) => {
    check.fail(`it is not a valid tar archive (${error.message})`);
  });
  const input = createReadStream(file);
  const gunzip = createGunzip();
  // The decompressed stream is bounded too: padding and headers cost at most 2 KiB an entry.
  const maxStream = limits.maxTotalBytes + (limits.maxEntries + 2) * 2048;
  let streamed = 0;
  let parsed = false;
  try {
    // pipe() does not pass the file's errors on (ENOENT, EACCES): the gunzip stream carries them.
    input.on('error', (error) => gunzip.destroy(error));
    for await (const chunk of input.pipe(gunzip) as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new CancelledError('Reading the bundle was cancelled.');
      streamed += chunk.length;
      if (streamed > maxStream)
        check.failWith(overLimit(file, `it unpacks to more than ${maxStream} bytes`, 'total'));
      check.throwIfFailed();
      if (!parser.write(chunk)) await once(parser, 'drain');
      check.throwIfFailed();
    }
    parser.end();
    parsed = true;
  } catch (error) {
    check.throwIfFailed();
    if (error instanceof CancelledError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new InputError(`the bundle ${file} cannot be read (${code}): check the path and its permissions`);
    }
    if (code.startsWith('Z_'))
      throw refused(
        file,
        `it is not a whole gzip-compressed tar archive: truncated, damaged or followed by other data (${(error as Error).message})`,
      );
    throw error;
  } finally {
    input.destroy();
    gunzip.destroy();
    // Stopped mid-entry (damaged, cancelled, over a cap, a write error): the parser would keep
    // the entry's handle, and the unlinked file's disk blocks, until the process ends.
    if (!parsed) parser.abort(new Error('the bundle was not read to its end'));
    check.closeOpenFile();
  }
  return check.finish();
}

class EntryChecker {
  private failure: BundleError | undefined;
  private manifest: BundleManifest | undefined;
  private expected = new Map<string, BundleFile>();
  private readonly seen = new Set<string>();
  private entries = 0;
  private total = 0;
  /** The handle of the entry being written, until its end. */
  private openFile: number | undefined;

  constructor(
    private readonly file: string,
    private readonly dir: string,
    private readonly limits: BundleLimits,
  ) {}

  fail(problem: string): void {
    this.failWith(refused(this.file, problem));
  }

  failWith(error: BundleError): void {
    this.failure ??= error;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Closes the handle of an entry cut short; its file goes with the private folder. */
  closeOpenFile(): void {
    if (this.openFile === undefined) return;
    const fd = this.openFile;
    this.openFile = undefined;
    closeSync(fd);
  }

  entry(entry: ReadEntry): void {
    try {
      this.check(entry);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      this.failure ??= error;
      entry.resume();
    }
  }

  private check(entry: ReadEntry): void {
    if (this.failure) {
      entry.resume();
      return;
    }
    this.entries += 1;
    if (this.entries > this.limits.maxEntries)
      throw refused(this.file, `it has more than ${this.limits.maxEntries} entries`);
    const name = entry.path;
    const kind = entryKind(entry);
    if (kind !== 'file' && kind !== 'dir') throw refused(this.file, `its entry ${quote(name)} ${kind}`);
    const path = kind === 'dir' ? name.replace(/\/$/, '') : name;
    const unsafe = pathProblem(path);
    if (unsafe) throw refused(this.file, `its entry ${quote(name)} ${unsafe}`);
    if (this.seen.has(path)) throw refused(this.file, `its entry ${quote(name)} appears twice`);
    this.seen.add(path);
    // A directory holds no data: harmless, as long as its name is safe.
    if (kind === 'dir') {
      entry.resume();
      return;
    }
    const size = entry.size;
    if (size > this.limits.maxEntryBytes) {
      throw overLimit(
        this.file,
        `its entry ${quote(name)} is ${size} bytes, over the limit of ${this.limits.maxEntryBytes}`,
        'entry',
      );
    }
    this.total += size;
    if (this.total > this.limits.maxTotalBytes) {
      throw overLimit(
        this.file,
        `its entries are over the limit of ${this.limits.maxTotalBytes} bytes in total`,
        'total',
      );
    }
    if (this.manifest === undefined) {
      if (path !== MANIFEST_PATH) {
        throw refused(
          this.file,
          `its first entry is ${quote(name)}, not ${MANIFEST_PATH}: it is not a store-importer bundle`,
        );
      }
      if (size > this.limits.maxManifestBytes) {
        throw refused(this.file, `its ${MANIFEST_PATH} is over ${this.limits.maxManifestBytes} bytes`);
      }
      const parts: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => parts.push(chunk));
      entry.on('end', () => {
        try {
          this.manifest = parseManifest(this.file, Buffer.concat(parts));
          this.expected = new Map(this.manifest.files.map((entry) => [entry.path, entry]));
        } catch (error) {
          if (!(error instanceof BundleError)) throw error;
          this.failure ??= error;
        }
      });
      return;
    }
    const expected = this.expected.get(path);
    if (expected === undefined)
      throw refused(this.file, `its entry ${quote(name)} is not listed in ${MANIFEST_PATH}`);
    if (expected.size !== size) {
      throw refused(
        this.file,
        `its entry ${quote(name)} is ${size} bytes, ${MANIFEST_PATH} says ${expected.size}`,
      );
    }
    this.store(entry, path, expected);
  }

  /** Writes the entry's data under the private folder while hashing it; checks the hash at its end. */
  private store(entry: ReadEntry, path: string, expected: BundleFile): void {
    const target = join(this.dir, path);
    // Synchronous writes: the data is on disk before the parser reads on, so at most one chunk
    // of the archive is in memory at a time.
    let fd: number;
    try {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      fd = openSync(target, 'wx', 0o600);
      this.openFile = fd;
    } catch (error) {
      // A file where a folder must go (`a`, then `a/b`): no bundle this tool writes.
      throw refused(
        this.file,
        `its entry ${quote(path)} cannot be unpacked (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const hash: Hash = createHash('sha256');
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      writeSync(fd, chunk);
    });
    entry.on('end', () => {
      this.closeOpenFile();
      const actual = hash.digest('hex');
      if (actual !== expected.sha256) {
        this.failure ??= refused(
          this.file,
          `the checksum of ${quote(path)} is sha256:${actual}, ${MANIFEST_PATH} says sha256:${expected.sha256} (the file was changed or damaged)`,
        );
      }
    });
  }

  finish(): BundleManifest {
    this.throwIfFailed();
    if (this.manifest === undefined)
      throw refused(this.file, `it has no ${MANIFEST_PATH}: it is not a store-importer bundle`);
    const missing = this.manifest.files.filter((entry) => !this.seen.has(entry.path));
    if (missing.length > 0) {
      throw refused(
        this.file,
        `${missing.length} file${missing.length === 1 ? '' : 's'} listed in ${MANIFEST_PATH} ${missing.length === 1 ? 'is' : 'are'} missing (${missing
          .slice(0, 5)
          .map((entry) => quote(entry.path))
          .join(', ')})`,
      );
    }
    return this.manifest;
  }
}

/** 'file', 'dir', or why the entry is refused. */
function entryKind(entry: ReadEntry): string {
  switch (entry.type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'Directory':
      return 'dir';
    case 'SymbolicLink':
      return `is a symbolic link (to ${quote(entry.linkpath ?? '')}); a bundle holds only files`;
    case 'Link':
      return `is a hard link (to ${quote(entry.linkpath ?? '')}); a bundle holds only files`;
    case 'CharacterDevice':
    case 'BlockDevice':
    case 'FIFO':
      return `is a ${entry.type === 'FIFO' ? 'FIFO' : 'device'}; a bundle holds only files`;
    default:
      return `has the unsupported tar type ${quote(entry.type)}; a bundle holds only files`;
  }
}

function pathProblem(path: string): string | undefined {
  if (BUNDLE_PATH.test(path)) return undefined;
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return 'has an absolute path';
  if (path.split(/[/\\]/).includes('..')) return 'has a ".." path segment';
  return 'has a path that is not a plain relative path';
}

function parseManifest(file: string, bytes: Buffer): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refused(file, `its ${MANIFEST_PATH} is not valid JSON`);
  }
  const head = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (head.format !== BUNDLE_FORMAT)
    throw refused(file, `its ${MANIFEST_PATH} is not a store-importer bundle manifest`);
  if (head.formatVersion !== BUNDLE_FORMAT_VERSION) {
    const version =
      typeof head.formatVersion === 'number' ? String(head.formatVersion) : quote(String(head.formatVersion));
    throw new BundleError(
      `the bundle ${file} is refused: it has format version ${version}, this store-importer reads version ${BUNDLE_FORMAT_VERSION}; nothing was imported; use the store-importer release that made it, or make the bundle again with this one`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(
      file,
      `its ${MANIFEST_PATH} is invalid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'})`,
    );
  }
  const manifest = parsed.data;
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (entry.path === MANIFEST_PATH || listed.has(entry.path)) {
      throw refused(file, `its ${MANIFEST_PATH} lists ${quote(entry.path)} twice`);
    }
    listed.add(entry.path);
  }
  const named = [
    INDEX_PATH,
    ...manifest.charts.flatMap((chart) => [chart.file, ...(chart.icon ? [chart.icon.file] : [])]),
  ];
  const unlisted = named.find((path) => !listed.has(path));
  if (unlisted !== undefined)
    throw refused(file, `its ${MANIFEST_PATH} names ${quote(unlisted)} without its checksum`);
  return manifest;
}

const key = (name: string, version: string): string => `${name}\n${version}`;

/** The verified bundle as a ChartRepository: reads only its own files. */
export class BundleRepository implements ChartRepository {
  /** The bundle carries the versions it was made with, not the repository's whole index. */
  readonly partialIndex = true;
  private readonly charts: Map<string, BundleChart>;
  private readonly files: Map<string, BundleFile>;
  /** The icons carried, by URL as `new URL` writes it. */
  private readonly icons = new Map<string, NonNullable<BundleChart['icon']>>();

  private constructor(
    private readonly dir: string,
    readonly manifest: BundleManifest,
    private readonly index: RepoIndex,
  ) {
    this.charts = new Map(manifest.charts.map((chart) => [key(chart.name, chart.version), chart]));
    this.files = new Map(manifest.files.map((entry) => [entry.path, entry]));
    for (const { icon } of manifest.charts) {
      if (icon === undefined || !URL.canParse(icon.url.trim())) continue;
      this.icons.set(new URL(icon.url.trim()).href, icon);
    }
  }

  /** Parses the bundle's index (urls resolve against the original repository, as online). */
  static async load(file: string, dir: string, manifest: BundleManifest): Promise<BundleRepository> {
    const bytes = await readFile(join(dir, INDEX_PATH));
    let index: RepoIndex;
    try {
      index = parseIndex(bytes, manifest.repository, `${INDEX_PATH} of the bundle`);
    } catch (error) {
      throw refused(file, `its ${INDEX_PATH} cannot be read (${(error as Error).message})`);
    }
    const repository = new BundleRepository(dir, manifest, {
      ...index,
      contentDigest: indexContentDigest(index.entries),
    });
    for (const refs of index.entries.values()) {
      for (const ref of refs) {
        if (!repository.charts.has(key(ref.name, ref.version))) {
          throw refused(
            file,
            `its ${INDEX_PATH} lists ${ref.name} ${ref.version}, which has no package in it`,
          );
        }
      }
    }
    return repository;
  }

  loadIndex(): Promise<RepoIndex> {
    return Promise.resolve(this.index);
  }

  async fetchPackage(ref: ChartVersionRef): Promise<FetchedPackage> {
    const bytes = await this.read(this.chartOf(ref).file);
    return { bytes };
  }

  packageSize(ref: ChartVersionRef): Promise<number | undefined> {
    return Promise.resolve(this.files.get(this.chartOf(ref).file)?.size);
  }

  /**
   * An icon the bundle carries, by the URL the chart names (as the import asks for it); no
   * network: an icon that could not be fetched when the bundle was made is not there.
   */
  async fetchIcon(url: URL, maxBytes: number): Promise<FetchedIcon> {
    const icon = this.icons.get(url.href);
    if (icon === undefined) {
      const problem =
        'the bundle does not carry this icon (it could not be fetched when the bundle was made)';
      throw new RepoError(say('bundle-icon-missing', { problem, url: url.href }));
    }
    const size = this.files.get(icon.file)?.size ?? 0;
    if (size > maxBytes) {
      const problem = `the icon is ${size} bytes, over the limit of ${maxBytes}`;
      throw new RepoError(say('bundle-icon-too-large', { problem, sizeBytes: size, limitBytes: maxBytes }));
    }
    return { bytes: await this.read(icon.file), contentType: icon.contentType };
  }

  private chartOf(ref: ChartVersionRef): BundleChart {
    const chart = this.charts.get(key(ref.name, ref.version));
    if (chart === undefined) {
      const problem = `The bundle has no package of ${ref.name} ${ref.version}.`;
      throw new RepoError(say('bundle-chart-missing', { problem, chart: ref.name, version: ref.version }));
    }
    return chart;
  }

  /** A verified file, checked again: the folder is private, but a check costs little. */
  private async read(path: string): Promise<Buffer> {
    const bytes = await readFile(join(this.dir, path));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== this.files.get(path)?.sha256) {
      const problem = `The bundle's file ${path} changed on disk after it was verified.`;
      throw new RepoError(say('bundle-file-changed', { problem, path }));
    }
    return bytes;
  }
}
