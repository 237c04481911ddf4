// Reads chart packages (gzip + tar) with node-tar's Parser, adding the checks Helm's loader
// (pkg/chart/loader/archive.go) leaves out: no links, devices or FIFOs, no `..`, no absolute
// paths, one top-level directory, and caps on entries and decompressed bytes that hold while the
// data streams. The parser gets the tar stream one 512-byte block at a time, so every entry is
// checked at its header, before its data is read, with the raw header block at hand.
import { createGunzip } from 'node:zlib';

import { Parser, type ReadEntry } from 'tar';

import { ChartError } from '../errors.js';
import type { ChartLimits } from './limits.js';

const BLOCK = 512;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const REFUSED_TYPES: Record<string, string> = {
  CharacterDevice: 'is a character device',
  BlockDevice: 'is a block device',
  FIFO: 'is a FIFO',
};

export interface ArchiveEntry {
  /** Position among the archive's entries (extension headers not counted). */
  index: number;
  /** The name as stored, after PAX and GNU long-name records are applied. */
  name: string;
  /** Path below the top-level directory, `/`-separated and cleaned, e.g. `templates/a.yaml`. */
  path: string;
  kind: 'file' | 'dir';
  /** Data bytes (0 for a directory). */
  size: number;
}

/**
 * Called at each entry's header once the entry passed the checks. `data` streams the entry's bytes
 * as the archive is read: consume them right away (pipe them, or `collect` them); what the
 * handler does not consume is skipped.
 */
export type EntryHandler = (entry: ArchiveEntry, data: ReadEntry) => void;

export interface ArchiveSummary {
  /** The one top-level directory every entry is under. */
  root: string;
  entryCount: number;
  /** Sum of the sizes of the regular files. */
  unpackedBytes: number;
}

/** Reads a chart package entry by entry, holding no more than the data the handler keeps. */
export async function readChartArchive(
  bytes: Buffer,
  limits: ChartLimits,
  onEntry: EntryHandler = () => undefined,
): Promise<ArchiveSummary> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    const start = bytes.length === 0 ? 'with nothing' : `0x${bytes.subarray(0, 4).toString('hex')}`;
    throw new ChartError(
      `not a chart package: the data is not gzip-compressed (${bytes.length} bytes starting ${start})`,
    );
  }
  const reader = new TarReader(limits, onEntry);
  const gunzip = createGunzip();
  gunzip.end(bytes);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) if (!reader.write(chunk)) break;
    return reader.finish();
  } catch (error) {
    throw asChartError(error);
  } finally {
    gunzip.destroy();
  }
}

/** Calls `done` with an entry's bytes once they are all read. */
export function collect(data: ReadEntry, done: (content: Buffer) => void): void {
  const parts: Buffer[] = [];
  data.on('data', (chunk) => parts.push(chunk));
  data.on('end', () => {
    done(Buffer.concat(parts));
  });
}

function asChartError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ChartError || typeof code !== 'string' || !code.startsWith('Z_')) return error;
  if (code === 'Z_BUF_ERROR') {
    return new ChartError('not a chart package: the gzip data is truncated', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChartError(`not a chart package: the gzip data is corrupt (${message})`, { cause: error });
}

type TarError = Error & { tarCode?: string; entry?: ReadEntry };

/** Feeds node-tar's Parser block by block and checks what it reports. */
class TarReader {
  private readonly parser = new Parser({ strict: true, brotli: false, zstd: false });
  /** The block being parsed, and its offset in the tar stream. */
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** A partial block left over from the last chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private readonly maxStreamBytes: number;
  private headers = 0;
  private entryCount = 0;
  private unpacked = 0;
  private root: string | undefined;
  private sawNullBlock = false;
  private pendingExtension = false;
  private ended = false;

  constructor(
    private readonly limits: ChartLimits,
    private readonly onEntry: EntryHandler,
  ) {
    // Within the caps, data takes maxUnpackedBytes and each header at most two blocks with its
    // padding. This bounds what the caps cannot see: extension headers, padding, zero blocks.
    this.maxStreamBytes = limits.maxUnpackedBytes + (limits.maxEntries + 1) * 2 * BLOCK;
    const parser = this.parser;
    parser.on('entry', (entry: ReadEntry) => {
      this.entry(entry);
    });
    // With no filter, only unknown types and extension headers over 1 MiB are ignored.
    parser.on('ignoredEntry', (entry: ReadEntry) => {
      if (entry.meta) throw notTar(`a tar extension header at byte ${this.offset} is over 1 MiB`);
      this.kindOf(entry);
    });
    parser.on('meta', (records: string) => {
      this.count();
      this.pendingExtension = true;
      if (/(^|\n)\d+ GNU\.sparse\./.test(records)) {
        throw new ChartError('chart package has a sparse file, which charts never need');
      }
    });
    parser.on('nullBlock', () => {
      this.sawNullBlock = true;
    });
    parser.on('eof', () => {
      this.ended = true;
    });
    parser.on('error', (error: TarError) => {
      // Raised at the end when no entry was read; finish() says why.
      if (error.message.endsWith('Unrecognized archive format')) return;
      throw this.parserError(error);
    });
  }

  /** Returns false at the end-of-archive marker: like Go's reader, read no further. */
  write(chunk: Buffer): boolean {
    const data = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    let at = 0;
    for (; at + BLOCK <= data.length && !this.ended; at += BLOCK) this.feed(data.subarray(at, at + BLOCK));
    this.carry = Buffer.from(data.subarray(at));
    return !this.ended;
  }

  private feed(block: Buffer): void {
    this.block = block;
    // The parser would gunzip a stream that starts like gzip: Go's reader would not.
    if (this.offset === 0 && block[0] === 0x1f && block[1] === 0x8b)
      throw notTar('invalid tar header at byte 0');
    const afterNullBlock = this.sawNullBlock;
    this.sawNullBlock = false;
    // Every entry is consumed or skipped as it streams, so the parser never holds data back.
    if (!this.parser.write(block)) throw new Error('the tar parser fell behind its input');
    // Two zero blocks end the archive; Go refuses one followed by anything else.
    if (afterNullBlock && !this.ended)
      throw notTar(`a zero block is followed by data at byte ${this.offset}`);
    this.offset += BLOCK;
    if (this.offset > this.maxStreamBytes) {
      throw new ChartError(
        `chart package unpacks to more than ${this.limits.maxUnpackedBytes} bytes (its tar stream is over ${this.maxStreamBytes} bytes)`,
      );
    }
  }

  finish(): ArchiveSummary {
    if (!this.ended) {
      this.parser.end();
      if (this.carry.length > 0) throw truncated('inside a tar header');
      if (this.pendingExtension) throw truncated('after an extension header');
    }
    if (this.root === undefined)
      throw new ChartError('chart package is empty: its tar archive has no entries');
    return { root: this.root, entryCount: this.entryCount, unpackedBytes: this.unpacked };
  }

  private count(): void {
    this.headers += 1;
    if (this.headers > this.limits.maxEntries) {
      throw new ChartError(`chart package has more than ${this.limits.maxEntries} entries`);
    }
  }

  private entry(data: ReadEntry): void {
    this.count();
    this.pendingExtension = false;
    const name = data.path;
    const kind = this.kindOf(data);
    const path = place(name, kind, (top) => (this.root ??= top));
    const size = kind === 'dir' ? 0 : data.size;
    if (!Number.isSafeInteger(size)) throw notTar(`invalid tar header at byte ${this.offset}`);
    if (size > this.limits.maxFileBytes) {
      throw new ChartError(
        `chart package entry ${quote(name)} is ${size} bytes, over the limit of ${this.limits.maxFileBytes} bytes per file`,
      );
    }
    this.unpacked += size;
    if (this.unpacked > this.limits.maxUnpackedBytes) {
      throw new ChartError(
        `chart package unpacks to more than ${this.limits.maxUnpackedBytes} bytes (the limit was reached at entry ${quote(name)})`,
      );
    }
    this.onEntry({ index: this.entryCount, name, path, kind, size }, data);
    this.entryCount += 1;
    if (!data.flowing) data.resume();
  }

  private kindOf(data: ReadEntry): 'file' | 'dir' {
    const refuse = (what: string): ChartError =>
      new ChartError(`chart package entry ${quote(data.path)} ${what}`);
    const only = '; only files and directories are allowed in a chart';
    if (data.type === 'Directory') {
      // node-tar reads a '0' entry named "x/" as a directory and skips no data; Go reads its data.
      if (this.block[156] === 0x30) throw refuse('is a regular file whose name ends in "/"');
      return 'dir';
    }
    if (FILE_TYPES.has(data.type)) {
      // Helm skips it as a directory, yet its data would be kept as a file when re-packed.
      if (((data.header.mode ?? 0) & S_IFMT) === S_IFDIR)
        throw refuse('is a regular file with a directory mode');
      return 'file';
    }
    const link = ` (to ${quote(data.linkpath ?? '')}); links are not allowed in a chart`;
    if (data.type === 'Link') throw refuse(`is a hard link${link}`);
    if (data.type === 'SymbolicLink') throw refuse(`is a symbolic link${link}`);
    const known = REFUSED_TYPES[data.type];
    if (known !== undefined) throw refuse(`${known}${only}`);
    const flag = String.fromCharCode(this.block[156] ?? 0);
    throw refuse(`has the unsupported tar type ${quote(flag)}${only}`);
  }

  private parserError(error: TarError): Error {
    if (error.tarCode === 'TAR_BAD_ARCHIVE' && error.entry !== undefined) {
      return truncated(
        error.entry.meta ? 'inside an extension header' : `inside entry ${quote(error.entry.path)}`,
      );
    }
    if (error.tarCode === 'TAR_ENTRY_INVALID') {
      const reason = error.message.replace(/^TAR_ENTRY_INVALID: /, '');
      return notTar(
        reason === 'checksum failure'
          ? `invalid tar header checksum at byte ${this.offset}`
          : `invalid tar header at byte ${this.offset}: ${reason}`,
      );
    }
    return error;
  }
}

/** Checks an entry's name and returns its path below the top-level directory. */
function place(name: string, kind: 'file' | 'dir', claimRoot: (top: string) => string): string {
  // Like Helm: an archive made on Windows may use backslashes.
  const separator = name.includes('\\') ? '\\' : '/';
  const normalized = name.split(separator).join('/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized)) {
    throw new ChartError(`chart package entry ${quote(name)} has an absolute path`);
  }
  const segments = normalized.split('/');
  if (segments.includes('..'))
    throw new ChartError(`chart package entry ${quote(name)} has a ".." path segment`);
  const top = segments[0] ?? '';
  const path = cleanPath(segments.slice(1).join('/'));
  // Helm refuses what still starts with ".." after cleaning, and drive letters (c:/...).
  if (path.startsWith('..') || /^[a-zA-Z]:\//.test(path)) {
    throw new ChartError(`chart package entry ${quote(name)} has an illegal path`);
  }
  if (top === '' || top === '.') {
    throw new ChartError(`chart package entry ${quote(name)} is not inside a top-level directory`);
  }
  const root = claimRoot(top);
  if (top !== root) {
    throw new ChartError(
      `chart package has more than one top-level directory: entry ${quote(name)} is outside ${quote(root)}`,
    );
  }
  if (kind === 'file' && path === '.') {
    throw new ChartError(`chart package entry ${quote(name)} is a file outside the chart's directory`);
  }
  return path;
}

/** Go's path.Clean, for a relative path: "" -> ".", "a//b/./c/" -> "a/b/c". */
function cleanPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.length === 0 ? '.' : out.join('/');
}

function notTar(detail: string): ChartError {
  return new ChartError(`not a chart package: the gzip data is not a valid tar archive (${detail})`);
}

function truncated(where: string): ChartError {
  return new ChartError(`chart package is truncated: its tar archive ends ${where}`);
}

function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
}
