// The wizard's address state, one encoding for two uses: a past job's source, options, charts and
// categories carried by the job page's "Import again" and "Retry failed" links (no `step`), and the
// wizard's own work, which it keeps written in its address (with `step`) so that tabs, Back/Forward
// and a reload find it again (see useWizardAddress.ts). Never any secret: credentials, username and
// CA stay in memory, only their kind is kept (`auth`, `needsCredentials`), and userinfo of a URL is
// dropped. Bounded (MAX_QUERY_LENGTH): public keys too long for an address are left out first, then
// a selection still too long; each is said so.
import {
  schemaLimits,
  publishModeValues,
  type CategoryMapping,
  type CategoryRule,
  type ConfiguredRepoRef,
  type ImportSpec,
  type PublishMode,
  signaturePolicyValues,
  type VerifySettings,
} from '../../../api';
import { BUNDLE_ID } from '../../../components/source';
import { MAX_COSIGN_KEY, MAX_KEYRING } from '../../../components/verify';

/** A URL source's settings: never its credentials, only whether they may go to other hosts. */
export interface UrlPrefill {
  url: string;
  insecureSkipTLSVerify: boolean;
  plainHttp: boolean;
  passCredentials: boolean;
}

/** The wizard's steps as its address names them. */
export const wizardStepValues = ['source', 'charts', 'options', 'review'] as const;
export type WizardStep = (typeof wizardStepValues)[number];

export interface WizardPrefill {
  /** The wizard's own work (absent in a past job's link): the step it was on. */
  step?: WizardStep;
  /** `bundle`: an uploaded offline bundle's id; the file itself must be chosen again (the page keeps none). */
  source?: UrlPrefill | { repo: ConfiguredRepoRef } | { bundle: string };
  /** The kind of credentials the URL source was read with; their values are never kept. */
  auth?: 'basic' | 'token';
  versions?: string;
  publish?: PublishMode;
  /** Absent for the global store. */
  workspace?: string;
  includeDeprecated?: boolean;
  /** Remove the store versions the repository no longer lists (the API's `prune`). */
  prune?: boolean;
  /** Adopt apps uploaded by hand (the API's `adopt`). */
  adopt?: boolean;
  /** Only these charts ([]: none); absent: every chart the options take. */
  charts?: string[];
  /** Every chart the options take but these: shorter than `charts` when few are left out. */
  except?: string[];
  /** Chart -> store category, as the job mapped them. */
  categories?: CategoryMapping;
  /** The job's category rules, in order. */
  categoryRules?: CategoryRule[];
  /** The job's signature policy and public keys (only the policy when `keysDropped`). */
  verify?: VerifySettings;
  /** The public keys were left out (only the policy is kept): they did not fit in an address. */
  keysDropped?: boolean;
  /** The source needed credentials or a CA that are never kept: the wizard asks for them. */
  needsCredentials?: boolean;
  /** The charts and categories were left out: they did not fit in an address. */
  trimmed?: boolean;
}

/** Every query key the prefill uses. */
export const PREFILL_KEYS = [
  'step',
  'url',
  'auth',
  'insecureSkipTLSVerify',
  'plainHttp',
  'passCredentials',
  'repo',
  'repoWorkspace',
  'bundle',
  'versions',
  'publish',
  'workspace',
  'includeDeprecated',
  'prune',
  'adopt',
  'charts',
  'except',
  'categories',
  'categoryRules',
  'verify',
  'keysDropped',
  'needsCredentials',
  'trimmed',
] as const;

/**
 * The longest query the wizard writes. With the console's origin and path the whole address stays
 * under 8 KiB, what common proxies (nginx's default request line buffer) and servers accept, so a
 * reload or a shared link never fails on its length. Public keys (a keyring may take 64 KiB) are
 * left out first (`keysDropped`, the policy stays); then, past about 300 chart names, the charts and
 * categories (`trimmed`). The page frame still keeps them in memory for its tabs, and a reload says
 * what could not be kept.
 */
export const MAX_QUERY_LENGTH = 6000;

// What the service accepts (the contract's schemas), so a link never prefills a value it refuses.

const WORKSPACE = new RegExp(schemaLimits.Workspace.pattern);
const REPO_NAME = new RegExp(schemaLimits.ConfiguredRepoRef.properties.name.pattern);
const REPO_URL = new RegExp(schemaLimits.RepositoryUrl.pattern);
const CHART = new RegExp(schemaLimits.Charts.items.pattern);
const MAX_CHARTS = schemaLimits.Charts.maxItems;
const CATEGORY = new RegExp(schemaLimits.CategoryMapping.additionalProperties.pattern);
const MAX_CATEGORY = schemaLimits.CategoryMapping.additionalProperties.maxLength;

function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The prefill that repeats a job: its source and options, optionally only some charts. */
export function prefillOf(spec: ImportSpec, charts = spec.charts): WizardPrefill {
  const { source } = spec;
  return {
    source: source.configuredRepo
      ? { repo: source.configuredRepo }
      : source.bundle
        ? { bundle: source.bundle.sha256 }
        : {
            url: withoutUserinfo(source.url),
            insecureSkipTLSVerify: source.insecureSkipTLSVerify ?? false,
            plainHttp: source.plainHttp ?? false,
            passCredentials: source.passCredentials ?? false,
          },
    versions: spec.versions,
    publish: spec.publish,
    ...(spec.workspace ? { workspace: spec.workspace } : {}),
    includeDeprecated: spec.includeDeprecated,
    ...(spec.prune === true ? { prune: true } : {}),
    ...(spec.adopt === true ? { adopt: true } : {}),
    ...(charts && charts.length > 0 ? { charts } : {}),
    ...(spec.categories && Object.keys(spec.categories).length > 0 ? { categories: spec.categories } : {}),
    ...(spec.categoryRules && spec.categoryRules.length > 0 ? { categoryRules: spec.categoryRules } : {}),
    ...(spec.verify && spec.verify.policy !== 'off' ? { verify: spec.verify } : {}),
    // Read with a sync's stored credentials, or a client certificate: the wizard has none of them.
    ...(source.secretRef || source.hasClientCertificate ? { needsCredentials: true } : {}),
  };
}

/** `?url=...&versions=...`: the query string for the wizard's path, at most MAX_QUERY_LENGTH long. */
export function prefillQuery(prefill: WizardPrefill): string {
  let query = queryOf(prefill);
  const { verify } = prefill;
  // The keys first: the admin pastes them again, while a selection of hundreds of charts is lost.
  const withoutKeys: WizardPrefill =
    verify && (verify.keyring !== undefined || verify.cosignKey !== undefined)
      ? { ...prefill, verify: { policy: verify.policy }, keysDropped: true }
      : prefill;
  if (query.length > MAX_QUERY_LENGTH && withoutKeys !== prefill) query = queryOf(withoutKeys);
  if (query.length > MAX_QUERY_LENGTH) {
    // The selection must go anyway: the keys come back when they fit beside what is left.
    query = queryOf({ ...prefill, trimmed: true });
    if (query.length > MAX_QUERY_LENGTH) query = queryOf({ ...withoutKeys, trimmed: true });
  }
  return query === '' ? '' : `?${query}`;
}

function queryOf(prefill: WizardPrefill): string {
  const query = new URLSearchParams();
  const { source } = prefill;
  if (prefill.step) query.set('step', prefill.step);
  if (source && 'repo' in source) {
    query.set('repo', source.repo.name);
    if (source.repo.workspace) query.set('repoWorkspace', source.repo.workspace);
  } else if (source && 'bundle' in source) {
    query.set('bundle', source.bundle);
  } else if (source) {
    query.set('url', withoutUserinfo(source.url));
    if (prefill.auth) query.set('auth', prefill.auth);
    if (source.insecureSkipTLSVerify) query.set('insecureSkipTLSVerify', '1');
    if (source.plainHttp) query.set('plainHttp', '1');
    if (source.passCredentials) query.set('passCredentials', '1');
  }
  if (prefill.versions) query.set('versions', prefill.versions);
  if (prefill.publish) query.set('publish', prefill.publish);
  if (prefill.workspace) query.set('workspace', prefill.workspace);
  if (prefill.includeDeprecated) query.set('includeDeprecated', '1');
  if (prefill.prune) query.set('prune', '1');
  if (prefill.adopt) query.set('adopt', '1');
  // Kept even when the selection is trimmed: a few rules, which apply to whatever is selected.
  if (prefill.categoryRules && prefill.categoryRules.length > 0)
    query.set('categoryRules', JSON.stringify(prefill.categoryRules));
  // Public keys, not secrets; past the address's length only the policy stays (keys given again).
  if (prefill.verify) {
    query.set('verify', JSON.stringify(prefill.verify));
    if (prefill.keysDropped) query.set('keysDropped', '1');
  }
  if (prefill.trimmed) query.set('trimmed', '1');
  else {
    // Present but empty: no chart at all, which is not the same as every chart.
    if (prefill.charts) query.set('charts', prefill.charts.join(','));
    else if (prefill.except && prefill.except.length > 0) query.set('except', prefill.except.join(','));
    if (prefill.categories && Object.keys(prefill.categories).length > 0)
      query.set('categories', JSON.stringify(prefill.categories));
  }
  if (prefill.needsCredentials) query.set('needsCredentials', '1');
  return query.toString();
}

/**
 * The prefill a wizard URL carries. Anyone can type a query string, so every value is checked
 * and whatever is not valid is left out (the wizard then shows its default).
 */
export function readPrefill(search: string | URLSearchParams): WizardPrefill {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const flag = (key: (typeof PREFILL_KEYS)[number]): boolean => query.get(key) === '1';
  const prefill: WizardPrefill = {};
  const step = wizardStepValues.find((candidate) => candidate === query.get('step'));
  if (step) prefill.step = step;

  const url = query.get('url')?.trim();
  const repo = query.get('repo')?.trim();
  const bundle = query.get('bundle')?.trim();
  if (bundle && BUNDLE_ID.test(bundle)) {
    prefill.source = { bundle };
  } else if (url && REPO_URL.test(url)) {
    prefill.source = {
      url,
      insecureSkipTLSVerify: flag('insecureSkipTLSVerify'),
      plainHttp: flag('plainHttp'),
      passCredentials: flag('passCredentials'),
    };
    const auth = query.get('auth');
    if (auth === 'basic' || auth === 'token') prefill.auth = auth;
  } else if (repo && REPO_NAME.test(repo)) {
    const workspace = query.get('repoWorkspace')?.trim();
    prefill.source = {
      repo: workspace && WORKSPACE.test(workspace) ? { name: repo, workspace } : { name: repo },
    };
  }

  const versions = query.get('versions');
  if (versions && /^(latest|all|[1-9][0-9]{0,3})$/.test(versions)) prefill.versions = versions;
  const publish = query.get('publish');
  const mode = publishModeValues.find((candidate) => candidate === publish);
  if (mode) prefill.publish = mode;
  const workspace = query.get('workspace');
  if (workspace && WORKSPACE.test(workspace)) prefill.workspace = workspace;
  if (query.has('includeDeprecated')) prefill.includeDeprecated = flag('includeDeprecated');
  if (query.has('prune')) prefill.prune = flag('prune');
  if (query.has('adopt')) prefill.adopt = flag('adopt');
  const charts = chartList(query.get('charts'));
  const except = chartList(query.get('except'));
  // `charts=` alone is an empty selection; names none of which is valid select nothing either.
  if (query.has('charts')) prefill.charts = charts;
  else if (except.length > 0) prefill.except = except;
  const categories = readCategories(query.get('categories'));
  if (categories) prefill.categories = categories;
  const categoryRules = readCategoryRules(query.get('categoryRules'));
  if (categoryRules) prefill.categoryRules = categoryRules;
  const verify = readVerify(query.get('verify'));
  if (verify) prefill.verify = verify;
  // Only with a policy whose keys are to be given again.
  if (verify && verify.keyring === undefined && verify.cosignKey === undefined && flag('keysDropped'))
    prefill.keysDropped = true;
  if (flag('needsCredentials')) prefill.needsCredentials = true;
  if (flag('trimmed')) {
    prefill.trimmed = true;
    delete prefill.charts;
    delete prefill.except;
    delete prefill.categories;
  }
  return prefill;
}

/** `a,b,c`: the valid chart names, each once, at most as many as a request takes. */
function chartList(text: string | null): string[] {
  const names = (text ?? '').split(',').filter((name) => CHART.test(name));
  return [...new Set(names)].slice(0, MAX_CHARTS);
}

/** An address parameter's JSON; undefined when absent or not JSON. */
function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{"nginx":"Web"}`: the valid entries of a JSON chart -> category map; undefined when none is. */
function readCategories(text: string | null): CategoryMapping | undefined {
  const parsed = parseJson(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed)
    .filter(
      (entry): entry is [string, string] =>
        CHART.test(entry[0]) &&
        typeof entry[1] === 'string' &&
        entry[1].length <= MAX_CATEGORY &&
        CATEGORY.test(entry[1]),
    )
    .slice(0, MAX_CHARTS);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const RULE = schemaLimits.CategoryRule.properties;
const RULE_CATEGORY = new RegExp(RULE.category.pattern);
const RULE_KEYWORD = new RegExp(RULE.keywords.items.pattern);

/** A rule's list of words: every entry a string within the contract's bounds, else undefined. */
function wordList(
  value: unknown,
  limits: { maxItems: number; items: { maxLength: number } },
  pattern?: RegExp,
) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > limits.maxItems) return undefined;
  const words = value.filter(
    (word): word is string =>
      typeof word === 'string' &&
      word !== '' &&
      word.length <= limits.items.maxLength &&
      (pattern === undefined || pattern.test(word)),
  );
  return words.length === value.length ? words : undefined;
}

/** `{"policy":"require","keyring":"..."}`: a policy the API takes and keys within its bounds. */
function readVerify(text: string | null): VerifySettings | undefined {
  const parsed = parseJson(text);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { policy, keyring, cosignKey, ...rest } = parsed as Record<string, unknown>;
  const known = signaturePolicyValues.find((candidate) => candidate === policy);
  if (Object.keys(rest).length > 0 || known === undefined || known === 'off') return undefined;
  const key = (value: unknown, max: number): string | undefined =>
    typeof value === 'string' && value.length <= max ? value : undefined;
  const ring = key(keyring, MAX_KEYRING);
  const cosign = key(cosignKey, MAX_COSIGN_KEY);
  return { policy: known, ...(ring ? { keyring: ring } : {}), ...(cosign ? { cosignKey: cosign } : {}) };
}

/**
 * `[{"category":"Databases","names":["*-db"]}]`: the rules as the contract shapes them, or
 * undefined. All or nothing: a rule left out would let a later one decide in its place.
 */
function readCategoryRules(text: string | null): CategoryRule[] | undefined {
  const parsed = parseJson(text);
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > schemaLimits.CategoryRules.maxItems)
    return undefined;
  const rules: CategoryRule[] = [];
  for (const item of parsed as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { category, names, keywords, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return undefined;
    if (
      typeof category !== 'string' ||
      category.length > RULE.category.maxLength ||
      !RULE_CATEGORY.test(category)
    )
      return undefined;
    const nameList = wordList(names, RULE.names);
    const keywordList = wordList(keywords, RULE.keywords, RULE_KEYWORD);
    if (nameList === undefined || keywordList === undefined || nameList.length + keywordList.length === 0)
      return undefined;
    rules.push({
      category,
      ...(nameList.length > 0 ? { names: nameList } : {}),
      ...(keywordList.length > 0 ? { keywords: keywordList } : {}),
    });
  }
  return rules;
}
