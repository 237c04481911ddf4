// Shared test helpers: start the emulator on 127.0.0.1:0, build charts with the real helm binary,
// and hand-made tarballs for loader edge cases.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/index.js';

export const BASE = '/kapis/application.kubesphere.io/v2';
const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', '..', '..', 'shared', 'fixtures', 'helm-repos');
export const hasFixtures = existsSync(FIXTURES);

export function helmBin(): string {
  const bin = process.env.HELM_BIN;
  if (!bin) throw new Error('HELM_BIN is not set (vitest global setup runs scripts/ensure-helm.js)');
  return bin;
}

export interface ChartSpec {
  name: string;
  version: string;
  /** bytes of incompressible padding added as files/blob.bin */
  padBytes?: number;
  /** extra Chart.yaml lines */
  extra?: string;
}

const work = mkdtempSync(join(tmpdir(), 'ks-emu-test-'));
process.on('exit', () => {
  rmSync(work, { recursive: true, force: true });
});

/** helm create + helm package; returns the .tgz bytes. */
export function buildChart(spec: ChartSpec): Buffer {
  const dir = mkdtempSync(join(work, 'c-'));
  execFileSync(helmBin(), ['create', spec.name], { cwd: dir, stdio: 'ignore' });
  const chartDir = join(dir, spec.name);
  if (spec.extra) {
    const chartYaml = join(chartDir, 'Chart.yaml');
    writeFileSync(chartYaml, `${readFileSync(chartYaml, 'utf8')}\n${spec.extra}\n`);
  }
  if (spec.padBytes) {
    execFileSync('mkdir', ['-p', join(chartDir, 'files')]);
    writeFileSync(join(chartDir, 'files', 'blob.bin'), randomBytes(spec.padBytes));
  }
  const out = join(dir, 'out');
  execFileSync(helmBin(), ['package', chartDir, '--version', spec.version, '-d', out], { stdio: 'ignore' });
  const file = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!file) throw new Error('helm package produced nothing');
  return readFileSync(join(out, file));
}

/** A minimal ustar writer for hand-made (possibly malicious) archives. */
export function makeTgz(entries: { name: string; data?: string; type?: '0' | '5' }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    h.write('ustar\u000000', 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndescription: demo chart\n';

export async function start(opts: EmulatorOptions = {}): Promise<Api> {
  const emu = await startEmulator({ log: () => undefined, ...opts });
  return new Api(emu);
}

export interface Res {
  status: number;
  text: string;
  json: unknown;
  contentType: string;
}

export class Api {
  token: string;
  constructor(readonly emu: RunningEmulator) {
    this.token = emu.adminToken;
  }

  async req(
    method: string,
    path: string,
    body?: unknown,
    opts: { token?: string | null; contentType?: string; raw?: string | FormData } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = {};
    const token = opts.token === undefined ? this.token : opts.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | FormData | undefined = opts.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const r = await fetch(
      `${this.emu.url}${path.startsWith('/kapis') || path.startsWith('/_') || path.startsWith('/oauth') ? path : BASE + path}`,
      {
        method,
        headers,
        body: payload ?? null,
      },
    );
    const text = await r.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    return { status: r.status, text, json, contentType: r.headers.get('content-type') ?? '' };
  }

  upload(pkg: Buffer, fields: Record<string, unknown> = {}, path = '/apps', query = ''): Promise<Res> {
    return this.req('POST', `${path}${query}`, {
      appType: 'helm',
      ...fields,
      package: pkg.toString('base64'),
    });
  }

  uploadMultipart(pkg: Buffer, jsonData: Record<string, unknown>, path = '/apps'): Promise<Res> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pkg)]), 'chart.tgz');
    form.append('jsonData', JSON.stringify(jsonData));
    return this.req('POST', path, undefined, { raw: form });
  }

  close(): Promise<void> {
    return this.emu.close();
  }
}

export function obj(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object') throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

// small accessors for the JSON answers
export interface Wire {
  kind?: string;
  metadata: {
    name: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { name: string }[];
    finalizers?: string[];
  };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
}
export interface ListBody {
  items: Wire[] | null;
  totalItems: number;
}
