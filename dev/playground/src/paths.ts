// Where things are, relative to the repository.
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Generated sample repositories, host builds and logs: rebuilt when missing, gitignored. */
export const CACHE_DIR = `${ROOT}.cache/playground`;
/** The console plugin's workspace. */
export const FRONTEND_DIR = `${ROOT}frontend`;
/** The playground's host page sources (built with vite into the cache). */
export const HOST_SRC_DIR = fileURLToPath(new URL('../host/', import.meta.url));
