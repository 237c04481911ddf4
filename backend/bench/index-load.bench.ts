// Benchmark: loading a 15,000-version, ~20 MB index (Bitnami-sized) with our client versus the
// real helm (`helm repo add` + `helm search repo --versions`), YAML and JSON, over 127.0.0.1.
// Run: `npm run bench` (node --import tsx backend/bench/index-load.bench.ts).
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import ts from 'typescript';

import { ensureHelm } from '../../scripts/ensure-helm.js';
import { generateIndex } from './generate-index.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TIME = '/usr/bin/time';
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

async function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; wallS: number; rssMiB: number | undefined }> {
  const started = performance.now();
  if (existsSync(TIME)) {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-time-')), 'time.txt');
    const { stdout } = await run(TIME, ['-f', '%e %M', '-o', out, command, ...args], {
      env,
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallS = (performance.now() - started) / 1000;
    const [, maxKiB] = readFileSync(out, 'utf8').trim().split('\n').at(-1)?.split(' ') ?? [];
    rmSync(dirname(out), { recursive: true, force: true });
    return { stdout, wallS, rssMiB: maxKiB === undefined ? undefined : Number(maxKiB) / 1024 };
  }
  const { stdout } = await run(command, args, { env, cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return { stdout, wallS: (performance.now() - started) / 1000, rssMiB: undefined };
}

/**
 * Our loader runs as plain JavaScript, as in production (not under tsx, which alone adds ~50 MiB
 * of RSS): the repo module and the child script are transpiled into .cache/bench-dist.
 */
function transpileLoader(): string {
  const out = join(root, '.cache', 'bench-dist');
  rmSync(out, { recursive: true, force: true });
  const engine = join(root, 'backend', 'src', 'engine');
  const sources = [
    join(engine, 'errors.ts'),
    ...readdirSync(join(engine, 'repo'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => join(engine, 'repo', f)),
    join(here, 'load-child.ts'),
  ];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
      fileName: source,
    });
    const target = join(out, relative(join(root, 'backend'), source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  return join(out, 'bench', 'load-child.js');
}

async function main(): Promise<void> {
  const child = transpileLoader();
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
  if (!existsSync(TIME)) console.log(`${TIME} is not installed: peak RSS of helm is unavailable.`);

  const rows: Row[] = [];
  try {
    for (const format of ['yaml', 'json']) {
      const url = `${origin}/${format}/`;
      const ours = await timed(process.execPath, [child, url], process.env);
      const result = JSON.parse(ours.stdout) as { loadMs: number; versions: number; maxRssKiB: number };
      if (result.versions !== generated.versions)
        throw new Error(`our loader saw ${result.versions} versions`);
      rows.push({
        what: 'store-importer loadIndex (own process)',
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
          what: 'helm repo add',
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
          what: 'helm search repo --versions',
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

  const header = ['run', 'format', 'wall s', 'peak RSS MiB', 'notes'];
  const table = rows.map((r) => [
    r.what,
    r.format,
    r.wallS.toFixed(2),
    r.rssMiB === undefined ? 'n/a' : r.rssMiB.toFixed(0),
    r.detail,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
}

await main();
