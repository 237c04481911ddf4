// A big Helm repository for the UI benchmark: 1,000 charts x 15 versions, index.yaml as
// `helm repo index` writes it (keys sorted, 2-space indent), with what the preview shows of a
// chart: an icon (served here, an SVG), a description, a category annotation (some charts have
// none), deprecated charts and pre-releases. Package sizes are answered to HEAD without
// packages: 6-60 KiB, and every 25th chart over the store's 1 MiB limit.
import { createServer, type Server } from 'node:http';

import { close, listen } from '@store-importer/playground';

const CATEGORIES = [
  'Database',
  'Monitoring',
  'Networking',
  'Security',
  'Storage',
  'Web Servers',
  'Messaging',
  'Developer Tools',
  'Analytics',
  'Logging',
  'AI / Machine Learning',
];
const WORDS = ['data', 'web', 'cache', 'proxy', 'queue', 'metrics', 'search', 'vault', 'stream', 'gateway'];
const COLOURS = ['#55bc8a', '#f5a623', '#3385ff', '#ca2621', '#8f61d7', '#36435c', '#00aa72'];

export interface BigRepoShape {
  charts: number;
  versionsPerChart: number;
}

export interface BigRepo {
  url: string;
  charts: number;
  versions: number;
  indexBytes: number;
  close(): Promise<void>;
}

const chartName = (c: number): string =>
  `${WORDS[c % WORDS.length] ?? 'x'}-${WORDS[(c * 7 + 3) % WORDS.length] ?? 'y'}-${String(c).padStart(4, '0')}`;

/** Newest first, as helm writes them: 3.4.0 ... 1.0.0 (every 7th chart's newest is an -rc). */
function versionOf(v: number, versionsPerChart: number, c: number): string {
  const n = versionsPerChart - 1 - v;
  const version = `${Math.floor(n / 5) + 1}.${n % 5}.0`;
  return v === 0 && c % 7 === 0 ? `${version}-rc.1` : version;
}

function packageBytes(c: number, v: number): number {
  if (c % 25 === 0) return 1_200_000 + ((c * 31 + v * 17) % 200_000);
  return 6_144 + ((c * 7_919 + v * 104_729) % 55_000);
}

function indexYaml(shape: BigRepoShape, base: string): string {
  const out: string[] = ['apiVersion: v1\nentries:\n'];
  for (let c = 0; c < shape.charts; c++) {
    const name = chartName(c);
    const category = c % 10 === 9 ? undefined : CATEGORIES[c % CATEGORIES.length];
    out.push(`  ${name}:\n`);
    for (let v = 0; v < shape.versionsPerChart; v++) {
      const version = versionOf(v, shape.versionsPerChart, c);
      const deprecated = v === 0 && c % 40 === 39;
      out.push(
        '  - annotations:\n',
        category === undefined
          ? '      licenses: Apache-2.0\n'
          : `      app.kubesphere.io/category: ${category}\n`,
        `    apiVersion: v2\n    appVersion: ${String(c % 9)}.${String(v)}.0\n`,
        `    created: "${new Date(Date.UTC(2024, 0, 1) + (c * 100 + v) * 3_600_000).toISOString()}"\n`,
        deprecated ? '    deprecated: true\n' : '',
        `    description: ${name} packaged for Kubernetes, with a ${WORDS[c % WORDS.length] ?? 'x'} backend and sensible defaults\n`,
        `    digest: ${(c * 1_000 + v).toString(16).padStart(64, '0')}\n`,
        `    home: https://example.com/${name}\n    icon: ${base}/icons/${name}.svg\n`,
        `    keywords:\n    - ${WORDS[c % WORDS.length] ?? 'x'}\n    - kubernetes\n`,
        '    maintainers:\n    - email: charts@example.com\n      name: Bench Charts\n',
        `    name: ${name}\n    sources:\n    - https://github.com/example/${name}\n    type: application\n`,
        `    urls:\n    - charts/${name}-${version}.tgz\n    version: ${version}\n`,
      );
    }
  }
  out.push('generated: "2024-05-01T00:00:00.000000000Z"\n');
  return out.join('');
}

function icon(name: string): string {
  const colour = COLOURS[name.length % COLOURS.length] ?? '#55bc8a';
  const letters = name.slice(0, 2).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="12" fill="${colour}"/><text x="32" y="41" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${letters}</text></svg>`;
}

/** Serves the repository on 127.0.0.1: index.yaml, icons, and package sizes (HEAD). */
export async function serveBigRepo(shape: BigRepoShape): Promise<BigRepo> {
  const sizes = new Map<string, number>();
  for (let c = 0; c < shape.charts; c++)
    for (let v = 0; v < shape.versionsPerChart; v++)
      sizes.set(`/charts/${chartName(c)}-${versionOf(v, shape.versionsPerChart, c)}.tgz`, packageBytes(c, v));
  const state = { index: Buffer.alloc(0) };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://repo').pathname;
    const size = sizes.get(path);
    if (path === '/index.yaml') {
      res.writeHead(200, { 'Content-Type': 'application/yaml', 'Content-Length': state.index.length });
      res.end(req.method === 'HEAD' ? undefined : state.index);
    } else if (size !== undefined) {
      res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': size });
      res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(size));
    } else if (path.startsWith('/icons/') && path.endsWith('.svg')) {
      const body = icon(path.slice('/icons/'.length, -'.svg'.length));
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  const url = await listen(server, 0, '127.0.0.1');
  state.index = Buffer.from(indexYaml(shape, url));
  return {
    url,
    charts: shape.charts,
    versions: sizes.size,
    indexBytes: state.index.length,
    close: () => close(server),
  };
}
