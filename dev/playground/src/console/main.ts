// `npm run console`: installs the real KubeSphere console's packages and builds it, when they are
// not there yet for this lockfile (npm test runs it before the tests, so that the browser tests
// find it ready and the build's memory peak does not meet the tests').
import { join } from 'node:path';

import { CACHE_DIR } from '../paths.js';
import { ensureConsole } from './build.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

try {
  const logDir = join(CACHE_DIR, 'logs', 'console');
  const build = await ensureConsole(logDir, say);
  console.log(`KubeSphere console ready: ${build}`);
} catch (error) {
  console.error(`console: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
