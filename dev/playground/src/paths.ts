// Where things are, relative to the repository.
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Generated sample repositories, the console's builds and logs: rebuilt when missing, gitignored. */
export const CACHE_DIR = `${ROOT}.cache/playground`;
/** The console plugin's workspace. */
export const FRONTEND_DIR = `${ROOT}frontend`;
/** The real KubeSphere console's npm project (development only: never part of the product). */
export const CONSOLE_DIR = `${ROOT}dev/ks-console`;
