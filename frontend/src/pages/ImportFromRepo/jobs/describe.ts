// A job's or a sync's settings in words, the same on the job page, in the history and the syncs.
import type { ImportSource } from '../../../api';
import { asText } from '../../../i18n';

export function targetLabel(workspace: string | undefined): string {
  return workspace ? t('JOB_TARGET_WORKSPACE', asText({ workspace })) : t('JOB_TARGET_GLOBAL');
}

/** `latest`, `all` or N, as the API takes them. */
export function versionsLabel(versions: string): string {
  if (versions === 'latest') return t('JOB_VERSIONS_LATEST');
  if (versions === 'all') return t('JOB_VERSIONS_ALL');
  return t('JOB_VERSIONS_NEWEST', asText({ count: Number(versions) }));
}

/**
 * What a job is called: the repository's name in KubeSphere when it was picked from there, else its
 * URL without the http(s) scheme and trailing slash (oci:// stays: it says what kind it is).
 */
export function repoTitle(source: ImportSource): string {
  return source.configuredRepo?.name ?? source.url.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

/**
 * The repository's URL, with the name it has in KubeSphere when it was picked from there, or
 * saying the charts came from an offline bundle of it.
 */
export function sourceLabel(source: ImportSource): string {
  const repo = source.configuredRepo;
  if (repo) return t('JOB_SOURCE_CONFIGURED', asText({ name: repo.name, url: source.url }));
  return source.bundle ? t('JOB_SOURCE_BUNDLE', asText({ url: source.url })) : source.url;
}
