// Package sizes without downloads, against real servers on 127.0.0.1: HEAD, the ranged-GET
// fallback, unknown sizes, credentials kept on the repository's origin, the outbound seam, and
// the lookup bounds of a preview (cap, per-lookup timeout, time budget).
import { describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import type { ChartRepository, ChartVersionRef } from '../../src/engine/repo/types.js';
import { contentRangeTotal } from '../../src/engine/repo/package-size.js';
import { lookUpSizes } from '../../src/engine/run/sizes.js';
import { type Handler, makeCertificates, useServers } from '../support/servers.js';

const serve = useServers();

const PASSWORD = 'size-s3cr3t-77';
const BODY = Buffer.alloc(123_457, 7);

/** An index of one version per chart, each at the given URL (relative to the repository, or absolute). */
function indexYaml(urls: Record<string, string>): string {
  const lines = ['apiVersion: v1', 'entries:'];
  for (const [name, url] of Object.entries(urls))
    lines.push(`  ${name}:`, `  - name: ${name}`, '    version: 1.0.0', '    urls:', `    - ${url}`);
  return `${lines.join('\n')}\n`;
}

async function versionsOf(repo: ChartRepository): Promise<Map<string, ChartVersionRef>> {
  const index = await repo.loadIndex();
  return new Map([...index.entries].map(([name, refs]) => [name, refs[0] as ChartVersionRef]));
}

function sizeOf(repo: ChartRepository, ref: ChartVersionRef | undefined): Promise<number | undefined> {
  if (!ref || !repo.packageSize) throw new Error('no version, or no packageSize');
  return repo.packageSize(ref);
}

/** A chart host: `index.yaml`, and packages of BODY's length answering HEAD and ranged GETs as told. */
function chartHost(
  index: () => string,
  options: { refuseHead?: number; ignoreRange?: boolean } = {},
): Handler {
  return (req, res) => {
    if (req.url === '/index.yaml') {
      res.end(index());
      return;
    }
    if (!req.url?.endsWith('.tgz')) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'HEAD') {
      if (options.refuseHead) res.writeHead(options.refuseHead).end();
      else res.writeHead(200, { 'content-length': BODY.length }).end();
      return;
    }
    if (req.headers.range === 'bytes=0-0' && !options.ignoreRange) {
      res
        .writeHead(206, { 'content-range': `bytes 0-0/${BODY.length}`, 'content-length': 1 })
        .end(BODY.subarray(0, 1));
      return;
    }
    res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
  };
}

describe('package sizes over HTTP', () => {
  it('reads Content-Length from a HEAD, and downloads nothing', async () => {
    const server = await serve(chartHost(() => indexYaml({ a: 'a-1.0.0.tgz' })));
    const repo = createChartRepository({ url: server.origin });
    const versions = await versionsOf(repo);
    expect(await sizeOf(repo, versions.get('a'))).toBe(BODY.length);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /index.yaml',
      'HEAD /a-1.0.0.tgz',
    ]);
  });

  it.each([405, 501, 403])(
    'falls back to a one-byte ranged GET when HEAD answers %i, then skips HEAD on that host',
    async (status) => {
      const server = await serve(
        chartHost(() => indexYaml({ a: 'a-1.0.0.tgz', b: 'b-1.0.0.tgz' }), { refuseHead: status }),
      );
      const repo = createChartRepository({ url: server.origin });
      const versions = await versionsOf(repo);
      expect(await sizeOf(repo, versions.get('a'))).toBe(BODY.length);
      expect(await sizeOf(repo, versions.get('b'))).toBe(BODY.length);
      const lookups = server.requests
        .slice(1)
        .map((r) => `${r.method} ${r.url} ${r.headers.range ?? ''}`.trim());
      expect(lookups).toEqual([
        'HEAD /a-1.0.0.tgz',
        'GET /a-1.0.0.tgz bytes=0-0',
        'GET /b-1.0.0.tgz bytes=0-0',
      ]);
    },
  );

  it('takes the Content-Length of a host that ignores the range, without reading the body', async () => {
    const server = await serve(
      chartHost(() => indexYaml({ a: 'a.tgz' }), { refuseHead: 405, ignoreRange: true }),
    );
    const repo = createChartRepository({ url: server.origin });
    expect(await sizeOf(repo, (await versionsOf(repo)).get('a'))).toBe(BODY.length);
  });

  it('is unknown when the host gives no length, or the package is gone', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml')
        res.end(indexYaml({ chunked: 'chunked.tgz', gone: 'gone.tgz', star: 'star.tgz' }));
      else if (req.url === '/gone.tgz') res.writeHead(404).end();
      else if (req.url === '/star.tgz' && req.method === 'GET')
        res.writeHead(206, { 'content-range': 'bytes 0-0/*' }).end('x');
      // Chunked: no Content-Length on HEAD nor GET.
      else
        res.writeHead(200, { 'transfer-encoding': 'chunked' }).end(req.method === 'HEAD' ? undefined : 'abc');
    });
    const repo = createChartRepository({ url: server.origin });
    const versions = await versionsOf(repo);
    expect(await sizeOf(repo, versions.get('chunked'))).toBeUndefined();
    expect(await sizeOf(repo, versions.get('gone'))).toBeUndefined();
    expect(await sizeOf(repo, versions.get('star'))).toBeUndefined();
    // A 404 on HEAD is final: no ranged GET for the package that is gone.
    expect(server.requests.filter((r) => r.url === '/gone.tgz').map((r) => r.method)).toEqual(['HEAD']);
  });

  it('parses Content-Range totals as RFC 9110 writes them', () => {
    expect(contentRangeTotal('bytes 0-0/1234')).toBe(1234);
    expect(contentRangeTotal('bytes */1234')).toBe(1234);
    expect(contentRangeTotal('bytes 0-0/*')).toBeUndefined();
    expect(contentRangeTotal('bytes 0-0/12x')).toBeUndefined();
    expect(contentRangeTotal(undefined)).toBeUndefined();
  });

  it('sends credentials to the repository origin only, on HEAD and on the fallback', async () => {
    const elsewhere = await serve(chartHost(() => '', { refuseHead: 405 }));
    const repoServer = await serve((req, res) => {
      if (req.url === '/index.yaml')
        res.end(indexYaml({ own: 'own.tgz', remote: `${elsewhere.origin}/remote.tgz`, hop: 'hop.tgz' }));
      else if (req.url === '/hop.tgz')
        res.writeHead(302, { location: `${elsewhere.origin}/hopped.tgz` }).end();
      else
        res
          .writeHead(200, { 'content-length': 42 })
          .end(req.method === 'HEAD' ? undefined : Buffer.alloc(42));
    });
    const repo = createChartRepository({ url: repoServer.origin, username: 'user', password: PASSWORD });
    const versions = await versionsOf(repo);
    expect(await sizeOf(repo, versions.get('own'))).toBe(42);
    expect(await sizeOf(repo, versions.get('remote'))).toBe(BODY.length);
    expect(await sizeOf(repo, versions.get('hop'))).toBe(BODY.length);
    const basic = `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`;
    expect(repoServer.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['GET', '/index.yaml', basic],
      ['HEAD', '/own.tgz', basic],
      ['HEAD', '/hop.tgz', basic],
      ['GET', '/hop.tgz', basic],
    ]);
    // HEAD follows the redirect, is refused there, and the ranged GET goes the same way.
    expect(elsewhere.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'HEAD /remote.tgz',
      'GET /remote.tgz',
      'HEAD /hopped.tgz',
      'GET /hopped.tgz',
    ]);
    for (const request of elsewhere.requests) expect(request.headers.authorization).toBeUndefined();
  });

  it("trusts the repository's CA on HEAD as on downloads", async (context) => {
    const certificates = makeCertificates();
    if (!certificates) {
      context.skip('openssl is not installed');
      return;
    }
    const server = await serve(
      chartHost(() => indexYaml({ a: 'a.tgz' })),
      certificates,
    );
    const trusted = createChartRepository({ url: server.origin, caPem: certificates.caPem });
    expect(await sizeOf(trusted, (await versionsOf(trusted)).get('a'))).toBe(BODY.length);
    const untrusted = createChartRepository({ url: server.origin });
    const ref = { ...((await versionsOf(trusted)).get('a') as ChartVersionRef) };
    await expect(sizeOf(untrusted, ref)).rejects.toThrow(
      /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/,
    );
  });

  it('asks the outbound seam before every lookup and every redirect hop', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml') res.end(indexYaml({ a: 'a.tgz' }));
      else res.writeHead(302, { location: 'http://10.0.0.1/a.tgz' }).end();
    });
    const checked: string[] = [];
    const repo = createChartRepository(
      { url: server.origin },
      {
        checkUrl: (url) => {
          checked.push(url.href);
          if (url.hostname === '10.0.0.1') throw new Error('blocked by the outbound policy');
        },
      },
    );
    const versions = await versionsOf(repo);
    await expect(sizeOf(repo, versions.get('a'))).rejects.toThrow(/blocked by the outbound policy/);
    expect(checked).toEqual([
      `${server.origin}/index.yaml`,
      `${server.origin}/a.tgz`,
      'http://10.0.0.1/a.tgz',
    ]);
  });
});

describe('size lookups of a preview', () => {
  function manyCharts(count: number): Record<string, string> {
    return Object.fromEntries(Array.from({ length: count }, (_v, i) => [`c${i}`, `c${i}.tgz`]));
  }

  it('looks up at most maxLookups, the rest unknown with one warning, a bounded number at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml') {
        res.end(indexYaml(manyCharts(25)));
        return;
      }
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-length': 10 }).end();
      }, 20);
    });
    const repo = createChartRepository({ url: server.origin });
    const refs = [...(await versionsOf(repo)).values()];
    const result = await lookUpSizes(repo, refs, { concurrency: 3, maxLookups: 10 });
    expect(result.sizes.size).toBe(10);
    expect([...result.sizes.keys()]).toEqual(refs.slice(0, 10));
    expect(server.requests.filter((r) => r.method === 'HEAD')).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(3);
    expect(result.warnings).toEqual([
      {
        code: 'sizes-over-lookup-limit',
        params: { count: 15, max: 10 },
        message:
          'Package sizes: 15 versions were not looked up (at most 10 per preview); their sizes are unknown.',
      },
    ]);
  });

  it('makes a failed or slow lookup an unknown size with a warning, never an error', async () => {
    // A port nothing listens on any more: connections are refused.
    const refused = await serve(() => undefined);
    const refusedOrigin = refused.origin;
    await refused.close();
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml')
        res.end(indexYaml({ ok: 'ok.tgz', slow: 'slow.tgz', down: `${refusedOrigin}/down.tgz` }));
      else if (req.url === '/ok.tgz') res.writeHead(200, { 'content-length': 5 }).end();
      // slow.tgz never answers.
    });
    const repo = createChartRepository({ url: server.origin }, { retryBaseDelayMs: 5, retryMaxDelayMs: 10 });
    const versions = await versionsOf(repo);
    const refs = ['ok', 'slow', 'down'].map((name) => versions.get(name) as ChartVersionRef);
    const result = await lookUpSizes(repo, refs, { concurrency: 3, lookupTimeoutMs: 300 });
    expect([...result.sizes.values()]).toEqual([5]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'sizes-lookups-failed', params: { count: 2 } });
    expect(result.warnings[0]?.params.first).toMatch(/^(slow|down) 1\.0\.0: /);
    expect(result.warnings[0]?.message).toMatch(
      /^Package sizes: 2 lookups failed, their sizes are unknown \(first: /,
    );
  });

  it('stops at the time budget: what is not known by then stays unknown', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml') res.end(indexYaml(manyCharts(6)));
      // Package lookups hang.
    });
    const repo = createChartRepository({ url: server.origin });
    const refs = [...(await versionsOf(repo)).values()];
    const started = Date.now();
    const result = await lookUpSizes(repo, refs, { concurrency: 2, budget: AbortSignal.timeout(300) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.sizes.size).toBe(0);
    expect(result.warnings).toEqual([
      {
        code: 'sizes-out-of-time',
        params: { count: 6 },
        message:
          'Package sizes: 6 versions were not looked up in the time a preview has; their sizes are unknown.',
      },
    ]);
  });

  it("stops at once when the preview's own signal aborts", async () => {
    const server = await serve((req, res) => {
      if (req.url === '/index.yaml') res.end(indexYaml(manyCharts(4)));
    });
    const repo = createChartRepository({ url: server.origin });
    const refs = [...(await versionsOf(repo)).values()];
    await expect(
      lookUpSizes(repo, refs, { concurrency: 2, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/cancelled/);
  });
});
