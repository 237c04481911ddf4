// The wizard's prefill: a past job's source, options, charts and categories, carried in the
// wizard's query string by the job page's "Import again" and "Retry failed" (so the link works in a
// new tab too). The wizard applies it once and then removes it from the address (see
// usePrefill.ts). Never any secret: a job keeps none, and userinfo in a URL is dropped.
import type { CategoryMapping, ConfiguredRepoRef, ImportSpec, PublishMode } from '../../../api';

/** A URL source's settings: never its credentials, only whether they may go to other hosts. */
export interface UrlPrefill {
  url: string;
  insecureSkipTLSVerify: boolean;
  plainHttp: boolean;
  passCredentials: boolean;
}

export interface WizardPrefill {
  source?: UrlPrefill | { repo: ConfiguredRepoRef };
  versions?: string;
  publish?: PublishMode;
  /** Absent for the global store. */
  workspace?: string;
  includeDeprecated?: boolean;
  charts?: string[];
  /** Chart -> store category, as the job mapped them. */
  categories?: CategoryMapping;
  /** The source needed credentials or a CA that are never kept: the wizard asks for them. */
  needsCredentials?: boolean;
}

/** Every query key the prefill uses: the wizard removes them once it has read them. */
export const PREFILL_KEYS = [
  'url',
  'insecureSkipTLSVerify',
  'plainHttp',
  'passCredentials',
  'repo',
  'repoWorkspace',
  'versions',
  'publish',
  'workspace',
  'includeDeprecated',
  'charts',
  'categories',
  'needsCredentials',
] as const;

const PUBLISH_MODES: readonly PublishMode[] = ['active', 'review', 'draft'];
// The service's patterns (backend/openapi): Workspace, ConfiguredRepoRef.name, RepositoryUrl, Charts.
const WORKSPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REPO_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const REPO_URL = /^(https?|oci):\/\/[^\s@/]+(\/\S*)?$/;
const CHART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_CHARTS = 1000;
// OpenAPI CategoryMapping: a category name of 1 to 64 characters on one line, no spaces around it.
const CATEGORY = /^\S(.*\S)?$/;
const MAX_CATEGORY = 64;

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
    ...(charts && charts.length > 0 ? { charts } : {}),
    ...(spec.categories && Object.keys(spec.categories).length > 0 ? { categories: spec.categories } : {}),
    // Read with a sync's stored credentials: the wizard has none of them.
    ...(source.secretRef ? { needsCredentials: true } : {}),
  };
}

/** `?url=...&versions=...`: the query string for the wizard's path. */
export function prefillQuery(prefill: WizardPrefill): string {
  const query = new URLSearchParams();
  const { source } = prefill;
  if (source && 'repo' in source) {
    query.set('repo', source.repo.name);
    if (source.repo.workspace) query.set('repoWorkspace', source.repo.workspace);
  } else if (source) {
    query.set('url', withoutUserinfo(source.url));
    if (source.insecureSkipTLSVerify) query.set('insecureSkipTLSVerify', '1');
    if (source.plainHttp) query.set('plainHttp', '1');
    if (source.passCredentials) query.set('passCredentials', '1');
  }
  if (prefill.versions) query.set('versions', prefill.versions);
  if (prefill.publish) query.set('publish', prefill.publish);
  if (prefill.workspace) query.set('workspace', prefill.workspace);
  if (prefill.includeDeprecated) query.set('includeDeprecated', '1');
  if (prefill.charts && prefill.charts.length > 0) query.set('charts', prefill.charts.join(','));
  if (prefill.categories && Object.keys(prefill.categories).length > 0)
    query.set('categories', JSON.stringify(prefill.categories));
  if (prefill.needsCredentials) query.set('needsCredentials', '1');
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The prefill a wizard URL carries. Anyone can type a query string, so every value is checked
 * and whatever is not valid is left out (the wizard then shows its default).
 */
export function readPrefill(search: string | URLSearchParams): WizardPrefill {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const flag = (key: (typeof PREFILL_KEYS)[number]): boolean => query.get(key) === '1';
  const prefill: WizardPrefill = {};

  const url = query.get('url')?.trim();
  const repo = query.get('repo')?.trim();
  if (url && REPO_URL.test(url)) {
    prefill.source = {
      url,
      insecureSkipTLSVerify: flag('insecureSkipTLSVerify'),
      plainHttp: flag('plainHttp'),
      passCredentials: flag('passCredentials'),
    };
  } else if (repo && REPO_NAME.test(repo)) {
    const workspace = query.get('repoWorkspace')?.trim();
    prefill.source = {
      repo: workspace && WORKSPACE.test(workspace) ? { name: repo, workspace } : { name: repo },
    };
  }

  const versions = query.get('versions');
  if (versions && /^(latest|all|[1-9][0-9]{0,3})$/.test(versions)) prefill.versions = versions;
  const publish = query.get('publish');
  const mode = PUBLISH_MODES.find((candidate) => candidate === publish);
  if (mode) prefill.publish = mode;
  const workspace = query.get('workspace');
  if (workspace && WORKSPACE.test(workspace)) prefill.workspace = workspace;
  if (query.has('includeDeprecated')) prefill.includeDeprecated = flag('includeDeprecated');
  const charts = (query.get('charts') ?? '').split(',').filter((name) => CHART.test(name));
  if (charts.length > 0) prefill.charts = [...new Set(charts)].slice(0, MAX_CHARTS);
  const categories = readCategories(query.get('categories'));
  if (categories) prefill.categories = categories;
  if (flag('needsCredentials')) prefill.needsCredentials = true;
  return prefill;
}

/** `{"nginx":"Web"}`: the valid entries of a JSON chart -> category map; undefined when none is. */
function readCategories(text: string | null): CategoryMapping | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
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
