// A real OCI registry for tests: the CNCF distribution registry (Debian package
// `docker-registry`, binary /usr/bin/docker-registry), on 127.0.0.1 with a temp storage dir.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The registry binary on PATH (`docker-registry` on Debian, `registry` upstream), if any. */
export function findRegistryBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['docker-registry', 'registry']) {
      const path = join(dir, name);
      if (dir !== '' && existsSync(path)) {
        try {
          execFileSync(path, ['--version'], { stdio: 'ignore', timeout: 5000 });
          return path;
        } catch {
          // not the distribution registry
        }
      }
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  host: string;
  stop(): Promise<void>;
}

export async function startRegistry(binary: string): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'oci-registry-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['serve', config], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v2/`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the registry ${binary} did not start on 127.0.0.1:${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { host: `127.0.0.1:${port}`, stop };
}

/** A scratch directory for charts made and pushed by the real helm, and helm run inside it. */
export interface HelmWorkspace {
  dir: string;
  helm: (args: string[]) => Buffer;
  /** Sets `version: ` (and `description: ` when given) of chart `chart`'s Chart.yaml. */
  setVersion: (chart: string, version: string, description?: string) => void;
}

/**
 * `helm create chart` in a new temp directory, with helm's cache, config and data homes inside it
 * so that nothing of the machine's helm setup is read or written.
 */
export function helmWorkspace(helmBin: string, prefix: string, chart: string): HelmWorkspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_DATA_HOME: join(dir, 'data'),
  };
  const helm = (args: string[]) => execFileSync(helmBin, args, { cwd: dir, env, stdio: 'pipe' });
  helm(['create', chart]);
  const setVersion = (name: string, version: string, description?: string): void => {
    const chartYaml = join(dir, name, 'Chart.yaml');
    let text = readFileSync(chartYaml, 'utf8').replace(/^version: .*$/m, `version: ${version}`);
    if (description !== undefined) text = text.replace(/^description: .*$/m, `description: ${description}`);
    writeFileSync(chartYaml, text);
  };
  return { dir, helm, setVersion };
}
