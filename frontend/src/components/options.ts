// Import options as the form holds them, and as the API takes them. Shared by the wizard and syncs.
import { schemaLimits, type PublishMode, type Selection, type VerifySettings } from '../api';
import { verifyProblem, verifyRequest } from './verify';
import { asText } from '../i18n';

export interface ImportOptions {
  versions: 'latest' | 'all' | 'count';
  /** The newest N stable versions, when `versions` is 'count'. */
  count: number;
  publish: PublishMode;
  target: 'global' | 'workspace';
  workspace: string;
  includeDeprecated: boolean;
  /** Remove the store versions the repository no longer lists (PruneField); absent: off. */
  prune?: boolean;
  /** Signature policy and keys (VerifyField); absent: off. */
  verify?: VerifySettings;
  /** Adopt apps uploaded by hand (Adoption.tsx AdoptField); absent: off. */
  adopt?: boolean;
}

export const DEFAULT_OPTIONS: ImportOptions = {
  versions: 'latest',
  count: 3,
  publish: 'active',
  target: 'global',
  workspace: '',
  includeDeprecated: false,
};

/** The API's bound for N: the largest count the contract's `Versions` pattern accepts. */
export const MAX_VERSION_COUNT = largestCount(new RegExp(schemaLimits.Versions.pattern));
const WORKSPACE_PATTERN = new RegExp(schemaLimits.Workspace.pattern);

/** The largest power-of-ten-minus-one N that `pattern` accepts (9999 for `[1-9][0-9]{0,3}`). */
function largestCount(pattern: RegExp): number {
  let largest = 0;
  for (let candidate = 9; pattern.test(String(candidate)); candidate = candidate * 10 + 9)
    largest = candidate;
  return largest;
}

/** A publish mode in words, as the options form and the job pages name it. */
export function publishLabel(mode: PublishMode): string {
  switch (mode) {
    case 'active':
      return t('PUBLISH_ACTIVE');
    case 'review':
      return t('PUBLISH_REVIEW');
    case 'draft':
      return t('PUBLISH_DRAFT');
  }
}

/** What a publish mode does, one sentence. */
export function publishHelp(mode: PublishMode): string {
  switch (mode) {
    case 'active':
      return t('PUBLISH_ACTIVE_DESC');
    case 'review':
      return t('PUBLISH_REVIEW_DESC');
    case 'draft':
      return t('PUBLISH_DRAFT_DESC');
  }
}

/** The request fields these options stand for; `charts` is the caller's to add. */
export function toSelection(
  options: ImportOptions,
): Selection & { publish: PublishMode; prune?: boolean; verify?: VerifySettings; adopt?: boolean } {
  const selection: Selection & {
    publish: PublishMode;
    prune?: boolean;
    verify?: VerifySettings;
    adopt?: boolean;
  } = {
    versions: options.versions === 'count' ? String(options.count) : options.versions,
    publish: options.publish,
  };
  if (options.includeDeprecated) selection.includeDeprecated = true;
  if (options.target === 'workspace') selection.workspace = options.workspace.trim();
  if (options.prune === true) selection.prune = true;
  if (options.adopt === true) selection.adopt = true;
  const verify = verifyRequest(options.verify);
  if (verify !== undefined) selection.verify = verify;
  return selection;
}

/** The settings a job or sync was made with, as the API has them (`versions` 'latest', 'all' or N). */
export interface SelectionSettings {
  /** Absent: the latest version, the API's default. */
  versions?: string;
  publish: PublishMode;
  workspace?: string;
  includeDeprecated?: boolean;
  prune?: boolean;
  verify?: VerifySettings;
  adopt?: boolean;
}

/** The form's options for settings the API kept: the inverse of `toSelection`. */
export function optionsOf(settings: SelectionSettings): ImportOptions {
  const { versions = 'latest' } = settings;
  const count = /^[1-9][0-9]*$/.test(versions) ? Number(versions) : undefined;
  return {
    versions: count !== undefined ? 'count' : versions === 'all' ? 'all' : 'latest',
    count: count ?? DEFAULT_OPTIONS.count,
    publish: settings.publish,
    target: settings.workspace ? 'workspace' : 'global',
    workspace: settings.workspace ?? '',
    includeDeprecated: settings.includeDeprecated === true,
    ...(settings.prune === true ? { prune: true } : {}),
    ...(settings.adopt === true ? { adopt: true } : {}),
    ...(settings.verify !== undefined && settings.verify.policy !== 'off' ? { verify: settings.verify } : {}),
  };
}

/** What is wrong with N in "the newest N versions", localized. */
export function countProblem(options: ImportOptions): string | undefined {
  if (options.versions !== 'count') return undefined;
  const { count } = options;
  return Number.isInteger(count) && count >= 1 && count <= MAX_VERSION_COUNT
    ? undefined
    : t('OPTIONS_COUNT_INVALID', asText({ max: MAX_VERSION_COUNT }));
}

/** What is wrong with the target workspace's name, localized. */
export function workspaceProblem(options: ImportOptions): string | undefined {
  if (options.target !== 'workspace') return undefined;
  const workspace = options.workspace.trim();
  if (workspace === '') return t('OPTIONS_WORKSPACE_REQUIRED');
  return workspace.length <= schemaLimits.Workspace.maxLength && WORKSPACE_PATTERN.test(workspace)
    ? undefined
    : t('OPTIONS_WORKSPACE_INVALID');
}

/** The first thing to fix in the options, localized; undefined when they can be sent. */
export function optionsProblem(options: ImportOptions): string | undefined {
  return countProblem(options) ?? workspaceProblem(options) ?? verifyProblem(options.verify);
}
