// Real Helm repository packages from ../shared/fixtures: the emulator's loader must agree with the real
// helm binary (`helm show chart`) on which packages load, and fill the same name/version.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, FIXTURES, hasFixtures, helmBin, start } from './helpers.js';

const run = promisify(execFile);

function packages(): string[] {
  if (!hasFixtures) return [];
  const out: string[] = [];
  for (const repo of readdirSync(FIXTURES)) {
    const dir = join(FIXTURES, repo);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.tgz')) out.push(join(dir, f));
  }
  return out.sort();
}

describe.skipIf(!hasFixtures)(
  'real packages from ../shared/fixtures/helm-repos (skipped: ../shared is absent)',
  () => {
    let api: Api;
    beforeAll(async () => {
      api = await start({ ossStore: true });
    });
    afterAll(async () => {
      await api.close();
    });

    it('accepts exactly the packages helm accepts, with the same chart name and version', async () => {
      const files = packages();
      expect(files.length).toBeGreaterThan(50);
      const results: string[] = [];
      const queue = [...files];
      const worker = async (): Promise<void> => {
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
          let helmOk = true;
          let helmMeta: { name?: string; version?: string } = {};
          try {
            const { stdout } = await run(helmBin(), ['show', 'chart', f]);
            helmMeta = parse(stdout) as { name?: string; version?: string };
          } catch {
            helmOk = false;
          }
          const pkg = readFileSync(f);
          const r = await api.upload(pkg, {}, '/apps', '?validate=true');
          const ours = r.json as { versionName?: string; aliasName?: string } | undefined;
          if ((r.status === 200) !== helmOk)
            results.push(`${f}: helm ${helmOk ? 'ok' : 'fails'}, emulator ${r.status} ${r.text.trim()}`);
          else if (
            helmOk &&
            (ours?.versionName !== String(helmMeta.version) || ours.aliasName !== helmMeta.name)
          ) {
            results.push(
              `${f}: helm ${String(helmMeta.name)}@${String(helmMeta.version)}, emulator ${String(ours?.aliasName)}@${String(ours?.versionName)}`,
            );
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker(), worker(), worker()]);
      expect(results).toEqual([]);
    }, 120_000);

    it('uploads a whole repo: every version lands under its own app with the 1 MiB rule applied', async () => {
      const plain = await start();
      try {
        const dir = join(FIXTURES, 'kubesphere-main');
        const sizes: Record<string, number> = {};
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.tgz'))) {
          const pkg = readFileSync(join(dir, f));
          sizes[f] = pkg.length;
          const r = await plain.upload(pkg, {}, '/apps', '');
          if (pkg.length > 1_048_576) expect(r.status).toBe(400);
          else expect(r.status, `${f}: ${r.text}`).toBe(200);
        }
        // tomcat-0.4.1+1 needs the SHA-1 version name
        const list = (await plain.req('GET', '/apps?name=tomcat')).json as { totalItems: number };
        expect(list.totalItems).toBeGreaterThan(0);
      } finally {
        await plain.close();
      }
    }, 120_000);
  },
);
