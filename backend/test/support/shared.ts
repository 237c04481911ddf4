// Locates ../shared (reference data beside the repo). Tests that need it skip when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedDir = join(repoRoot, '..', 'shared');
export const fixtureReposDir = join(sharedDir, 'fixtures', 'helm-repos');
export const hasShared = existsSync(fixtureReposDir);
export const SKIP_NO_SHARED = '../shared is absent (a fresh clone): fixture-repo tests are skipped';
