// The review's statements: what starting the import will do, in words, from the choices and the
// plan (a preview of exactly the job). Pure, so the tests read them in both languages.
import type { CreateJobRequest, StoreCategory } from '../../../api';
import { formatBytes } from '../../../components/format';
import { asText, listText } from '../../../i18n';
import { versionsLabel } from '../jobs/describe';
import { UNCATEGORIZED } from '../../../components/categories';
import { prunedCounts, type PrunedEntry } from '../../../components/PrunedList';
import { policySentence } from '../../../components/verify';
import { storageCost, type PlanSummary } from './plan';

export type ReviewChoices = Pick<
  CreateJobRequest,
  'versions' | 'publish' | 'workspace' | 'includeDeprecated' | 'prune' | 'adopt' | 'verify'
>;

export interface ReviewStatement {
  id:
    | 'target'
    | 'publish'
    | 'versions'
    | 'deprecated'
    | 'new'
    | 'categories'
    | 'storage'
    | 'prune'
    | 'adopt'
    | 'verify';
  label: string;
  text: string;
}

/**
 * The categories the import creates: those of the new apps with versions to upload that the store
 * has under no display name or name, compared without case as the engine does; sorted.
 */
export function categoriesToCreate(plan: PlanSummary, store: readonly StoreCategory[]): string[] {
  const known = new Set(
    store.flatMap(({ name, displayName }) => [name.toLowerCase(), displayName.toLowerCase()]),
  );
  known.add(UNCATEGORIZED);
  const created = new Map<string, string>();
  for (const chart of plan.charts) {
    const category = chart.category;
    // Only a new app gets a category: the store's apps (adopted ones too) keep theirs.
    if (chart.create.length === 0 || !chart.newApp || category === undefined) continue;
    const key = category.toLowerCase();
    if (!known.has(key) && !created.has(key)) created.set(key, category);
  }
  return [...created.values()].sort((a, b) => a.localeCompare(b));
}

function targetText({ workspace }: ReviewChoices): string {
  return workspace
    ? t('WIZARD_REVIEW_TARGET_WORKSPACE', asText({ workspace }))
    : t('WIZARD_REVIEW_TARGET_GLOBAL');
}

function publishText({ publish = 'active', workspace }: ReviewChoices): string {
  // The API's default when absent: released.
  switch (publish) {
    case 'active':
      return workspace
        ? t('WIZARD_REVIEW_PUBLISH_ACTIVE_WORKSPACE', asText({ workspace }))
        : t('WIZARD_REVIEW_PUBLISH_ACTIVE');
    case 'review':
      return t('WIZARD_REVIEW_PUBLISH_REVIEW');
    case 'draft':
      return t('WIZARD_REVIEW_PUBLISH_DRAFT');
  }
}

function categoriesText(plan: PlanSummary, store: readonly StoreCategory[] | undefined): string {
  if (store === undefined) return t('WIZARD_REVIEW_CATEGORIES_UNKNOWN');
  const created = categoriesToCreate(plan, store);
  return created.length === 0
    ? t('WIZARD_REVIEW_CATEGORIES_NONE')
    : t('WIZARD_REVIEW_CATEGORIES_CREATED', asText({ count: created.length, names: listText(created) }));
}

/** Where the packages go and what they cost there; never "at most 0 B" for sizes not known. */
export function storageText(plan: PlanSummary): string {
  const cost = storageCost(plan);
  switch (cost.kind) {
    case 'none':
      return t('WIZARD_REVIEW_STORAGE_NONE');
    case 'etcd': {
      const params = {
        size: formatBytes(cost.atMost),
        limit: formatBytes(cost.limit),
        count: cost.unknownSizes,
      };
      return cost.unknownSizes === 0
        ? t('WIZARD_REVIEW_STORAGE_ETCD', asText(params))
        : t('WIZARD_REVIEW_STORAGE_ETCD_UNKNOWN', asText(params));
    }
    case 's3': {
      const params = asText({ size: formatBytes(cost.bytes), count: cost.unknownSizes });
      if (cost.unknownSizes === 0) return t('WIZARD_REVIEW_STORAGE_S3', params);
      return cost.bytes === 0
        ? t('WIZARD_REVIEW_STORAGE_S3_UNKNOWN_ALL')
        : t('WIZARD_REVIEW_STORAGE_S3_UNKNOWN', params);
    }
  }
}

/** What the import will do, one statement per aspect, in the order the review lists them. */
export function reviewStatements(
  choices: ReviewChoices,
  plan: PlanSummary,
  storeCategories: readonly StoreCategory[] | undefined,
  /** The review preview's `pruned`: what a job with `prune` removes and keeps. */
  pruned?: readonly PrunedEntry[],
): ReviewStatement[] {
  const statements: ReviewStatement[] = [
    { id: 'target', label: t('WIZARD_REVIEW_TARGET'), text: targetText(choices) },
    { id: 'publish', label: t('WIZARD_REVIEW_PUBLISH'), text: publishText(choices) },
    { id: 'versions', label: t('WIZARD_REVIEW_VERSIONS'), text: versionsLabel(choices.versions ?? 'latest') },
    {
      id: 'deprecated',
      label: t('WIZARD_REVIEW_DEPRECATED'),
      text:
        choices.includeDeprecated === true
          ? t('WIZARD_REVIEW_DEPRECATED_IN')
          : t('WIZARD_REVIEW_DEPRECATED_OUT'),
    },
    {
      id: 'new',
      label: t('WIZARD_REVIEW_NEW'),
      text: newCounts(plan),
    },
    { id: 'categories', label: t('WIZARD_REVIEW_CATEGORIES'), text: categoriesText(plan, storeCategories) },
    { id: 'storage', label: t('WIZARD_REVIEW_STORAGE'), text: storageText(plan) },
  ];
  if (choices.prune === true)
    statements.push({ id: 'prune', label: t('PRUNE_REVIEW'), text: pruneText(pruned) });
  if (choices.adopt === true)
    statements.push({ id: 'adopt', label: t('ADOPT_REVIEW'), text: adoptText(plan) });
  statements.push({ id: 'verify', label: t('VERIFY_TITLE'), text: policySentence(choices.verify) });
  return statements;
}

/** Which charts go to apps uploaded by hand (the API's `adopt`), from the review's preview. */
function adoptText(plan: PlanSummary): string {
  const adopting = plan.charts.flatMap(({ name, adopts }) =>
    adopts === undefined ? [] : [t('ADOPT_REVIEW_CHART', asText({ chart: name, app: adopts }))],
  );
  return adopting.length === 0
    ? t('ADOPT_REVIEW_NONE')
    : t('ADOPT_REVIEW_ADOPTING', asText({ count: adopting.length, charts: listText(adopting) }));
}

function pruneText(pruned: readonly PrunedEntry[] | undefined): string {
  const { removed, kept } = prunedCounts(pruned ?? []);
  return t('PRUNE_REVIEW_REMOVE', asText({ count: removed, kept }));
}

function newCounts(plan: PlanSummary): string {
  const { appsToCreate: apps, versionsToCreate: versions, versionsExisting: existing } = plan;
  return t('WIZARD_REVIEW_NEW_COUNTS', asText({ apps, versions, existing }));
}

/** A large plan starts only once its number of versions to create is typed. */
export function largePlanConfirmed(plan: PlanSummary, typed: string): boolean {
  // The count is shown with the locale's group separators ("1,234"): typed with or without them.
  return !plan.large || typed.replace(/[\s,.'\u00a0\u202f]/g, '') === String(plan.versionsToCreate);
}
