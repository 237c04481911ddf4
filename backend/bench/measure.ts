// Measuring commands for the benchmarks: wall time and peak RSS (through /usr/bin/time, from
// Debian's `time` package, when it is there), and a Markdown table of the figures.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TIME = '/usr/bin/time';

/** Peak RSS of a command can be read (Debian's `time` package is installed). */
export function canMeasureRss(): boolean {
  return existsSync(TIME);
}

export async function timed(
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

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}
