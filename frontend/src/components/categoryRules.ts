// Category rules as the page edits them (one text per list) and as the API takes
// them, and where a chart's category comes from, in words. Shared by the wizard and the sync form;
// the service decides which rule matches (the engine's plan/category.ts), never the page.
import { ApiError, type CategoryRule, type CategorySource } from '../api';
import { asText } from '../i18n';

/** One rule in the editor: the lists as typed. */
export interface RuleDraft {
  /** Made with the draft and never changed: the editor keys its row by it, not by its place. */
  id: string;
  category: string;
  /** Chart name patterns, separated by spaces or by commas outside `{}` (a pattern has no space). */
  names: string;
  /** Chart keywords, separated by commas, also the Chinese `，` and `、` (a keyword may have spaces). */
  keywords: string;
}

let drafts = 0;
/** A new rule, blank unless `fields` fill it in. */
export function newRuleDraft(fields: Partial<Omit<RuleDraft, 'id'>> = {}): RuleDraft {
  drafts += 1;
  return { category: '', names: '', keywords: '', ...fields, id: `rule-${String(drafts)}` };
}

/**
 * Name patterns as typed: a comma inside braces belongs to the pattern (`{postgres,mysql}*` is one
 * pattern), so only whitespace and commas outside them separate patterns.
 */
export function namesOf(text: string): string[] {
  const names: string[] = [];
  let word = '';
  let depth = 0;
  for (const char of text) {
    if (/\s/.test(char) || (char === ',' && depth === 0)) {
      if (word !== '') names.push(word);
      word = '';
      continue;
    }
    if (char === '{') depth += 1;
    else if (char === '}' && depth > 0) depth -= 1;
    word += char;
  }
  if (word !== '') names.push(word);
  return names;
}

/** Name patterns as the editor shows them: namesOf gives the same list back. */
export const namesText = (names: readonly string[]): string => names.join(', ');

/** Keywords as typed: a zh IME types `，` or `、` where English has a comma. */
export function keywordsOf(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

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

/**
 * Whether the service refused the rules themselves (a 400 naming `categoryRules`): only then does
 * the editor say so; any other failure (network, permissions, the repository) is shown as it is.
 */
export function refusesRules(error: unknown): boolean {
  return error instanceof ApiError && error.code === 400 && error.message.includes('categoryRules');
}

/** The editor's rows for rules the API has (a job's, a sync's, an address's). */
export function ruleDraftsOf(rules: readonly CategoryRule[] | undefined): RuleDraft[] {
  return (rules ?? []).map((rule) =>
    newRuleDraft({
      category: rule.category,
      names: namesText(rule.names ?? []),
      keywords: (rule.keywords ?? []).join(', '),
    }),
  );
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
