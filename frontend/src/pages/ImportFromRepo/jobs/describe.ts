// A job's or a sync's settings in words, the same on the job page, in the history and the syncs.
import type { ImportSource } from '../../../api';

export { publishLabel } from '../../../components/options';

/**
 * For a t() whose values may hold `/ & < > " '` (URLs, typed text): the console's i18next escapes
 * values as HTML by default, and React escapes again, so a URL would show as `http:&#x2F;&#x2F;`.
 */
export const AS_TEXT = { interpolation: { escapeValue: false } } as const;

export function targetLabel(workspace: string | undefined): string {
  return workspace ? t('JOB_TARGET_WORKSPACE', { workspace }) : t('JOB_TARGET_GLOBAL');
}

/** `latest`, `all` or N, as the API takes them. */
export function versionsLabel(versions: string): string {
  if (versions === 'latest') return t('JOB_VERSIONS_LATEST');
  if (versions === 'all') return t('JOB_VERSIONS_ALL');
  return t('JOB_VERSIONS_NEWEST', { count: versions });
}

/** The repository's URL, with the name it has in KubeSphere when it was picked from there. */
export function sourceLabel(source: ImportSource): string {
  const repo = source.configuredRepo;
  return repo ? t('JOB_SOURCE_CONFIGURED', { ...AS_TEXT, name: repo.name, url: source.url }) : source.url;
}
