import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { http } from '../../src/api';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Raw body text ('' when none). */
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON. */
  raw?: string;
  contentType?: string;
}

/**
 * A real HTTP server on 127.0.0.1, port 0: records every request and answers with the next queued
 * reply (200 `{}` when none is queued).
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = this.replies.shift() ?? { status: 200, body: {} };
        const text = reply.raw ?? JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json' });
        res.end(text);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  reply(reply: Reply): void {
    this.replies.push(reply);
  }

  /** The last request, parsed: method, url and JSON body (undefined when empty). */
  last(): { method: string; url: string; json: unknown; headers: IncomingHttpHeaders } {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error('no request was recorded');
    return {
      method: request.method,
      url: request.url,
      json: request.body === '' ? undefined : JSON.parse(request.body),
      headers: request.headers,
    };
  }
}

/** A Kubernetes Status error body, as the backend answers. */
export function status(code: number, reason: string, message: string): Reply {
  return {
    status: code,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
  };
}

/**
 * A RecordingServer that the API client (`http`) talks to during the calling test file, its
 * requests forgotten before each test; the client's base URL is put back after the file.
 */
export function recordingServerForFile(): RecordingServer {
  const server = new RecordingServer();
  const originalBaseURL = http.defaults.baseURL;
  beforeAll(async () => {
    http.defaults.baseURL = await server.start();
  });
  afterAll(async () => {
    http.defaults.baseURL = originalBaseURL;
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  return server;
}
