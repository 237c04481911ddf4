// URL helpers, kept faithful to Helm's pkg/repo (chartrepo.go `ResolveReferenceURL`).
import { RepoError } from '../errors.js';
import { say, type Message } from '../messages/index.js';

/** Go's url.getScheme: a letter, then letters, digits, `+`, `-`, `.`, up to the first `:`. */
function schemeOf(ref: string): string | undefined {
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (letter) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return undefined;
      continue;
    }
    if (c === 0x3a) return i === 0 ? undefined : ref.slice(0, i).toLowerCase();
    return undefined;
  }
  return undefined;
}

/**
 * Resolves a chart URL from an index against the repository URL, as Helm does: an absolute
 * URL is kept verbatim; a relative one is resolved against the base URL with a trailing
 * slash, and the result carries the *base* URL's query string (the reference's own query is
 * dropped, its fragment kept). Throws RepoError when either URL cannot be parsed.
 */
export function resolveReferenceUrl(baseUrl: string, refUrl: string): string {
  if (schemeOf(refUrl) !== undefined) return refUrl;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (cause) {
    const url = redactUrl(baseUrl);
    const problem = `Invalid repository URL ${JSON.stringify(url)}`;
    throw new RepoError(say('repo-url-invalid', { problem, url }), { cause });
  }
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  const hash = refUrl.indexOf('#');
  const fragment = hash >= 0 ? refUrl.slice(hash) : '';
  const withoutFragment = hash >= 0 ? refUrl.slice(0, hash) : refUrl;
  const query = withoutFragment.indexOf('?');
  const path = query >= 0 ? withoutFragment.slice(0, query) : withoutFragment;
  let resolved: URL;
  try {
    resolved = new URL(path + fragment, base);
  } catch (cause) {
    const url = refUrl.slice(0, 200);
    const problem = `Invalid chart URL ${JSON.stringify(url)} in the index`;
    throw new RepoError(say('chart-url-invalid', { problem, url }), { cause });
  }
  resolved.search = base.search;
  return resolved.href;
}

/** A version without a URL to download it from: an index entry or an OCI chart without one. */
export function noDownloadUrl(ref: { name: string; version: string }): Message {
  const { name: chart, version } = ref;
  return say('chart-no-download-url', {
    problem: `Chart ${chart} ${version} has no download URL.`,
    chart,
    version,
  });
}

/** Where Helm fetches the index of a repository: `index.yaml` under the base URL, query kept. */
export function indexUrlOf(repoUrl: string): string {
  return resolveReferenceUrl(repoUrl, 'index.yaml');
}

/** What may be a user-info part (`user:password@`) of text that is not a parsable URL: cut out. */
function stripUserInfo(text: string): string {
  const end = text.search(/[?#]/);
  const head = end < 0 ? text : text.slice(0, end);
  const at = head.lastIndexOf('@');
  if (at < 0) return head;
  const slashes = head.indexOf('//');
  // A password may hold `/` or spaces in text that is not a URL: cut from `//` to the last `@`.
  if (slashes >= 0 && slashes < at) return head.slice(0, slashes + 2) + head.slice(at + 1);
  return head.replace(/[^\s/]*@/g, '');
}

/**
 * A URL safe for messages and logs: no user info, query values masked (`?token=***`). The one
 * helper every printed URL goes through. Unparsable input (`https://u:p@exa mple.com`) loses
 * everything up to its last `@` and its query, so a password never survives a typo.
 */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : new URL(input.href);
  } catch {
    return stripUserInfo(String(input).slice(0, 300));
  }
  // `user:secret@host` parses as scheme `user:` with an opaque path: no user info field to clear.
  if (url.host === '') return stripUserInfo(url.href.slice(0, 300));
  url.username = '';
  url.password = '';
  url.hash = '';
  if (url.search !== '') {
    const masked = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`).join('&');
    url.search = masked;
  }
  const text = url.href;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/**
 * Where credentials given for `home` may go (issue 12): `same-origin` (same scheme, host and
 * port, as Helm's pkg/getter/httpgetter.go sends basic auth), `plain-http` (an http: URL while
 * `home` is https:, never: the password would cross the network in clear, whatever the user
 * allows) or `other-origin` (only when the user passes credentials on, Helm's --pass-credentials).
 */
export type CredentialTarget = 'same-origin' | 'plain-http' | 'other-origin';

export function credentialTarget(home: URL, target: URL): CredentialTarget {
  if (home.protocol === 'https:' && target.protocol !== 'https:') return 'plain-http';
  return target.origin === home.origin ? 'same-origin' : 'other-origin';
}
