// backend/Dockerfile, as far as it can be checked without Docker: its stages, base image, user and
// command; then its build stage's build commands run on this checkout (its `npm ci` is the one the
// checkout already had) and its runtime stage reproduced in a temporary folder (the same COPY
// sources, the same RUN command, COPY --from=build taken from the checkout) and started: it must
// serve /healthz, /readyz against the KubeSphere emulator, and the console bundle it built.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { repoRoot } from '../support/fixtures.js';

const run = promisify(execFile);

interface Stage {
  from: string;
  name: string;
  platform: string;
  instructions: { op: string; args: string }[];
}

/** FROM/RUN/COPY/USER/CMD... of each stage, continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of logical) {
    const [, op = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const [, platform = '', from = '', name = ''] =
        /^(?:--platform=(\S+)\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, platform, instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') });
  }
  return stages;
}

// .dockerignore as a path filter, for the forms it uses: a glob after `**` and a slash (any path
// segment) and a plain path (itself and everything under it). Any other form fails the test, so
// that the filter stays true to the file.
async function dockerignore(): Promise<(path: string) => boolean> {
  const patterns = (await readFile(join(repoRoot, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const globRegExp = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+^$(){}|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const rules = patterns.map((pattern) => {
    if (pattern.startsWith('**/') && !pattern.slice(3).includes('/')) {
      const segment = globRegExp(pattern.slice(3));
      return (path: string) => path.split('/').some((part) => segment.test(part));
    }
    if (/[*?[!]/.test(pattern)) throw new Error(`.dockerignore: the test does not read ${pattern}`);
    return (path: string) => path === pattern || path.startsWith(`${pattern}/`);
  });
  return (path) => path !== '' && rules.some((rule) => rule(path));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

describe('backend/Dockerfile', () => {
  let stages: Stage[];
  beforeAll(async () => {
    stages = parseDockerfile(await readFile(join(repoRoot, 'backend', 'Dockerfile'), 'utf8'));
  });

  it("builds on the builder's platform and runs a slim Node 20 image, pinned by digest, as a non-root user", () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    const [build, runtime] = stages as [Stage, Stage];
    // the build output is JavaScript: built once natively, whatever the target platform
    expect(build.platform).toBe('$BUILDPLATFORM');
    expect(runtime.platform).toBe('');
    for (const stage of [build, runtime])
      expect(stage.from).toMatch(/^node:20-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(runtime.from).toBe(build.from);
    expect(build.instructions).toContainEqual({
      op: 'RUN',
      args: 'npm ci --ignore-scripts --no-audit --no-fund',
    });
    expect(build.instructions).toContainEqual({ op: 'RUN', args: 'npm run build --workspace backend' });
    expect(build.instructions).toContainEqual({
      op: 'RUN',
      args: 'npm run build --workspace frontend && test -s frontend/dist/index.js',
    });
    const user = runtime.instructions.filter((instruction) => instruction.op === 'USER').at(-1)?.args ?? '';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(user).not.toBe('');
    expect(runtime.instructions.at(-1)).toEqual({
      op: 'CMD',
      args: '["node", "backend/dist/service/main.js"]',
    });
  });

  it('puts no dev dependency and no source into the runtime stage', () => {
    const runtime = stages[1] as Stage;
    const runs = runtime.instructions
      .filter((instruction) => instruction.op === 'RUN')
      .map((instruction) => instruction.args);
    expect(runs.join(' ')).toContain('npm ci --omit=dev --workspace backend');
    const copies = runtime.instructions
      .filter((instruction) => instruction.op === 'COPY')
      .map((instruction) => instruction.args);
    expect(copies).toEqual([
      'package.json package-lock.json ./',
      'backend/package.json backend/',
      '--from=build /src/backend/dist backend/dist',
      '--from=build /src/backend/openapi backend/openapi',
      '--from=build /src/frontend/dist frontend/dist',
    ]);
  });

  describe('its runtime stage, reproduced', () => {
    let app: string;
    let emulator: RunningEmulator;
    let server: ChildProcess | undefined;
    let origin: string;
    const output: string[] = [];
    let bundle = '';

    beforeAll(async () => {
      app = await mkdtemp(join(tmpdir(), 'si-image-'));
      const runtime = stages[1] as Stage;
      // COPY from the context (the repository), as the runtime stage does.
      for (const { args } of runtime.instructions.filter(
        (i) => i.op === 'COPY' && !i.args.startsWith('--from'),
      )) {
        const parts = args.split(' ');
        const dest = parts.pop() ?? '';
        for (const source of parts) {
          const target = dest.endsWith('/')
            ? join(app, dest, source.split('/').pop() ?? '')
            : join(app, dest);
          await mkdir(dirname(target), { recursive: true });
          await cp(join(repoRoot, source), target);
        }
      }
      // The same RUN command, with npm's cache in the temporary folder (`npm cache clean` included).
      const cache = join(app, '.npm-cache');
      for (const { args } of runtime.instructions.filter((i) => i.op === 'RUN'))
        await run('sh', ['-c', args], {
          cwd: app,
          env: { ...process.env, npm_config_cache: cache, NODE_ENV: 'production' },
        });
      // The build stage: its context (the checkout less .dockerignore) in a temporary /src, the
      // checkout's dependencies linked in place of its `npm ci`, then its build commands.
      const src = join(app, '.src');
      const ignored = await dockerignore();
      await cp(repoRoot, src, { recursive: true, filter: (path) => !ignored(relative(repoRoot, path)) });
      for (const dir of ['', 'backend', 'frontend'])
        await symlink(join(repoRoot, dir, 'node_modules'), join(src, dir, 'node_modules')).catch(
          () => undefined,
        );
      const build = stages[0] as Stage;
      for (const { args } of build.instructions.filter((i) => i.op === 'RUN' && !i.args.startsWith('npm ci')))
        await run('sh', ['-c', args], { cwd: src });
      for (const { args } of runtime.instructions.filter(
        (i) => i.op === 'COPY' && i.args.startsWith('--from'),
      )) {
        const [, source = '', dest = ''] = args.split(' ');
        await cp(join(src, source.replace(/^\/src\//, '')), join(app, dest), { recursive: true });
      }
      bundle = await readFile(join(src, 'frontend', 'dist', 'index.js'), 'utf8');

      emulator = await startEmulator();
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ['backend/dist/service/main.js'], {
        cwd: app,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          PORT: String(port),
          STATE_BACKEND: 'memory',
          KS_APISERVER_URL: emulator.url,
          FRONTEND_DIST_DIR: join(app, 'frontend', 'dist'),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          if ((await fetch(`${origin}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline || server.exitCode !== null)
          throw new Error(`the server did not start:\n${output.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 120_000);

    afterAll(async () => {
      server?.kill('SIGTERM');
      await emulator.close();
      if (app) await rm(app, { recursive: true, force: true });
    });

    it('has the production dependencies of the backend only', async () => {
      const list = async (dir: string) => readdir(dir).catch(() => [] as string[]);
      const installed = [
        ...(await list(join(app, 'node_modules'))),
        ...(await list(join(app, 'backend', 'node_modules'))),
      ];
      for (const runtimeDependency of ['express', 'pino', 'zod', '@kubernetes'])
        expect(installed).toContain(runtimeDependency);
      for (const devDependency of [
        'vitest',
        'typescript',
        'tsx',
        'supertest',
        'kubernetes-models',
        'eslint',
        'prettier',
      ])
        expect(installed).not.toContain(devDependency);
      expect(await readdir(join(app, 'node_modules', '@store-importer'))).toEqual(['backend']);
    });

    it('starts and answers /healthz and /readyz', async () => {
      expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status).toBe(200);
    });

    it('serves the console bundle at /dist/store-importer/ without a token', async () => {
      const response = await fetch(`${origin}/dist/store-importer/index.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      const served = await response.text();
      expect(served).toContain('System.register');
      expect(served).toBe(bundle);
      expect((await fetch(`${origin}/dist/store-importer/missing.js`)).status).toBe(404);
      // Nothing outside the bundle folder: not the app's own files.
      expect((await fetch(`${origin}/dist/store-importer/..%2f..%2fpackage.json`)).status).toBe(404);
      expect((await fetch(`${origin}/dist/store-importer/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
      // The API still needs a token.
      expect((await fetch(`${origin}/kapis/storeimporter.kubesphere.io/v1alpha1/jobs`)).status).toBe(401);
    });
  });
});
