// A chart version's store category and why: the caller's per-chart mapping, else the chart's own
// annotations (KubeSphere's, Bitnami's readable one, Artifact Hub's, Bitnami's Tanzu one), else the
// first admin rule that matches its name or keywords, else none (uncategorized).
import picomatch from 'picomatch';
import { z } from 'zod';

import { InputError } from '../errors.js';
import { refused, type RequestWhy } from '../messages/refusal.js';

/** An admin rule: charts whose name matches a pattern, or that have a keyword, go to `category`. */
export interface CategoryRule {
  category: string;
  /** Glob patterns (picomatch) on the chart name, case-insensitive. */
  names?: string[];
  /** Words matched against Chart.yaml's keywords, whole and case-insensitive. */
  keywords?: string[];
}

/** The annotations that name a category, in the order they are read. */
export const CATEGORY_ANNOTATIONS = [
  'app.kubesphere.io/category',
  // Read before Artifact Hub's since before there were rules: Bitnami's charts carry their readable
  // category here (`category: Database`), and earlier imports honoured it first.
  'category',
  'artifacthub.io/category',
  'tanzuCategory',
] as const;
export type CategoryAnnotation = (typeof CATEGORY_ANNOTATIONS)[number];

export type CategorySource =
  /** The request's per-chart mapping. */
  | { kind: 'mapping' }
  | { kind: 'annotation'; key: CategoryAnnotation }
  /** `rule`: its index in the rules, from 0; `match`: the name pattern or keyword that matched. */
  | { kind: 'rule'; rule: number; match: string }
  | { kind: 'none' };

export interface CategoryDecision {
  /** Display name (or object name) of the category; undefined for uncategorized. */
  category?: string;
  source: CategorySource;
}

/** What decides categories besides the charts themselves. */
export interface CategoryPolicy {
  /** Store category by chart name: wins over everything. */
  categories?: ReadonlyMap<string, string>;
  /** Ordered; the first that matches wins, after the annotations. */
  categoryRules?: readonly CategoryRule[];
}

/**
 * Artifact Hub's fixed category values (artifacthub.io/docs/topics/annotations/helm) as readable
 * store names; `skip-prediction` is an instruction to Artifact Hub, not a category.
 */
export const ARTIFACT_HUB_CATEGORIES: Readonly<Record<string, string | null>> = {
  'ai-machine-learning': 'AI / Machine Learning',
  'machine-learning': 'AI / Machine Learning',
  database: 'Database',
  'integration-delivery': 'Integration and Delivery',
  'monitoring-logging': 'Monitoring and Logging',
  networking: 'Networking',
  security: 'Security',
  storage: 'Storage',
  'streaming-messaging': 'Streaming and Messaging',
  'web-applications': 'Web Applications',
  'skip-prediction': null,
};

/** Bitnami's `tanzuCategory` values (application, service, clusterUtility) as readable store names. */
export const TANZU_CATEGORIES: Readonly<Record<string, string>> = {
  application: 'Applications',
  service: 'Services',
  clusterUtility: 'Cluster Utilities',
};

/** The store name an annotation's value stands for: mapped when known, else the value as it is. */
function annotationCategory(key: CategoryAnnotation, value: string): string | undefined {
  const table =
    key === 'artifacthub.io/category'
      ? ARTIFACT_HUB_CATEGORIES
      : key === 'tanzuCategory'
        ? TANZU_CATEGORIES
        : {};
  if (!Object.hasOwn(table, value)) return value;
  return table[value] ?? undefined;
}

/** What a chart version says of itself: its name, annotations and keywords. */
export interface CategorizedChart {
  name: string;
  annotations: Readonly<Record<string, string>>;
  keywords: readonly string[];
}

/** The category a chart version goes to and which source decided it. */
export function decideCategory(chart: CategorizedChart, policy: CategoryPolicy = {}): CategoryDecision {
  const mapped = policy.categories?.get(chart.name);
  if (mapped !== undefined) return { category: mapped, source: { kind: 'mapping' } };
  for (const key of CATEGORY_ANNOTATIONS) {
    const value = chart.annotations[key]?.trim();
    const category = value ? annotationCategory(key, value) : undefined;
    if (category) return { category, source: { kind: 'annotation', key } };
  }
  const keywords = new Set(chart.keywords.map((word) => word.trim().toLowerCase()));
  for (const [index, rule] of compiled(policy.categoryRules ?? []).entries()) {
    const match =
      rule.names.find(({ test }) => test(chart.name))?.pattern ??
      rule.keywords.find((word) => keywords.has(word.toLowerCase()));
    if (match !== undefined) return { category: rule.category, source: { kind: 'rule', rule: index, match } };
  }
  return { source: { kind: 'none' } };
}

interface CompiledRule {
  category: string;
  names: { pattern: string; test: (name: string) => boolean }[];
  keywords: readonly string[];
}

/** Matchers compiled once per rule list, not once per chart. */
const compiledRules = new WeakMap<readonly CategoryRule[], CompiledRule[]>();
function compiled(rules: readonly CategoryRule[]): CompiledRule[] {
  let result = compiledRules.get(rules);
  if (!result) {
    result = rules.map(({ category, names = [], keywords = [] }) => ({
      category,
      names: names.map((pattern) => ({ pattern, test: picomatch(pattern, { nocase: true }) })),
      keywords,
    }));
    compiledRules.set(rules, result);
  }
  return result;
}

/** Limits of a rule list: what a page or a file reasonably holds. */
// `wildcards`: picomatch compiles each `*` or `?` to a regex part that can backtrack; a handful
// already covers any real chart name, and the count bounds the matching work (no ReDoS).
export const CATEGORY_RULE_LIMITS = {
  rules: 100,
  patterns: 50,
  length: 128,
  category: 64,
  wildcards: 4,
} as const;

/** An extended glob's opening (`+(a|aa)` compiles to a nested quantifier that backtracks). */
const EXTGLOB = /[*?+@!]\(/;

/** Why a name pattern cannot work on chart names, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  if (/\s/.test(pattern)) return 'has a space in it, which no chart name has';
  if (pattern.includes('/')) return 'has a "/" in it, which no chart name has';
  const wildcards = pattern.replace(/[^*?]/g, '').length;
  if (wildcards > CATEGORY_RULE_LIMITS.wildcards)
    return `has ${String(wildcards)} wildcards ("*" or "?"), more than ${String(CATEGORY_RULE_LIMITS.wildcards)}: matching it could take too long`;
  if (EXTGLOB.test(pattern))
    return 'has an extended glob ("+(", "*(", "?(", "@(" or "!("), which is not supported: matching it could take too long';
  try {
    // picomatch compiles an unclosed brace or an invalid range to a pattern that matches nothing.
    if (picomatch.makeRe(pattern).source === '$^') return 'matches nothing (an unclosed "{" or "(")';
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

const word = (what: string) =>
  z
    .string({ error: `a ${what} is a string` })
    .min(1, `a ${what} is not empty`)
    .max(
      CATEGORY_RULE_LIMITS.length,
      `a ${what} has at most ${String(CATEGORY_RULE_LIMITS.length)} characters`,
    );

export const categoryRuleSchema = z
  .strictObject({
    category: z
      .string({ error: 'category is required: the store category of the charts it matches' })
      .max(
        CATEGORY_RULE_LIMITS.category,
        `category has at most ${String(CATEGORY_RULE_LIMITS.category)} characters`,
      )
      .regex(/^\S(.*\S)?$/, 'category is a name on one line, without spaces around it'),
    names: z
      .array(
        word('name pattern').superRefine((pattern, context) => {
          const problem = patternProblem(pattern);
          if (problem)
            context.addIssue({
              code: 'custom',
              message: `name pattern ${JSON.stringify(pattern)} ${problem}`,
              params: { why: 'pattern-invalid' },
            });
        }),
      )
      .max(CATEGORY_RULE_LIMITS.patterns)
      .optional(),
    keywords: z
      .array(word('keyword').regex(/^\S(.*\S)?$/, 'a keyword has no spaces around it'))
      .max(CATEGORY_RULE_LIMITS.patterns)
      .optional(),
  })
  .refine((rule) => (rule.names?.length ?? 0) + (rule.keywords?.length ?? 0) > 0, {
    message: 'a rule needs at least one name pattern or keyword, else it matches no chart',
    params: { why: 'rule-matches-nothing' },
  });

export const categoryRulesSchema = z
  .array(categoryRuleSchema)
  .max(CATEGORY_RULE_LIMITS.rules, `at most ${String(CATEGORY_RULE_LIMITS.rules)} rules`);

/** A rules file (YAML or JSON): `rules: [...]` and nothing else. */
export const categoryRulesFileSchema = z.strictObject({ rules: categoryRulesSchema });

/** Where an issue is: `rules[1].names[0]` under `root`. */
function issuePath(issue: z.core.$ZodIssue, root: string): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${String(part)}]` : `.${String(part)}`))
    .join('');
  return `${root}${path}`.replace(/^\./, '');
}

/** The problems, each after where it is (`rules[1].names[0]`), joined by "; ". */
function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const where = issuePath(issue, root);
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Why by the first issue, with what the sentence names: the console says it in its language. */
function rulesRefused(error: z.ZodError, root: string): InputError {
  const [issue] = error.issues;
  const problem = describeIssues(error, root);
  if (issue === undefined) return new InputError(problem);
  // An unknown key is named itself, as the service's schema names one (`rules[0].colour`).
  const field =
    issuePath(issue, root) + (issue.code === 'unrecognized_keys' ? `.${issue.keys.join(', ')}` : '');
  const custom: unknown = issue.code === 'custom' ? issue.params?.why : undefined;
  const sized = (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'array';
  const [why, extra]: [RequestWhy, Record<string, string | number>] =
    custom === 'pattern-invalid'
      ? [custom, { wildcards: CATEGORY_RULE_LIMITS.wildcards }]
      : custom === 'rule-matches-nothing'
        ? [custom, {}]
        : issue.code === 'too_big'
          ? [sized ? 'too-many' : 'too-long', { limit: Number(issue.maximum) }]
          : issue.code === 'too_small'
            ? [sized ? 'too-few' : 'empty', { limit: Number(issue.minimum) }]
            : issue.code === 'invalid_type'
              ? [issue.input === undefined ? 'required' : 'wrong-type', {}]
              : issue.code === 'unrecognized_keys'
                ? ['unknown-field', {}]
                : ['invalid-value', {}];
  return new InputError(refused(problem, why, field, extra));
}

/** Rules of a request body (`categoryRules`), or an InputError saying what is wrong where. */
export function parseCategoryRules(input: unknown): CategoryRule[] {
  // The input in each issue tells a missing value (required) from one of the wrong type.
  const result = categoryRulesSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw rulesRefused(result.error, 'categoryRules');
  return result.data;
}

/** Rules of a file's parsed content (`rules: [...]`); `file` names it in the error. */
export function parseCategoryRulesFile(content: unknown, file: string): CategoryRule[] {
  const result = categoryRulesFileSchema.safeParse(content);
  if (!result.success) throw new InputError(`${file}: ${describeIssues(result.error, '')}`);
  return result.data.rules;
}
