// A streaming reader of chart packages (gzip + tar), modelled on Go's archive/tar as Helm's
// loader uses it (pkg/chart/loader/archive.go), with the safety checks Helm leaves out: no
// links, devices or FIFOs, no `..`, no absolute paths, one top-level directory, and caps on
// entries and decompressed bytes that hold while the data streams.
import { createGunzip } from 'node:zlib';

import { ChartError } from '../errors.js';
import type { ChartLimits } from './limits.js';

const BLOCK = 512;
/** Go's archive/tar refuses PAX and GNU long-name records over 1 MiB (maxSpecialFileSize). */
const MAX_SPECIAL_BYTES = 1024 * 1024;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const USTAR_MAGIC = Buffer.from('ustar\0', 'latin1');
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

export interface ArchiveEntry {
  /** Position among the archive's entries (extension headers not counted). */
  index: number;
  /** The name as stored, after PAX and GNU long-name records are applied. */
  name: string;
  /** Path below the top-level directory, `/`-separated and cleaned, e.g. `templates/a.yaml`. */
  path: string;
  kind: 'file' | 'dir';
  size: number;
  mode: number;
}

export interface ArchiveVisitor {
  /** Return true to get the entry's bytes in `onEntry` (a file is at most `maxFileBytes`). */
  wantContent?(entry: ArchiveEntry): boolean;
  onEntry?(entry: ArchiveEntry, content: Buffer | undefined): void;
  /**
   * Every raw tar byte of an entry (its extension headers, header, data and padding), in order.
   * The end-of-archive blocks and anything after them are not passed on.
   */
  onRaw?(chunk: Buffer, entryIndex: number): void | Promise<void>;
}

export interface ArchiveSummary {
  /** The one top-level directory every entry is under. */
  root: string;
  entryCount: number;
  /** Sum of the sizes of the regular files. */
  unpackedBytes: number;
}

/** Reads a chart package, entry by entry, never holding more than one wanted file in memory. */
export async function readChartArchive(
  bytes: Buffer,
  limits: ChartLimits,
  visitor: ArchiveVisitor = {},
): Promise<ArchiveSummary> {
  if (bytes.length < GZIP_MAGIC.length || !bytes.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) {
    throw new ChartError(
      `not a chart package: the data is not gzip-compressed (${bytes.length} bytes starting ${describeStart(bytes)})`,
    );
  }
  const gunzip = createGunzip();
  const reader = new StreamReader(gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  gunzip.end(bytes);
  try {
    return await new TarWalker(reader, limits, visitor).walk();
  } catch (error) {
    throw asChartError(error);
  } finally {
    gunzip.destroy();
  }
}

function describeStart(bytes: Buffer): string {
  if (bytes.length === 0) return 'with nothing';
  return `0x${bytes.subarray(0, 4).toString('hex')}`;
}

function asChartError(error: unknown): unknown {
  if (error instanceof ChartError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'Z_BUF_ERROR') {
      return new ChartError('not a chart package: the gzip data is truncated', { cause: error });
    }
    return new ChartError(`not a chart package: the gzip data is corrupt (${message})`, { cause: error });
  }
  return error;
}

interface PendingExtensions {
  raw: Buffer[];
  path?: string;
  linkPath?: string;
  size?: number;
}

class TarWalker {
  private entryCount = 0;
  private headerCount = 0;
  /** Decompressed bytes spent on file data and extension records, against maxUnpackedBytes. */
  private spent = 0;
  private unpacked = 0;
  private root: string | undefined;
  private pending: PendingExtensions = { raw: [] };

  constructor(
    private readonly reader: StreamReader,
    private readonly limits: ChartLimits,
    private readonly visitor: ArchiveVisitor,
  ) {}

  async walk(): Promise<ArchiveSummary> {
    for (;;) {
      const block = await this.reader.read(BLOCK);
      if (block.length === 0) break;
      if (block.length < BLOCK) throw truncated('inside a tar header');
      if (isZero(block)) {
        // Two zero blocks end the archive; Go's reader stops there and reads no further.
        const next = await this.reader.read(BLOCK);
        if (next.length === 0 || isZero(next)) break;
        if (next.length < BLOCK) throw truncated('in its end-of-archive marker');
        throw notTar(`a zero block is followed by data at byte ${this.reader.offset - BLOCK}`);
      }
      await this.header(block);
    }
    if (this.pending.raw.length > 0) throw truncated('after an extension header');
    if (this.root === undefined)
      throw new ChartError('chart package is empty: its tar archive has no entries');
    return { root: this.root, entryCount: this.entryCount, unpackedBytes: this.unpacked };
  }

  private async header(block: Buffer): Promise<void> {
    const at = this.reader.offset - BLOCK;
    this.headerCount += 1;
    if (this.headerCount > this.limits.maxEntries) {
      throw new ChartError(`chart package has more than ${this.limits.maxEntries} entries`);
    }
    if (!validChecksum(block)) throw notTar(`invalid tar header checksum at byte ${at}`);
    const flag = String.fromCharCode(block[156] ?? 0);
    const size = parseNumeric(block.subarray(124, 136));
    const mode = parseNumeric(block.subarray(100, 108));
    if (size === undefined || mode === undefined) throw notTar(`invalid tar header at byte ${at}`);

    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      await this.extension(flag, block, size, at);
      return;
    }

    const pending = this.pending;
    this.pending = { raw: [] };
    const name = pending.path ?? headerName(block);
    const linkName = pending.linkPath ?? cString(block.subarray(157, 257));
    const dataSize = pending.size ?? size;
    const index = this.entryCount;
    this.entryCount += 1;

    const kind = entryKind(flag, name, mode);
    if (typeof kind !== 'string')
      throw new ChartError(`chart package entry ${quote(name)} ${kind.refusal(linkName)}`);
    const path = this.place(name, kind);
    const entry: ArchiveEntry = { index, name, path, kind, size: kind === 'dir' ? 0 : dataSize, mode };

    for (const chunk of pending.raw) await this.visitor.onRaw?.(chunk, index);
    await this.visitor.onRaw?.(block, index);
    if (kind === 'dir') {
      // Go treats directories as header-only: no data follows, whatever the size field says.
      this.visitor.onEntry?.(entry, undefined);
      return;
    }

    if (dataSize > this.limits.maxFileBytes) {
      throw new ChartError(
        `chart package entry ${quote(name)} is ${dataSize} bytes, over the limit of ${this.limits.maxFileBytes} bytes per file`,
      );
    }
    this.spend(dataSize, `entry ${quote(name)}`);
    this.unpacked += dataSize;
    const wanted = this.visitor.wantContent?.(entry) ?? false;
    const parts: Buffer[] = [];
    await this.reader.forEach(
      dataSize,
      async (chunk) => {
        if (wanted) parts.push(chunk);
        await this.visitor.onRaw?.(chunk, index);
      },
      () => truncated(`inside entry ${quote(name)}`),
    );
    await this.padding(dataSize, `entry ${quote(name)}`, async (chunk) => {
      await this.visitor.onRaw?.(chunk, index);
    });
    this.visitor.onEntry?.(entry, wanted ? Buffer.concat(parts) : undefined);
  }

  private async extension(flag: string, block: Buffer, size: number, at: number): Promise<void> {
    if (size > MAX_SPECIAL_BYTES) throw notTar(`a tar extension header at byte ${at} is over 1 MiB`);
    this.spend(size, `extension header at byte ${at}`);
    const raw = this.pending.raw;
    raw.push(block);
    const parts: Buffer[] = [];
    await this.reader.forEach(
      size,
      (chunk) => {
        parts.push(chunk);
        raw.push(chunk);
      },
      () => truncated(`inside an extension header at byte ${at}`),
    );
    await this.padding(size, `extension header at byte ${at}`, (chunk) => {
      raw.push(chunk);
    });
    const data = Buffer.concat(parts);
    if (flag === 'L') this.pending.path = cString(data);
    else if (flag === 'K') this.pending.linkPath = cString(data);
    else if (flag === 'x') this.applyPax(parsePax(data, at));
    // 'g' (global PAX header): Go hands it back as its own entry and Helm skips it.
  }

  private applyPax(records: Map<string, string>): void {
    for (const [key, value] of records) {
      if (key === 'path') this.pending.path = value;
      else if (key === 'linkpath') this.pending.linkPath = value;
      else if (key === 'size') {
        if (!/^[0-9]+$/.test(value)) throw notTar(`invalid PAX size ${quote(value)}`);
        this.pending.size = Number(value);
      } else if (key.startsWith('GNU.sparse.')) {
        throw new ChartError('chart package has a sparse file, which charts never need');
      }
    }
  }

  private async padding(
    size: number,
    what: string,
    sink: (chunk: Buffer) => void | Promise<void>,
  ): Promise<void> {
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    await this.reader.forEach(pad, sink, () => truncated(`after ${what}`));
  }

  /** `what` names the entry for the error, e.g. `entry "a/b"`. */
  private spend(size: number, what: string): void {
    this.spent += size;
    if (this.spent > this.limits.maxUnpackedBytes) {
      throw new ChartError(
        `chart package unpacks to more than ${this.limits.maxUnpackedBytes} bytes (the limit was reached at ${what})`,
      );
    }
  }

  /** Checks an entry's name and returns its path below the top-level directory. */
  private place(name: string, kind: 'file' | 'dir'): string {
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
    this.root ??= top;
    if (top !== this.root) {
      throw new ChartError(
        `chart package has more than one top-level directory: entry ${quote(name)} is outside ${quote(this.root)}`,
      );
    }
    if (kind === 'file' && path === '.') {
      throw new ChartError(`chart package entry ${quote(name)} is a file outside the chart's directory`);
    }
    return path;
  }
}

interface Refusal {
  refusal(linkName: string): string;
}

function entryKind(flag: string, name: string, mode: number): 'file' | 'dir' | Refusal {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      if ((flag === '\0' && name.endsWith('/')) || (mode & S_IFMT) === S_IFDIR) return 'dir';
      return 'file';
    case '5':
      return 'dir';
    case '1':
      return { refusal: (link) => `is a hard link (to ${quote(link)}); links are not allowed in a chart` };
    case '2':
      return {
        refusal: (link) => `is a symbolic link (to ${quote(link)}); links are not allowed in a chart`,
      };
    case '3':
      return { refusal: () => 'is a character device; only files and directories are allowed in a chart' };
    case '4':
      return { refusal: () => 'is a block device; only files and directories are allowed in a chart' };
    case '6':
      return { refusal: () => 'is a FIFO; only files and directories are allowed in a chart' };
    default:
      return {
        refusal: () =>
          `has the unsupported tar type ${quote(flag)}; only files and directories are allowed in a chart`,
      };
  }
}

/** Go's path.Clean, for a relative path: "" -> ".", "a//b/./c/" -> "a/b/c". */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.length === 0 ? '.' : out.join('/');
}

function headerName(block: Buffer): string {
  const name = cString(block.subarray(0, 100));
  // USTAR (and PAX) keep long names' leading part in the prefix field; GNU tar uses it otherwise.
  if (block.subarray(257, 263).equals(USTAR_MAGIC)) {
    const prefix = cString(block.subarray(345, 500));
    if (prefix !== '') return `${prefix}/${name}`;
  }
  return name;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

function isZero(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** The checksum, as Go accepts it: the unsigned or the (historic) signed sum. */
function validChecksum(block: Buffer): boolean {
  const stored = parseNumeric(block.subarray(148, 156));
  if (stored === undefined) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i += 1) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte < 128 ? byte : byte - 256;
  }
  return stored === unsigned || stored === signed;
}

/** Go's parseNumeric: octal, or base-256 when the high bit is set. Undefined when invalid. */
function parseNumeric(field: Buffer): number | undefined {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    if (first === 0xff) return undefined; // negative
    let value = BigInt(first & 0x7f);
    for (const byte of field.subarray(1)) value = (value << 8n) | BigInt(byte);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  }
  let text = field.toString('latin1');
  text = text.replace(/^[ \0]+/, '').replace(/[ \0]+$/, '');
  if (text === '') return 0;
  const nul = text.indexOf('\0');
  if (nul !== -1) text = text.slice(0, nul);
  if (!/^[0-7]+$/.test(text)) return undefined;
  const value = parseInt(text, 8);
  return value > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : value;
}

/** PAX records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(data: Buffer, at: number): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    // Go stops at the NUL padding some writers leave after the records.
    if (data[offset] === 0) break;
    const space = data.indexOf(0x20, offset);
    const lengthText = space === -1 ? '' : data.subarray(offset, space).toString('latin1');
    const length = /^[0-9]{1,7}$/.test(lengthText) ? Number(lengthText) : 0;
    const end = offset + length;
    if (length === 0 || space + 1 >= end || end > data.length || data[end - 1] !== 0x0a) {
      throw notTar(`invalid PAX record in the extension header at byte ${at}`);
    }
    const record = data.subarray(space + 1, end - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals <= 0) throw notTar(`invalid PAX record in the extension header at byte ${at}`);
    records.set(record.slice(0, equals), record.slice(equals + 1));
    offset = end;
  }
  return records;
}

function notTar(detail: string): ChartError {
  return new ChartError(`not a chart package: the gzip data is not a valid tar archive (${detail})`);
}

function truncated(where: string): ChartError {
  return new ChartError(`chart package is truncated: its tar archive ends ${where}`);
}

export function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
}

/** Pull-based reads from a stream of chunks: exact sizes, without copying large data. */
class StreamReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  /** Bytes handed out so far. */
  offset = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `size` bytes; fewer only at the end of the stream. */
  async read(size: number): Promise<Buffer> {
    while (this.buffered < size && !this.ended) await this.pull();
    return this.take(Math.min(size, this.buffered));
  }

  /** Passes exactly `size` bytes to `sink` in the chunks they arrive in. */
  async forEach(
    size: number,
    sink: (chunk: Buffer) => void | Promise<void>,
    onShort: () => Error,
  ): Promise<void> {
    let left = size;
    while (left > 0) {
      if (this.buffered === 0) {
        if (this.ended) throw onShort();
        await this.pull();
        continue;
      }
      const head = this.chunks[0];
      if (head === undefined) throw onShort();
      const chunk = this.take(Math.min(left, head.length));
      left -= chunk.length;
      await sink(chunk);
    }
  }

  private async pull(): Promise<void> {
    const next = await this.source.next();
    if (next.done === true) {
      this.ended = true;
      return;
    }
    const chunk = next.value;
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  private take(size: number): Buffer {
    if (size === 0) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let left = size;
    while (left > 0) {
      const head = this.chunks[0];
      if (head === undefined) break;
      if (head.length <= left) {
        this.chunks.shift();
        parts.push(head);
        left -= head.length;
      } else {
        parts.push(head.subarray(0, left));
        this.chunks[0] = head.subarray(left);
        left = 0;
      }
    }
    const out = parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
    this.buffered -= out.length;
    this.offset += out.length;
    return out;
  }
}
