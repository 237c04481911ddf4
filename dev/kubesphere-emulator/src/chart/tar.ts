// A small tar reader with the behaviour of Go's archive/tar reader as Helm uses it
// (helm.sh/helm/v3 v3.16.2 pkg/chart/loader/archive.go LoadArchiveFiles -> tar.NewReader(...).Next()):
// ustar/GNU/PAX headers, header checksum check (archive/tar: invalid tar header), GNU long names,
// PAX `path` records, clean EOF at a block boundary, `unexpected EOF` on truncation.

export interface TarEntry {
  name: string;
  typeflag: string;
  mode: number;
  data: Buffer;
}

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

function cstring(buf: Buffer, start: number, len: number): string {
  const slice = buf.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul === -1 ? slice.length : nul).toString('utf8');
}

function parseNumeric(buf: Buffer, start: number, len: number): number {
  const field = buf.subarray(start, start + len);
  const first = field[0] ?? 0;
  if (first & 0x80) {
    // base-256 (GNU binary) encoding
    let n = 0;
    for (let i = 0; i < field.length; i++) n = n * 256 + ((i === 0 ? first & 0x7f : (field[i] ?? 0)) & 0xff);
    return n;
  }
  const s = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError('archive/tar: invalid tar header');
  return parseInt(s, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = parseNumeric(block, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const sp = rest.indexOf(' ');
    if (sp <= 0) throw new TarError('archive/tar: invalid tar header');
    const len = Number(rest.slice(0, sp));
    if (!Number.isInteger(len) || len <= sp) throw new TarError('archive/tar: invalid tar header');
    const rec = Buffer.from(rest, 'utf8').subarray(0, len).toString('utf8');
    const body = rec.slice(sp + 1, rec.length - 1);
    const eq = body.indexOf('=');
    if (eq > 0) out[body.slice(0, eq)] = body.slice(eq + 1);
    rest = Buffer.from(rest, 'utf8').subarray(len).toString('utf8');
  }
  return out;
}

/** Reads all entries; PAX/GNU meta entries are folded into the following entry. */
export function readTar(buf: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  for (;;) {
    if (off === buf.length) break; // io.EOF at a block boundary
    if (off + BLOCK > buf.length) throw new TarError('unexpected EOF');
    const block = buf.subarray(off, off + BLOCK);
    off += BLOCK;
    if (block.every((b) => b === 0)) {
      // end of archive (one or two zero blocks)
      break;
    }
    if (!checksumOk(block)) throw new TarError('archive/tar: invalid tar header');
    const typeflag = String.fromCharCode(block[156] ?? 0x30);
    const size = parseNumeric(block, 124, 12);
    const mode = parseNumeric(block, 100, 8);
    const magic = block.subarray(257, 263).toString('latin1');
    let name = cstring(block, 0, 100);
    if (magic === 'ustar\u0000' || magic.startsWith('ustar')) {
      const prefix = cstring(block, 345, 155);
      if (prefix && magic === 'ustar\u0000') name = `${prefix}/${name}`;
    }
    const hasData = !['1', '2', '3', '4', '5', '6'].includes(typeflag);
    const dataLen = hasData ? size : 0;
    if (off + dataLen > buf.length) throw new TarError('unexpected EOF');
    const data = Buffer.from(buf.subarray(off, off + dataLen));
    off += Math.ceil(dataLen / BLOCK) * BLOCK;
    if (off > buf.length) off = buf.length;
    if (typeflag === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (typeflag === 'x') {
      pax = { ...pax, ...parsePax(data) };
      continue;
    }
    if (typeflag === 'g' || typeflag === 'K') continue;
    if (longName !== undefined) name = longName;
    if (pax.path !== undefined) name = pax.path;
    longName = undefined;
    pax = {};
    entries.push({ name, typeflag, mode, data });
  }
  return entries;
}

/** tar.Header.FileInfo().IsDir(): TypeDir, or the c_ISDIR mode bits. */
export function isDir(e: TarEntry): boolean {
  // archive/tar reader.go: an old-style TypeRegA ('\0') entry whose name ends in '/' is a directory.
  if (e.typeflag === '\u0000' && e.name.endsWith('/')) return true;
  return e.typeflag === '5' || (e.mode & 0o170000) === 0o040000;
}
