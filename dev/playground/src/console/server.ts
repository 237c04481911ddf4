// Runs the real console's server, @ks-console/server (the koa BFF a cluster runs as ks-console),
// unmodified, in production mode: it renders the pages, signs users in against ks-apiserver's
// /oauth/token and proxies /kapis, /apis and /pstatic to it. Its configuration is a
// configs/local_config.yaml in its working folder (libs/utils.js getServerConfig merges it over the
// package's config.yaml); loopback.cjs makes it listen on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

import { probePort } from '../http.js';
import { CONSOLE_DIR } from '../paths.js';

export interface ConsoleServerOptions {
  /** ks-apiserver: the KubeSphere emulator */
  apiServerUrl: string;
  /** the folder of the console's production build (its dist/) */
  buildDir: string;
  host: string;
  /** the port to take; when taken, a free one */
  port: number;
  /** the language of a new browser session */
  defaultLang: string;
  logFile: string;
}

export interface ConsoleServer {
  url: string;
  /** the port asked for, when it was taken and another was used */
  busyPort?: number;
  /** resolves when the process has ended, whatever ended it */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** `port` when it is free on `host`, else a free one (0 = any). */
async function choosePort(host: string, port: number): Promise<{ port: number; busy: boolean }> {
  const wanted = await probePort(host, port);
  if (wanted !== undefined) return { port: wanted, busy: false };
  const any = await probePort(host, 0);
  if (any === undefined) throw new Error(`no free port on ${host}`);
  return { port: any, busy: true };
}

/** The server's settings (the package's configs/config.yaml has the rest). */
function localConfig(options: ConsoleServerOptions, port: number): unknown {
  const api = new URL(options.apiServerUrl);
  return {
    server: {
      http: {
        hostname: options.host,
        port,
        static: {
          production: {
            '/public': join(CONSOLE_DIR, 'node_modules/@ks-console/server/public'),
            '/assets': 'dist/assets',
            '/dist': 'dist',
          },
        },
      },
      apiServer: {
        url: api.origin,
        wsUrl: `${api.protocol === 'https:' ? 'wss' : 'ws'}://${api.host}`,
      },
    },
    client: { defaultLang: options.defaultLang },
  };
}

const READY = /^store-importer: ks-console listening on (http:\/\/\S+)$/m;

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { port, busy } = await choosePort(options.host, options.port);
  const workDir = await mkdtemp(join(tmpdir(), 'store-importer-ks-console-'));
  await mkdir(join(workDir, 'configs'));
  await writeFile(join(workDir, 'configs/local_config.yaml'), stringify(localConfig(options, port)));
  await symlink(join(options.buildDir, 'dist'), join(workDir, 'dist'));

  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      '--require',
      join(CONSOLE_DIR, 'loopback.cjs'),
      join(CONSOLE_DIR, 'node_modules/@ks-console/server/server.js'),
    ],
    {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        KS_CONSOLE_HOST: options.host,
        KS_CONSOLE_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.stderr.pipe(log, { end: false });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`ks-console did not start within 60 s; its log: ${options.logFile}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`ks-console exited at start; its log: ${options.logFile}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await new Promise((resolve) => log.end(resolve));
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const url = await ready;
    return { url, ...(busy ? { busyPort: options.port } : {}), exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
