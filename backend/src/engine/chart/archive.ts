// Reads chart packages (gzip + tar) with node-tar's Parser, adding the checks Helm's loader
// (pkg/chart/loader/archive.go) leaves out: no links, devices or FIFOs, no `..`, no absolute
// paths, one top-level directory, and caps on entries and decompressed bytes that hold while the
// data streams. The parser gets the tar stream one 512-byte block at a time, so every entry is
// checked at its header, before its data is read, with the raw header block at hand.
import { createGunzip } from 'node:zlib';

import { Parser, type ReadEntry } from 'tar';

import { ChartError } from '../errors.js';
import { say } from '../messages/index.js';
import type { ChartLimits } from './limits.js';

const BLOCK = 512;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
/** node-tar's names of the special files refused, and their tar type flags. */
const SPECIAL_FILES: Record<string, string> = { CharacterDevice: '3', BlockDevice: '4', FIFO: '6' };

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
    const firstHex = bytes.length === 0 ? '' : `0x${bytes.subarray(0, 4).toString('hex')}`;
    throw new ChartError(say('package-not-gzip', { sizeBytes: bytes.length, firstHex }));
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
    return new ChartError(say('package-gzip-truncated'), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChartError(say('package-gzip-corrupt', { problem: message }), { cause: error });
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
      if (entry.meta) throw new ChartError(say('package-tar-big-extension', { offset: this.offset }));
      this.kindOf(entry);
    });
    parser.on('meta', (records: string) => {
      this.count();
      this.pendingExtension = true;
      if (/(^|\n)\d+ GNU\.sparse\./.test(records)) {
        throw new ChartError(say('package-sparse-file'));
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
    if (this.offset === 0 && block[0] === 0x1f && block[1] === 0x8b) throw badHeader(0);
    const afterNullBlock = this.sawNullBlock;
    this.sawNullBlock = false;
    // Every entry is consumed or skipped as it streams, so the parser never holds data back.
    if (!this.parser.write(block)) throw new Error('the tar parser fell behind its input');
    // Two zero blocks end the archive; Go refuses one followed by anything else.
    if (afterNullBlock && !this.ended)
      throw new ChartError(say('package-tar-data-after-end', { offset: this.offset }));
    this.offset += BLOCK;
    if (this.offset > this.maxStreamBytes) {
      throw new ChartError(
        say('package-stream-too-big', {
          limitBytes: this.limits.maxUnpackedBytes,
          streamBytes: this.maxStreamBytes,
        }),
      );
    }
  }

  finish(): ArchiveSummary {
    if (!this.ended) {
      this.parser.end();
      if (this.carry.length > 0) throw new ChartError(say('package-truncated-in-header'));
      if (this.pendingExtension) throw new ChartError(say('package-truncated-after-extension'));
    }
    if (this.root === undefined) throw new ChartError(say('package-empty'));
    return { root: this.root, entryCount: this.entryCount, unpackedBytes: this.unpacked };
  }

  private count(): void {
    this.headers += 1;
    if (this.headers > this.limits.maxEntries) {
      throw new ChartError(say('package-too-many-entries', { max: this.limits.maxEntries }));
    }
  }

  private entry(data: ReadEntry): void {
    this.count();
    this.pendingExtension = false;
    const name = data.path;
    const kind = this.kindOf(data);
    const path = place(name, kind, (top) => (this.root ??= top));
    const size = kind === 'dir' ? 0 : data.size;
    if (!Number.isSafeInteger(size)) throw badHeader(this.offset);
    if (size > this.limits.maxFileBytes) {
      throw new ChartError(
        say('package-entry-too-big', {
          entryName: shownName(name),
          sizeBytes: size,
          limitBytes: this.limits.maxFileBytes,
        }),
      );
    }
    this.unpacked += size;
    if (this.unpacked > this.limits.maxUnpackedBytes) {
      throw new ChartError(
        say('package-unpacks-too-big', {
          entryName: shownName(name),
          limitBytes: this.limits.maxUnpackedBytes,
        }),
      );
    }
    this.onEntry({ index: this.entryCount, name, path, kind, size }, data);
    this.entryCount += 1;
    if (!data.flowing) data.resume();
  }

  private kindOf(data: ReadEntry): 'file' | 'dir' {
    const entryName = shownName(data.path);
    if (data.type === 'Directory') {
      // node-tar reads a '0' entry named "x/" as a directory and skips no data; Go reads its data.
      if (this.block[156] === 0x30) throw new ChartError(say('package-entry-slash-file', { entryName }));
      return 'dir';
    }
    if (FILE_TYPES.has(data.type)) {
      // Helm skips it as a directory, yet its data would be kept as a file when re-packed.
      if (((data.header.mode ?? 0) & S_IFMT) === S_IFDIR)
        throw new ChartError(say('package-entry-directory-mode', { entryName }));
      return 'file';
    }
    const target = shownName(data.linkpath ?? '');
    if (data.type === 'Link') throw new ChartError(say('package-entry-hard-link', { entryName, target }));
    if (data.type === 'SymbolicLink')
      throw new ChartError(say('package-entry-symlink', { entryName, target }));
    const special = SPECIAL_FILES[data.type];
    if (special !== undefined)
      throw new ChartError(say('package-entry-special', { entryName, tarType: special }));
    const tarType = String.fromCharCode(this.block[156] ?? 0);
    throw new ChartError(say('package-entry-unsupported-type', { entryName, tarType }));
  }

  private parserError(error: TarError): Error {
    if (error.tarCode === 'TAR_BAD_ARCHIVE' && error.entry !== undefined) {
      return new ChartError(
        error.entry.meta
          ? say('package-truncated-in-extension')
          : say('package-truncated-in-entry', { entryName: shownName(error.entry.path) }),
      );
    }
    if (error.tarCode === 'TAR_ENTRY_INVALID') {
      const reason = error.message.replace(/^TAR_ENTRY_INVALID: /, '');
      return new ChartError(
        reason === 'checksum failure'
          ? say('package-tar-bad-checksum', { offset: this.offset })
          : say('package-tar-bad-header', { offset: this.offset, problem: reason }),
      );
    }
    return error;
  }
}

/** Checks an entry's name and returns its path below the top-level directory. */
function place(name: string, kind: 'file' | 'dir', claimRoot: (top: string) => string): string {
  const entryName = shownName(name);
  // Like Helm: an archive made on Windows may use backslashes.
  const separator = name.includes('\\') ? '\\' : '/';
  const normalized = name.split(separator).join('/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized)) {
    throw new ChartError(say('package-entry-absolute', { entryName }));
  }
  const segments = normalized.split('/');
  if (segments.includes('..')) throw new ChartError(say('package-entry-dot-dot', { entryName }));
  const top = segments[0] ?? '';
  const path = cleanPath(segments.slice(1).join('/'));
  // Helm refuses what still starts with ".." after cleaning, and drive letters (c:/...).
  if (path.startsWith('..') || /^[a-zA-Z]:\//.test(path)) {
    throw new ChartError(say('package-entry-illegal-path', { entryName }));
  }
  if (top === '' || top === '.') throw new ChartError(say('package-entry-no-directory', { entryName }));
  const root = claimRoot(top);
  if (top !== root)
    throw new ChartError(say('package-entry-outside-root', { entryName, root: shownName(root) }));
  if (kind === 'file' && path === '.') throw new ChartError(say('package-entry-file-as-root', { entryName }));
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

function badHeader(offset: number): ChartError {
  return new ChartError(say('package-tar-bad-header', { offset, problem: '' }));
}

/** An entry's name as a message shows it: long names cut. */
function shownName(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}...` : value;
}
