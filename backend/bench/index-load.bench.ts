// Benchmark: loading a 15,000-version, ~20 MB index (Bitnami-sized) with our client versus the
// real helm (`helm repo add` + `helm search repo --versions`), YAML and JSON, over 127.0.0.1.
// Run: `npm run bench` (node --import tsx backend/bench/index-load.bench.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureHelm } from '../../scripts/ensure-helm.js';
import { generateIndex } from './generate-index.js';
import { canMeasureRss, printTable, timed } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 15_000);

interface Row {
  what: string;
  format: string;
  wallS: number;
  detail: string;
  rssMiB: number | undefined;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

const OURS = 'store-importer loadIndex (own process)';
const HELM_ADD = 'helm repo add';
const HELM_SEARCH = 'helm search repo --versions';

/** Our loader runs from the backend's build (`npm run bench` builds it first), not under tsx. */
const LOAD_CHILD = join(here, 'load-child.mjs');

async function main(): Promise<void> {
  const child = LOAD_CHILD;
  const work = mkdtempSync(join(tmpdir(), 'index-bench-'));
  const generated = generateIndex(VERSIONS);
  const files: Record<string, Buffer> = {
    '/yaml/index.yaml': Buffer.from(generated.yaml),
    '/json/index.yaml': Buffer.from(generated.json),
  };
  const server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(
    `index: ${generated.versions} versions in ${generated.charts} charts; YAML ${mib(files['/yaml/index.yaml']?.length ?? 0)} MiB, JSON ${mib(files['/json/index.yaml']?.length ?? 0)} MiB; served on ${origin}`,
  );
  if (!canMeasureRss()) console.log('/usr/bin/time is not installed: peak RSS of helm is unavailable.');

  const rows: Row[] = [];
  try {
    for (const format of ['yaml', 'json']) {
      const url = `${origin}/${format}/`;
      const ours = await timed(process.execPath, [child, url], process.env);
      const result = JSON.parse(ours.stdout) as { loadMs: number; versions: number; maxRssKiB: number };
      if (result.versions !== generated.versions)
        throw new Error(`our loader saw ${result.versions} versions`);
      rows.push({
        what: OURS,
        format,
        wallS: ours.wallS,
        detail: `load ${(result.loadMs / 1000).toFixed(2)} s in-process`,
        rssMiB: result.maxRssKiB / 1024,
      });
    }

    let helm: string | undefined;
    try {
      helm = await ensureHelm();
    } catch (error) {
      console.log(`helm is unavailable (${String(error)}); only our figures are shown.`);
    }
    if (helm !== undefined) {
      for (const format of ['yaml', 'json']) {
        const homes = mkdtempSync(join(tmpdir(), 'bench-helm-'));
        const env = {
          ...process.env,
          HELM_CACHE_HOME: join(homes, 'cache'),
          HELM_CONFIG_HOME: join(homes, 'config'),
          HELM_DATA_HOME: join(homes, 'data'),
        };
        const add = await timed(helm, ['repo', 'add', 'bench', `${origin}/${format}/`], env);
        rows.push({
          what: HELM_ADD,
          format,
          wallS: add.wallS,
          detail: 'download + parse + write cache',
          rssMiB: add.rssMiB,
        });
        const search = await timed(
          helm,
          ['search', 'repo', 'bench/', '--versions', '--max-col-width', '20'],
          env,
        );
        const lines = search.stdout.trim().split('\n').length - 1;
        if (lines !== generated.versions) throw new Error(`helm search listed ${lines} versions`);
        rows.push({
          what: HELM_SEARCH,
          format,
          wallS: search.wallS,
          detail: 'parse cached index',
          rssMiB: search.rssMiB,
        });
        rmSync(homes, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }

  printTable(
    ['run', 'format', 'wall s', 'peak RSS MiB', 'notes'],
    rows.map((r) => [
      r.what,
      r.format,
      r.wallS.toFixed(2),
      r.rssMiB === undefined ? 'n/a' : r.rssMiB.toFixed(0),
      r.detail,
    ]),
  );
  printRatios(rows);
}

/** Ours against helm, measured in this run: below 1 is faster or smaller than helm. */
function printRatios(rows: readonly Row[]): void {
  const ratio = (ours: number | undefined, theirs: number | undefined): string =>
    ours === undefined || theirs === undefined ? 'n/a' : `${(ours / theirs).toFixed(2)}x`;
  const ratioRows: string[][] = [];
  for (const format of ['yaml', 'json']) {
    const ours = rows.find((r) => r.what === OURS && r.format === format);
    for (const helmRun of [HELM_ADD, HELM_SEARCH]) {
      const helm = rows.find((r) => r.what === helmRun && r.format === format);
      if (ours === undefined || helm === undefined) continue;
      ratioRows.push([format, helmRun, ratio(ours.wallS, helm.wallS), ratio(ours.rssMiB, helm.rssMiB)]);
    }
  }
  if (ratioRows.length === 0) return;
  console.log('\nour index load against helm (wall time and peak RSS, ours / helm):');
  printTable(['format', 'against', 'time ratio', 'memory ratio'], ratioRows);
}

await main();
