// Test support for the chart layer: hand-built tar archives and the real helm binary.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

import { Parser, type ReadEntry } from 'tar';

const run = promisify(execFile);

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const fixturesDir = join(repoRoot, '..', 'shared', 'fixtures', 'helm-repos');
export const haveFixtures = existsSync(fixturesDir);

export interface TarSpec {
  name: string;
  /** Tar type flag: '0' file (default), '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' FIFO... */
  type?: string;
  data?: Buffer | string;
  mode?: number;
  linkName?: string;
  /** Size to write into the header instead of the data's length. */
  size?: number;
}

function field(value: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  out.write(value, 'utf8');
  return out;
}

function octal(value: number, length: number): Buffer {
  return field(`${value.toString(8).padStart(length - 1, '0')}\0`, length);
}

/** A ustar header block, checksum included. */
export function tarHeader(spec: TarSpec): Buffer {
  const data = spec.data === undefined ? Buffer.alloc(0) : Buffer.from(spec.data);
  const size = spec.size ?? data.length;
  const block = Buffer.alloc(512);
  field(spec.name, 100).copy(block, 0);
  octal(spec.mode ?? 0o644, 8).copy(block, 100);
  octal(0, 8).copy(block, 108);
  octal(0, 8).copy(block, 116);
  if (size >= 8 ** 11) {
    // base-256, as GNU tar writes sizes over 8 GiB
    const sizeField = Buffer.alloc(12);
    sizeField[0] = 0x80;
    sizeField.writeBigUInt64BE(BigInt(size), 4);
    sizeField.copy(block, 124);
  } else {
    octal(size, 12).copy(block, 124);
  }
  octal(0, 12).copy(block, 136);
  block.fill(0x20, 148, 156);
  block.write(spec.type ?? '0', 156, 'latin1');
  field(spec.linkName ?? '', 100).copy(block, 157);
  block.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  octal(sum, 7).copy(block, 148);
  return block;
}

/** One entry's header, data and padding. */
export function tarRecord(spec: TarSpec): Buffer {
  const data = spec.data === undefined ? Buffer.alloc(0) : Buffer.from(spec.data);
  const pad = (512 - (data.length % 512)) % 512;
  return Buffer.concat([tarHeader(spec), data, Buffer.alloc(pad)]);
}

export function buildTar(specs: TarSpec[], options: { end?: boolean } = {}): Buffer {
  return Buffer.concat([...specs.map(tarRecord), Buffer.alloc(options.end === false ? 0 : 1024)]);
}

export function tgz(specs: TarSpec[]): Buffer {
  return gzipSync(buildTar(specs));
}

export const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 1.0.0\n';

/** A minimal valid chart, plus extra entries. */
export function chartTgz(extra: TarSpec[] = [], chartYaml = CHART_YAML): Buffer {
  return tgz([{ name: 'demo/Chart.yaml', data: chartYaml }, ...extra]);
}

/** The tar stream of a package, without its end-of-archive blocks (for appending entries). */
export function tarBody(tgzBytes: Buffer): Buffer {
  const tar = gunzipSync(tgzBytes);
  let end = tar.length;
  while (end >= 512 && tar.subarray(end - 512, end).every((byte) => byte === 0)) end -= 512;
  return tar.subarray(0, end);
}

/** What a re-packed entry must keep: everything Helm or an unpacker reads but the group name. */
export interface EntryFacts {
  path: string;
  type: string;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
  uname: string | undefined;
  mtime: Date | undefined;
  data: Buffer;
}

/** A package's entries in order, read by node-tar (independently of the code under test). */
export async function tarEntries(tgzBytes: Buffer): Promise<EntryFacts[]> {
  const entries: EntryFacts[] = [];
  const parser = new Parser({ strict: true });
  parser.on('entry', (entry: ReadEntry) => {
    const parts: Buffer[] = [];
    entry.on('data', (chunk) => parts.push(chunk));
    entry.on('end', () => {
      const { path, type, mode, uid, gid, uname, mtime } = entry;
      entries.push({ path, type, mode, uid, gid, uname, mtime, data: Buffer.concat(parts) });
    });
  });
  const done = new Promise((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  parser.end(tgzBytes);
  await done;
  return entries;
}

export function helmBin(): string {
  const bin = process.env.HELM_BIN;
  if (bin === undefined || bin === '') throw new Error('HELM_BIN is not set: run vitest from the repo root');
  return bin;
}

export async function helm(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await run(helmBin(), args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs helm and returns its error output when it fails, or undefined when it succeeds. */
export async function helmFails(args: string[]): Promise<string | undefined> {
  try {
    await run(helmBin(), args, { maxBuffer: 64 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: unknown }).stderr ?? error);
  }
}

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'chart-test-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export { readFile };
