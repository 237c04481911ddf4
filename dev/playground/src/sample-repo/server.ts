// Serves the sample repository on 127.0.0.1: index.yaml, the packages (GET and HEAD, so the
// backend can learn package sizes) and the icons.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

import { close, listen, send, sendFile } from '../http.js';
import { ICONS_DIR } from './generate.js';

export interface SampleRepoServer {
  /** base URL of the repository (`<url>/index.yaml`), no trailing slash */
  url: string;
  /** `METHOD /path` of every request so far, oldest first (tests check who read the repository) */
  requests(): readonly string[];
  close(): Promise<void>;
}

interface IndexFile {
  entries?: Record<string, Record<string, unknown>[]>;
}

/**
 * index.yaml with each chart's icon URL on this server. The address is known only once the server
 * listens, so the icon is added here instead of in Chart.yaml (the importer takes a chart's icon
 * from Chart.yaml, else from the index).
 */
function indexWithIcons(text: string, url: string): string {
  const index = parse(text) as IndexFile;
  for (const [chart, versions] of Object.entries(index.entries ?? {}))
    for (const version of versions) version.icon = `${url}/${ICONS_DIR}/${chart}.svg`;
  return stringify(index);
}

export async function serveSampleRepo(dir: string, host = '127.0.0.1'): Promise<SampleRepoServer> {
  const state = { index: '' };
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://repo').pathname);
    requests.push(`${req.method ?? ''} ${path}`);
    if (path === '/index.yaml' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (state.index === '') send(res, 503, 'starting\n');
      else if (req.method === 'HEAD')
        res.writeHead(200, { 'Content-Length': Buffer.byteLength(state.index) }).end();
      else send(res, 200, state.index, 'application/yaml; charset=utf-8');
      return;
    }
    sendFile(req, res, dir, path).catch(() => {
      res.destroy();
    });
  });
  const url = await listen(server, 0, host);
  state.index = indexWithIcons(await readFile(join(dir, 'index.yaml'), 'utf8'), url);
  return { url, requests: () => [...requests], close: () => close(server) };
}
