// Object names in the store. Rules copied from ks-core v4.1:
// pkg/simple/client/application/helper.go (GenerateShortNameMD5Hash) and
// k8s.io/apimachinery/pkg/util/validation (IsDNS1123Subdomain). Version names differ by release:
// dialect.ts.
import { createHash } from 'node:crypto';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUFFIX_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** An app name is also a label value (application.kubesphere.io/app-id): at most 63 characters. */
const MAX_APP_NAME = 63;

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** helper.go GenerateShortNameMD5Hash. */
export function shortName(chartName: string): string {
  const lower = chartName.toLowerCase();
  if (lower.length > 14 || !isDns1123Subdomain(lower)) {
    return createHash('md5').update(lower).digest('hex').slice(0, 10);
  }
  return lower;
}

export interface AppIdentity {
  /** Repository URL without credentials. */
  repoUrl: string;
  chartName: string;
  /** Target workspace; undefined for the global store. */
  workspace: string | undefined;
}

/**
 * The store app name an imported chart always gets: `<chart>-<5 chars>`, the same shape as
 * ks-core's random names, but derived from repo, workspace and chart so that a re-run finds it.
 * The chart name leads when it is a valid name (newer ks-core requires the app name to start
 * with it); otherwise ks-core's short name (MD5 prefix) does.
 */
export function appNameFor(identity: AppIdentity): string {
  const digest = createHash('sha256')
    .update(`${normalizeRepoUrl(identity.repoUrl)}\n${identity.workspace ?? ''}\n${identity.chartName}`)
    .digest();
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += SUFFIX_ALPHABET.charAt((digest[i] ?? 0) % SUFFIX_ALPHABET.length);
  const lead =
    isDns1123Subdomain(identity.chartName) && identity.chartName.length + 6 <= MAX_APP_NAME
      ? identity.chartName
      : shortName(identity.chartName);
  return `${lead}-${suffix}`;
}

/** Credentials, fragment and trailing slashes never change a repository's identity. */
export function normalizeRepoUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.hash = '';
    parsed.pathname = parsed.pathname.replace(/\/+$/, '');
    return parsed.toString();
  } catch {
    return url.replace(/\/+$/, '');
  }
}
