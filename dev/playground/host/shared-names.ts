// The modules the host shares with extensions: exactly the console externals the bundle is built
// against (frontend/build/externals.ts, from kubesphere/console server/configs/systemImports.js).
// The console also shares @ks-console/shared, @kubed/charts, @kubed/code-editor and wujie-react;
// this project does not use them, so the playground does not provide them and a bundle that
// imports one fails to load here.
import { CONSOLE_EXTERNALS } from '../../../frontend/build/externals.js';

export const SHARED_MODULE_NAMES: readonly string[] = CONSOLE_EXTERNALS;

/** The import map's target for a shared module, as in the console: `react` -> `core:react`. */
export function systemId(name: string): string {
  return `core:${name}`;
}
