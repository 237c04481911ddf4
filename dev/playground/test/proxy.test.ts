// The /kapis proxy against real servers on 127.0.0.1: credentials, bodies, streaming, failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { close, listen } from '../src/http.js';
import { proxy } from '../src/proxy.js';

const TOKEN = 'admin-token-5c1e';
let upstream: Server;
let host: Server;
let hostUrl: string;
let upstreamUrl: string;
const upstreamClosed: string[] = [];

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function events(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write('event: status\ndata: {"n":1}\n\n');
  setTimeout(() => {
    res.end('event: status\ndata: {"n":2}\n\n');
  }, 400);
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.on('close', () => upstreamClosed.push(req.url ?? ''));
    if (req.url === '/events') {
      events(res);
      return;
    }
    if (req.url === '/hang') return;
    void body(req).then((text) => {
      res.writeHead(207, { 'Content-Type': 'application/json', 'X-Upstream': 'yes', 'Set-Cookie': 'a=b' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: text }));
    });
  });
  upstreamUrl = await listen(upstream, 0, '127.0.0.1');
  host = createServer((req, res) => {
    const url = req.url === '/dead' ? 'http://127.0.0.1:1' : upstreamUrl;
    proxy(req, res, { name: 'backend', url, token: TOKEN });
  });
  hostUrl = await listen(host, 0, '127.0.0.1');
});

afterAll(async () => {
  await close(host);
  await close(upstream);
});

describe('the /kapis proxy', () => {
  it("replaces the page's credentials with the user's token and passes the rest both ways", async () => {
    const response = await fetch(`${hostUrl}/kapis/x?q=1`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer forged',
        Cookie: 'token=session',
        'Content-Type': 'application/json',
      },
      body: '{"a":1}',
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.get('set-cookie')).toBeNull();
    const seen = (await response.json()) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(seen).toMatchObject({ method: 'POST', url: '/kapis/x?q=1', body: '{"a":1}' });
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it('passes an event stream on as it comes', async () => {
    const started = Date.now();
    const response = await fetch(`${hostUrl}/events`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain('"n":1');
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toContain('"n":2');
    expect(firstAt).toBeLessThan(Date.now() - started - 200);
  });

  it('answers 502 with a Kubernetes Status when the upstream does not answer', async () => {
    const response = await fetch(`${hostUrl}/dead`);
    expect(response.status).toBe(502);
    const status = (await response.json()) as Record<string, unknown>;
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadGateway', code: 502 });
    expect(String(status.message)).toMatch(/the backend did not answer/);
    expect(JSON.stringify(status)).not.toContain(TOKEN);
  });

  it('ends the upstream request when the page goes away', async () => {
    const controller = new AbortController();
    const pending = fetch(`${hostUrl}/hang`, { signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await pending;
    await expect.poll(() => upstreamClosed.includes('/hang')).toBe(true);
  });
});
