#!/usr/bin/env node
// `npm test`: build, type-check, lint, format check, the KubeSphere console, then every test of every package.
// Stops at the first failing step; the last step prints `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', ['run', '--silent', 'build']],
  ['type-check', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['format', ['run', '--silent', 'format:check']],
  // the real KubeSphere console for the browser tests: installed and built once, then cached
  ['console', ['run', '--silent', 'console']],
  ['tests', ['run', '--silent', 'test:all', '--', ...process.argv.slice(2)]],
];

for (const [name, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n== ${name}\n`);
  const result = spawnSync('npm', args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`== ${name} failed after ${seconds}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`== ${name} ok (${seconds}s)\n`);
}
