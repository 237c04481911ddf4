// The shared fixture repositories (real KubeSphere Helm repos), copied to a temp dir with their
// absolute https://charts.kubesphere.io/<name>/ URLs rewritten for a local server.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is backend/test/support/fixtures.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** ../shared beside the repository root. */
export const sharedDir = resolve(repoRoot, '../shared');
export const helmReposDir = join(sharedDir, 'fixtures/helm-repos');
export const hasFixtures = existsSync(helmReposDir);
export const SKIP_NO_FIXTURES = '../shared is absent (a fresh clone): fixture-repo tests are skipped';
export const FIXTURE_REPOS = ['kubesphere-main', 'kubesphere-test', 'kubesphere-experimental'] as const;

/** The `main` of `kubesphere-main`: the path of the repo on charts.kubesphere.io. */
export function upstreamPath(repo: string): string {
  return repo.replace(/^kubesphere-/, '');
}

/**
 * Copies a fixture repo to a temp dir. `mode` "absolute" rewrites chart URLs to `baseUrl`
 * (which ends with '/'); "relative" leaves bare file names, as `helm repo index` does without --url.
 */
export function copyFixtureRepo(repo: string, mode: 'absolute' | 'relative', baseUrl = ''): string {
  const dir = mkdtempSync(join(tmpdir(), `${repo}-`));
  cpSync(join(helmReposDir, repo), dir, { recursive: true });
  const index = readFileSync(join(dir, 'index.yaml'), 'utf8');
  const upstream = `https://charts.kubesphere.io/${upstreamPath(repo)}/`;
  writeFileSync(join(dir, 'index.yaml'), index.replaceAll(upstream, mode === 'absolute' ? baseUrl : ''));
  return dir;
}
