// What every App Store handler works with: the objects, the configuration, and persistence.
import type { StoreConfig } from './helper.js';
import type { Store } from './store.js';

export interface Deps {
  store: Store;
  cfg: StoreConfig;
  persist: () => void;
}
