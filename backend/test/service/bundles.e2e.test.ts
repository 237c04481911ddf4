// Offline bundles uploaded to the service end to end: a bundle written by the engine from a real
// helm-built repository on 127.0.0.1, uploaded to the real app, previewed, read for chart details
// and imported into the KubeSphere emulator without the repository being asked anything; the same
// store as an online import. Refusals: a tampered bundle, one over the cap, a wrong type, a caller
// without the right to manage the store, an unknown id, a sync naming a bundle.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { BundleInfo, JobRecord, RepoPreview } from '../../src/contract/index.js';
import { writeBundle } from '../../src/engine/bundle/index.js';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { API_BASE } from '../../src/service/app.js';
import { schemaValidator } from '../../src/service/validation.js';
import { stateOf, storeFingerprint, writesOf } from '../support/emulator.js';
import { type ApiResponse, useServiceHarness } from './support.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'service-bundles-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A bundle of every version of the repository at `url`, as `store-importer bundle` writes it. */
async function makeBundle(url: string, name = 'charts.tgz'): Promise<Buffer> {
  const output = join(work, name);
  await writeBundle(createChartRepository({ url }), {
    repoUrl: url,
    selection: { versions: { kind: 'all' }, includeDeprecated: false },
    output,
    toolVersion: 'test',
  });
  return readFile(output);
}

/** One byte of a chart package changed, the archive otherwise as it was (its checksum now wrong). */
function tampered(bundle: Buffer): Buffer {
  const tar = gunzipSync(bundle);
  // The last entry's data is a package (gzip): flip a byte inside its gzip body.
  const at = tar.indexOf(Buffer.from([0x1f, 0x8b]), tar.length / 2);
  expect(at).toBeGreaterThan(0);
  tar[at + 20] = (tar[at + 20] ?? 0) ^ 0xff;
  return gzipSync(tar);
}

describe('uploaded offline bundles', () => {
  const h = useServiceHarness();
  let bundle: Buffer;
  beforeAll(async () => {
    bundle = await makeBundle(h.repo.url);
  });

  const upload = async (
    body: Buffer | ReadableStream<Uint8Array>,
    options: { token?: string; type?: string; query?: string } = {},
  ): Promise<ApiResponse> => {
    const response = await fetch(`${h.origin}${API_BASE}/bundles${options.query ?? ''}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.token ?? 'emulator-admin-token'}`,
        'Content-Type': options.type ?? 'application/gzip',
      },
      body,
      duplex: 'half',
    });
    const text = await response.text();
    const parsed: unknown = JSON.parse(text);
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
  const uploaded = async (): Promise<BundleInfo> => {
    const response = await upload(bundle);
    expect(response.status, response.text).toBe(201);
    const validate = schemaValidator('BundleInfo');
    expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
    return response.body as BundleInfo;
  };
  const runJob = async (source: Record<string, unknown>): Promise<JobRecord> => {
    const started = await h.api('POST', '/jobs', { body: { source, versions: 'all' } });
    expect(started.status, started.text).toBe(202);
    return h.waitForJob((started.body as JobRecord).id);
  };

  it('previews, shows details and imports an uploaded bundle like its repository, reading nothing from it', async () => {
    const info = await uploaded();
    expect(info).toMatchObject({ repository: h.repo.url, charts: 2, versions: 3, bytes: bundle.length });
    expect(info.id).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(3_500_000);
    const repoRequests = h.repo.requests.length;

    const preview = await h.api('POST', '/previews', {
      body: { source: { bundle: info.id }, versions: 'all' },
    });
    expect(preview.status, preview.text).toBe(200);
    const charts = (preview.body as RepoPreview).charts;
    expect(charts.map((chart) => [chart.name, chart.versions.map((version) => version.action)])).toEqual([
      ['alpha', ['create', 'create']],
      ['beta', ['create']],
    ]);
    const details = await h.api('POST', '/previews/chart', {
      body: { source: { bundle: info.id }, chart: 'alpha', version: '0.2.0' },
    });
    expect(details.status, details.text).toBe(200);
    expect(details.body).toMatchObject({ chart: 'alpha', version: '0.2.0' });

    const job = await runJob({ bundle: info.id });
    expect(job.status.phase).toBe('Succeeded');
    expect(job.status.summary).toMatchObject({ created: 3, failed: 0 });
    expect(job.spec.source).toEqual({ url: h.repo.url, bundle: { sha256: info.id } });
    expect(h.repo.requests.length).toBe(repoRequests);
    const store = storeFingerprint(h.emulator);

    // Again from the bundle, then online: the same apps, nothing created.
    const again = await runJob({ bundle: info.id });
    expect(again.status.summary).toMatchObject({ created: 0, exists: 3 });
    const online = await runJob({ url: h.repo.url });
    expect(online.status.summary).toMatchObject({ created: 0, exists: 3 });
    expect(storeFingerprint(h.emulator)).toEqual(store);
  });

  it('answers the same id for the same bytes, keeping one copy', async () => {
    const first = await uploaded();
    const kept = h.bundles.totalBytes;
    const second = await uploaded();
    expect(second.id).toBe(first.id);
    expect(h.bundles.totalBytes).toBe(kept);
  });

  it('refuses a tampered bundle with the reason, keeping and writing nothing', async () => {
    const response = await upload(tampered(bundle));
    expect(response.status, h.logs.filter((line) => line.includes('"level":50')).join('\n')).toBe(400);
    expect(response.body).toMatchObject({ reason: 'BadRequest' });
    expect((response.body as { message: string }).message).toMatch(
      /^the uploaded bundle is refused: .*; nothing was imported; /,
    );
    expect(response.text).not.toContain(tmpdir());
    expect(h.bundles.totalBytes).toBe(0);
    expect(writesOf(h.emulator)).toEqual([]);
  });

  it('refuses a body that is not a gzip file with 415', async () => {
    const response = await upload(bundle, { type: 'text/plain' });
    expect(response.status, response.text).toBe(415);
    expect(response.body).toMatchObject({ reason: 'UnsupportedMediaType' });
    expect(h.bundles.totalBytes).toBe(0);
  });

  it('refuses a caller who may not manage the App Store there with 403', async () => {
    const response = await upload(bundle, { token: 'emulator-viewer-token' });
    expect(response.status, response.text).toBe(403);
    expect(h.bundles.totalBytes).toBe(0);
  });

  it('answers 404 with the code bundle-not-found for a bundle not kept', async () => {
    const id = 'ab'.repeat(32);
    for (const [path, body] of [
      ['/previews', { source: { bundle: id } }],
      ['/jobs', { source: { bundle: id } }],
      ['/previews/chart', { source: { bundle: id }, chart: 'alpha', version: '0.2.0' }],
    ] as const) {
      const response = await h.api('POST', path, { body });
      expect(response.status, `${path} ${response.text}`).toBe(404);
      expect(response.body).toMatchObject({
        reason: 'NotFound',
        message: 'The uploaded bundle is no longer on the server: upload it again.',
        detail: { code: 'bundle-not-found', params: { id } },
      });
    }
  });

  it('refuses a sync naming a bundle: a schedule needs a repository', async () => {
    const { id } = await uploaded();
    const response = await h.api('POST', '/syncs', {
      body: { name: 'nightly', source: { bundle: id }, schedule: '0 3 * * *' },
    });
    expect(response.status, response.text).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/a scheduled sync needs a repository/);
    expect(await h.stores.syncs.list()).toEqual([]);
  });

  it('refuses a signature policy of require for a bundle, which carries no signatures', async () => {
    const { id } = await uploaded();
    const keyring = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n';
    for (const path of ['/previews', '/jobs']) {
      const response = await h.api('POST', path, {
        body: { source: { bundle: id }, verify: { policy: 'require', keyring } },
      });
      expect(response.status, response.text).toBe(400);
      expect((response.body as { message: string }).message).toMatch(
        /require cannot be met with an offline bundle: a bundle carries no signatures/,
      );
    }
    expect(stateOf(h.emulator).apps).toEqual([]);
  });

  /** A job spec importing every version of the bundle `id` (kept or not). */
  const bundleJobSpec = (id: string) => ({
    source: { url: h.repo.url, bundle: { sha256: id } },
    versions: 'all',
    includeDeprecated: false,
    publish: 'active' as const,
    dryRun: false,
    concurrency: 2,
  });

  it('ends a bundle job left by a restart Failed, saying the bundle must be uploaded again', async () => {
    const id = 'cd'.repeat(32);
    await h.stores.jobs.create({
      id: 'imp-bundle-left',
      spec: bundleJobSpec(id),
      requestedBy: 'someone',
      runAs: 'user',
      createdAt: new Date().toISOString(),
      status: {
        phase: 'Running',
        progress: { done: 1, total: 3 },
        summary: { created: 1, exists: 0, failed: 0, planned: 0 },
        failures: [],
        warnings: [],
        owner: 'pod-gone',
        heartbeatTime: new Date(Date.now() - 600_000).toISOString(),
      },
    });
    expect(await h.jobs.recoverInterrupted()).toEqual({ failed: ['imp-bundle-left'], resumed: [] });
    expect((await h.stores.jobs.get('imp-bundle-left'))?.status).toMatchObject({
      phase: 'Failed',
      message: 'The uploaded bundle is no longer on the server: upload it again.',
      detail: { code: 'bundle-not-found', params: { id } },
    });
  });

  it('refuses to start a job whose bundle went after the request resolved it, storing no job', async () => {
    const id = 'ef'.repeat(32);
    const before = (await h.stores.jobs.list()).length;
    const start = h.jobs.start(bundleJobSpec(id), { identity: 'service', requestedBy: 'someone' });
    await expect(start).rejects.toMatchObject({
      name: 'NotFoundError',
      detail: { code: 'bundle-not-found', params: { id } },
    });
    expect((await h.stores.jobs.list()).length).toBe(before);
  });

  it('shows the limits of uploads', async () => {
    const response = await h.api('GET', '/bundles');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ maxBytes: 1024 ** 3, idleTtlSeconds: 3600 });
  });
});

describe('uploaded offline bundles over the cap', () => {
  const h = useServiceHarness({ env: { BUNDLE_MAX_BYTES: '2048' } });

  const post = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
    fetch(`${h.origin}${API_BASE}/bundles`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer emulator-admin-token',
        'Content-Type': 'application/octet-stream',
        ...headers,
      },
      body,
      duplex: 'half',
    });

  it('refuses a Content-Length over the cap before reading, naming the cap', async () => {
    const response = await post(Buffer.alloc(4096));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      reason: 'RequestEntityTooLarge',
      message: expect.stringContaining('2048 bytes') as string,
    });
  });

  it('stops a streamed body at the cap and keeps nothing of it', async () => {
    const chunks = [Buffer.alloc(1500), Buffer.alloc(1500)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const response: unknown = await post(stream).catch((error: unknown) => error);
    // The answer comes before the body's end: fetch may see it or the closed connection.
    if (response instanceof Response) {
      expect(response.status).toBe(413);
      expect(await response.text()).toContain('BUNDLE_MAX_BYTES');
    }
    expect(h.bundles.totalBytes).toBe(0);
    expect(h.logs.join('\n')).not.toContain('"level":50');
  });
});

describe('uploads on one replica', () => {
  const h = useServiceHarness();
  // The uploads' own temporary folder (os.tmpdir() reads TMPDIR): what they leave is seen alone.
  let temp: string;
  let savedTmp: string | undefined;
  let bundle: Buffer;
  beforeAll(async () => {
    bundle = await makeBundle(h.repo.url, 'one-at-a-time.tgz');
    temp = await mkdtemp(join(work, 'tmp-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = temp;
  });
  afterAll(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });

  const post = (body: RequestInit['body']) =>
    fetch(`${h.origin}${API_BASE}/bundles`, {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-admin-token', 'Content-Type': 'application/gzip' },
      body,
      duplex: 'half',
    });
  const uploadFolders = async (): Promise<string[]> =>
    (await readdir(temp)).filter((name) => name.startsWith('store-importer-upload-'));

  it('answers 503 with Retry-After to a second upload while one is received, and leaves no upload folder', async () => {
    let end = (): void => undefined;
    // The first upload is held open: its body does not end until the second one is answered.
    const held = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(64));
        end = () => {
          controller.close();
        };
      },
    });
    const first = post(held);
    await vi.waitFor(
      async () => {
        expect(await uploadFolders()).toHaveLength(1);
      },
      { timeout: 10_000 },
    );

    const second = await post(bundle);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('10');
    expect(await second.json()).toMatchObject({
      reason: 'ServiceUnavailable',
      message: expect.stringContaining('another bundle is being uploaded') as string,
    });

    end();
    // 64 zero bytes are no gzip file: refused, and its folder removed.
    expect((await first).status).toBe(400);
    expect(await uploadFolders()).toEqual([]);

    const accepted = await post(bundle);
    expect(accepted.status, await accepted.text()).toBe(201);
    expect(await uploadFolders()).toEqual([]);
  });
});
