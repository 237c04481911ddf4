import type { Message } from '../messages/index.js';
import type { CategorySource } from './category.js';
import type { ChartVersionRef } from '../repo/types.js';
import type { StoreApp, StoreVersion } from '../store/types.js';

export type VersionPolicy = { kind: 'latest' } | { kind: 'all' } | { kind: 'newest'; count: number };
export type PublishMode = 'active' | 'review' | 'draft';

export interface Selection {
  versions: VersionPolicy;
  /** Only these charts; undefined for every chart of the repository. */
  charts?: string[];
  includeDeprecated: boolean;
}

/** What to do with one chart version. */
export type VersionAction =
  /** Not in the store: upload it. */
  | 'create'
  /** In the store as a draft, or with no state at all (its upload failed half-way): check its package, then publish it. */
  | 'resume'
  /** In the store already and past draft: leave it as it is. */
  | 'exists';

export interface VersionPlan {
  ref: ChartVersionRef;
  action: VersionAction;
  existing?: StoreVersion;
  /** Set when the server cannot store this version (store/dialect.ts): it fails with this reason. */
  refused?: Message;
}

export interface ChartPlan {
  chart: string;
  appName: string;
  /** Display name of the chart's category; undefined when the chart names none. */
  category?: string;
  /** What decided `category` (plan/category.ts). */
  categorySource: CategorySource;
  /** The store app this chart maps to, when it exists. */
  app?: StoreApp;
  /** Oldest first: the first creates the app, the newest goes last (order.ts newestLast). */
  versions: VersionPlan[];
  /** Every version the store app has now, selected or not. */
  storeVersions: StoreVersion[];
  /** Set when the chart cannot be imported at all; every version fails with it. */
  blocked?: Message;
  /**
   * Set when `app` is an app uploaded by hand (plan/adopt.ts): `adopted` by this run, or `found`
   * adopted by an earlier one. Its name, category and icon stay the admin's.
   */
  adoption?: 'adopted' | 'found';
}

export interface ImportPlan {
  charts: ChartPlan[];
  /** Charts asked for with --charts that the repository does not have. */
  missingCharts: string[];
  warnings: Message[];
}
