// ks-console 4.1.1 fills the header's extension drawer (the grid button) once, before the
// extensions installed in the cluster have registered their menus: its Pages renders the layout
// first (kubesphere/console v4.1.1 packages/core/src/Pages.tsx: useState(false)), and the Header's
// first effect caches the global navs under GLOBAL_NAV (components/Layouts/Header) without them.
// 4.1.2 shows the layout only after the extensions have registered (commit a96de0a67, #4296).
// On 4.1.1 this clears that cache while the extension registers, so the Header computes it again,
// with every extension's entry, when the console shows the layout after loading the extensions.
// On later consoles nothing is cached yet at that point, and clearing it changes nothing.

const GLOBAL_STORE = 'GlobalStore';
const GLOBAL_NAV = 'GLOBAL_NAV';

interface SystemLoader {
  import(id: string): Promise<unknown>;
}

/** @ks-console/shared's hooks/useCache: sets a CacheStoreProvider entry from outside React. */
type MutateCacheStore = (key: string, value: (current: unknown) => unknown) => void;

/** Thrown inside the store's update to leave it untouched: mutateCacheStore always writes what it gets. */
class NothingCached extends Error {}

/** The global store without the drawer's cached navs; throws NothingCached when it has none. */
function withoutGlobalNavs(store: unknown): unknown {
  const navs: unknown =
    typeof store === 'object' && store !== null && 'navs' in store ? store.navs : undefined;
  if (typeof navs !== 'object' || navs === null || !(GLOBAL_NAV in navs)) throw new NothingCached();
  const { [GLOBAL_NAV]: _cached, ...others } = navs as Record<string, unknown>;
  return { ...(store as object), navs: others };
}

/** Clears the drawer's cached entries through the console's shared module, when the console has one. */
export async function clearCachedGlobalNavs(
  system: SystemLoader | undefined = (globalThis as { System?: SystemLoader }).System,
): Promise<void> {
  if (system === undefined) return;
  try {
    const shared = (await system.import('@ks-console/shared')) as { mutateCacheStore?: unknown };
    if (typeof shared.mutateCacheStore === 'function')
      (shared.mutateCacheStore as MutateCacheStore)(GLOBAL_STORE, withoutGlobalNavs);
  } catch {
    // Nothing cached (a later console, or a page without the header yet), or a console without
    // that shared module: its drawer has its own logic.
  }
}
