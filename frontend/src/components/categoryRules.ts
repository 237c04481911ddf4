// Category rules as the page edits them (one text per list, comma-separated) and as the API takes
// them, and where a chart's category comes from, in words. Shared by the wizard and the sync form;
// the service decides which rule matches (the engine's plan/category.ts), never the page.
import type { CategoryRule, CategorySource } from '../api';
import { asText } from '../i18n';

/** One rule in the editor: the lists as typed. */
export interface RuleDraft {
  category: string;
  /** Chart name patterns, separated by commas or spaces (a pattern has no space). */
  names: string;
  /** Chart keywords, separated by commas (a keyword may have spaces). */
  keywords: string;
}

export const EMPTY_RULE: RuleDraft = { category: '', names: '', keywords: '' };

const namesOf = (text: string): string[] => text.split(/[\s,]+/).filter((word) => word !== '');
const keywordsOf = (text: string): string[] =>
  text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');

const matchCount = (draft: RuleDraft): number =>
  namesOf(draft.names).length + keywordsOf(draft.keywords).length;
const isBlank = (draft: RuleDraft): boolean => draft.category.trim() === '' && matchCount(draft) === 0;
/** Typed in part: it cannot be sent yet (ruleDraftsProblem says so). */
const isIncomplete = (draft: RuleDraft): boolean =>
  !isBlank(draft) && (draft.category.trim() === '' || matchCount(draft) === 0);

/**
 * The rules to send: blank rows and rules still being typed left out (so that the categories shown
 * meanwhile follow the complete ones); undefined when none is left.
 */
export function toCategoryRules(drafts: readonly RuleDraft[]): CategoryRule[] | undefined {
  const rules = drafts
    .filter((draft) => !isBlank(draft) && !isIncomplete(draft))
    .map((draft): CategoryRule => {
      const names = namesOf(draft.names);
      const keywords = keywordsOf(draft.keywords);
      return {
        category: draft.category.trim(),
        ...(names.length > 0 ? { names } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
      };
    });
  return rules.length > 0 ? rules : undefined;
}

/** The first rule that cannot be sent (no category, or nothing to match), in words. */
export function ruleDraftsProblem(drafts: readonly RuleDraft[]): string | undefined {
  const index = drafts.findIndex(isIncomplete);
  return index < 0 ? undefined : t('CATEGORY_RULE_INCOMPLETE', asText({ number: index + 1 }));
}

/** The editor's rows for rules the API has (a job's, a sync's, an address's). */
export function ruleDraftsOf(rules: readonly CategoryRule[] | undefined): RuleDraft[] {
  return (rules ?? []).map((rule) => ({
    category: rule.category,
    names: (rule.names ?? []).join(', '),
    keywords: (rule.keywords ?? []).join(', '),
  }));
}

/** Where a chart's category comes from, in a few words; undefined when nothing names one. */
export function categorySourceText(source: CategorySource | undefined): string | undefined {
  switch (source?.kind) {
    case 'mapping':
      return t('CATEGORY_SOURCE_MAPPING');
    case 'annotation':
      return t('CATEGORY_SOURCE_ANNOTATION', asText({ key: source.key ?? '' }));
    case 'rule':
      return t('CATEGORY_SOURCE_RULE', asText({ number: (source.rule ?? 0) + 1, match: source.match ?? '' }));
    default:
      return undefined;
  }
}
