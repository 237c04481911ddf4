// An OCI registry client for one repository, through the Distribution API (v2): the tag list
// (paginated), manifests, blobs by digest (verified). Auth is anonymous, basic, a static bearer
// token, or the Bearer token challenge flow (WWW-Authenticate realm/service/scope), as Helm's
// registry client (oras) does; the password goes to a token service on another origin only when
// the user allows it (see checkRealm). Nothing here knows about Helm charts (oci-helm.ts does).
import { createHash } from 'node:crypto';

import { InputError, RepoError } from '../errors.js';
import { type Message, say, shown } from '../messages/index.js';
import { refused, type RequestWhy } from '../messages/refusal.js';
import { type HttpResponse, MIB, type ScopedAuth, headerValue } from '../http/index.js';
import type { ResolvedOptions } from './options.js';
import { quoteForMessage } from './parse-index.js';
import { type RepoTransport, statusError, statusFailure } from './transport.js';
import type { RepoSource } from './types.js';
import { credentialTarget, redactUrl } from './url.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

const MANIFEST_BYTES = 4 * MIB;
const TOKEN_BYTES = 1 * MIB;
const MAX_TAG_PAGES = 1000;

export interface OciReference {
  /** host[:port] */
  registry: string;
  /** The repository path in the registry, e.g. `charts/nginx`. */
  repository: string;
  /** The chart name: the last path segment. */
  chart: string;
  tag?: string;
  digest?: string;
}

/** Parses `oci://registry[:port]/path/chart[:tag][@sha256:...]`. Throws InputError. */
export function parseOciReference(url: string): OciReference {
  const match = /^oci:\/\/([^/?#@\s]+)\/([^?#\s]+)$/i.exec(url.trim());
  const quoted = quoteForMessage(redactUrl(url), 200);
  const refuse = (problem: string, why: RequestWhy): InputError =>
    new InputError(refused(`${quoted} ${problem}`, why, 'url', { url: quoted }));
  if (!match)
    throw refuse(
      'is not an OCI chart reference; expected oci://registry[:port]/path/chart.',
      'oci-reference',
    );
  const registry = (match[1] ?? '').toLowerCase();
  let rest = match[2] ?? '';
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  rest = rest.replace(/\/+$/, '');
  const repository = rest;
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)
  ) {
    throw refuse(
      'has an invalid repository path; use lowercase letters, digits, ".", "_", "-" and "/".',
      'oci-path',
    );
  }
  if (!/^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/.test(registry)) {
    throw refuse('has an invalid registry host.', 'oci-host');
  }
  const chart = repository.slice(repository.lastIndexOf('/') + 1);
  const ref: OciReference = { registry, repository, chart };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses the first challenge of a WWW-Authenticate header. */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(match[2] ?? ''); m !== null; m = re.exec(match[2] ?? '')) {
    const key = (m[1] ?? '').toLowerCase();
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}

/** The next page of a tag list from a `Link: </v2/...?last=x&n=y>; rel="next"` header. */
function nextLink(header: string | undefined, base: URL): URL | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /rel\s*=\s*"?next"?/i.test(match[2] ?? '')) {
      try {
        return new URL(match[1] ?? '', base);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size?: number;
  /** String annotations only (cosign's signature is one). */
  annotations?: Record<string, string>;
}

function descriptors(value: unknown): Descriptor[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): Descriptor[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { mediaType, digest, size, annotations } = item as Record<string, unknown>;
    if (typeof mediaType !== 'string' || typeof digest !== 'string') return [];
    const descriptor: Descriptor =
      typeof size === 'number' ? { mediaType, digest, size } : { mediaType, digest };
    if (typeof annotations === 'object' && annotations !== null) {
      const strings = Object.entries(annotations).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      );
      if (strings.length > 0) descriptor.annotations = Object.fromEntries(strings);
    }
    return [descriptor];
  });
}

function parseJson(body: Buffer, what: string, url: URL): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (cause) {
    const where = redactUrl(url);
    const problem = `The registry sent invalid JSON for ${what} at ${where}.`;
    // The parser's words, without the start of the body it quotes (a token response's, maybe).
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(
      /, ".*"(?:\.\.\.)? is not valid JSON$/s,
      ': not valid JSON',
    );
    throw new RepoError(say('registry-invalid-json', { problem, url: where, reason }), { cause });
  }
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `sha256:abc` or `abc` -> `abc`, lowercase. */
export function normalizeDigest(digest: string): string {
  return digest
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
}

export interface Manifest {
  config?: Descriptor;
  layers: Descriptor[];
  /** `sha256:<hex>` of the manifest's bytes as served. */
  digest: string;
}

/** A Distribution API client for one repository of one registry. */
export class OciRegistryClient {
  private readonly base: URL;
  private readonly basic: string | undefined;
  private token: string | undefined;
  private basicNeeded = false;
  private readonly passCredentials: boolean;

  constructor(
    readonly ref: OciReference,
    credentials: Pick<RepoSource, 'username' | 'password' | 'bearerToken'>,
    private readonly transport: RepoTransport,
    options: ResolvedOptions,
  ) {
    this.base = new URL(`${options.plainHttp ? 'http' : 'https'}://${ref.registry}/`);
    this.passCredentials = options.passCredentials;
    if (credentials.username !== undefined && credentials.username !== '') {
      this.basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}`;
    }
    if (credentials.bearerToken !== undefined && credentials.bearerToken !== '')
      this.token = credentials.bearerToken;
  }

  get registryUrl(): string {
    return `oci://${this.ref.registry}/${this.ref.repository}`;
  }

  private authFor(): ScopedAuth | undefined {
    if (this.token !== undefined) return { origin: this.base.origin, authorization: `Bearer ${this.token}` };
    if (this.basicNeeded && this.basic !== undefined)
      return { origin: this.base.origin, authorization: this.basic };
    return undefined;
  }

  /** GET on the registry, answering one auth challenge (token flow or basic). */
  async get(
    url: URL,
    what: string,
    maxBytes: number,
    accept: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    const request = {
      url,
      what,
      maxBytes,
      signal,
      ...(accept === undefined ? {} : { headers: { accept } }),
    };
    let response = await this.transport.get({ ...request, auth: this.authFor() });
    if (response.status !== 401) return response;
    const challenge = parseChallenge(headerValue(response.headers['www-authenticate']));
    if (challenge?.scheme === 'bearer' && challenge.params.realm !== undefined) {
      this.token = await this.fetchToken(challenge, signal);
      response = await this.transport.get({ ...request, auth: this.authFor() });
    } else if (challenge?.scheme === 'basic' && this.basic !== undefined && !this.basicNeeded) {
      this.basicNeeded = true;
      response = await this.transport.get({ ...request, auth: this.authFor() });
    }
    return response;
  }

  /**
   * Throws a RepoError when the basic credentials may not go to the token service `realm`.
   * ORAS (registry/remote/auth/client.go, fetchDistributionToken) and containerd
   * (remotes/docker/auth/fetch.go, FetchToken) send the registry's password to whatever realm
   * the registry names, any host, any scheme; Helm's HTTP getter sends it only to the same scheme
   * and host unless --pass-credentials. Helm's rule applies here to realms too, and never http
   * from an https registry (the password in clear on the network), whatever the user allows.
   */
  private checkRealm(realm: URL): void {
    const where = redactUrl(realm);
    const { registry } = this.ref;
    switch (credentialTarget(this.base, realm)) {
      case 'plain-http': {
        const problem = `The registry ${registry} names a token service over plain http (${where}): the repository credentials are never sent over plain HTTP from an https registry. Ask the registry's operator to serve its token service over https.`;
        throw new RepoError(say('registry-token-realm-plain-http', { problem, registry, realm: where }), {
          failure: { kind: 'credentials-plain-http', host: realm.host, attempts: 0 },
        });
      }
      case 'other-origin':
        if (!this.passCredentials) {
          const problem = `The registry ${registry} names a token service on another host (${where}): the repository credentials go there only if you allow it. If you trust that host, run again with --pass-credentials (passCredentials: true in the API).`;
          throw new RepoError(say('registry-token-realm-other-host', { problem, registry, realm: where }), {
            failure: { kind: 'credentials-other-host', host: realm.host, attempts: 0 },
          });
        }
        break;
      case 'same-origin':
        break;
    }
  }

  private async fetchToken(challenge: Challenge, signal: AbortSignal | undefined): Promise<string> {
    const { registry } = this.ref;
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm ?? '');
    } catch (cause) {
      const problem = `The registry ${registry} sent an invalid token realm.`;
      throw new RepoError(say('registry-token-realm-invalid', { problem, registry }), { cause });
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
      const problem = `The registry ${registry} sent a token realm with an unsupported scheme.`;
      throw new RepoError(say('registry-token-realm-scheme', { problem, registry }));
    }
    if (challenge.params.service !== undefined) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', challenge.params.scope ?? `repository:${this.ref.repository}:pull`);
    const auth = this.basic === undefined ? undefined : { origin: realm.origin, authorization: this.basic };
    if (auth !== undefined) this.checkRealm(realm);
    const response = await this.transport.get({
      url: realm,
      what: 'a registry token',
      maxBytes: TOKEN_BYTES,
      auth,
      signal,
      headers: { accept: 'application/json' },
    });
    if (response.status < 200 || response.status >= 300) throw statusError('a registry token', response);
    const body = parseJson(response.body, 'a registry token', response.url) as Record<string, unknown> | null;
    const token = body?.token ?? body?.access_token;
    if (typeof token !== 'string' || token === '') {
      const problem = `The token service of ${registry} answered without a token.`;
      throw new RepoError(say('registry-token-missing', { problem, registry }));
    }
    return token;
  }

  private v2(path: string): URL {
    return new URL(`/v2/${this.ref.repository}/${path}`, this.base);
  }

  async listTags(maxBytes: number, signal: AbortSignal | undefined): Promise<string[]> {
    const tags: string[] = [];
    const repository = this.registryUrl;
    let url: URL | undefined = this.v2('tags/list?n=1000');
    let total = 0;
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_TAG_PAGES) {
        const problem = `The tag list of ${repository} has too many pages.`;
        throw new RepoError(
          say('registry-tags-too-many-pages', { problem, url: repository, max: MAX_TAG_PAGES }),
        );
      }
      const response = await this.get(url, 'the tag list', maxBytes - total, 'application/json', signal);
      if (response.status === 404) {
        const problem = `Cannot list the versions of ${repository}: the registry has no such repository (404). Check the URL: oci://registry/path/chart.`;
        throw new RepoError(say('registry-repository-not-found', { problem, url: repository }), {
          failure: statusFailure(response),
        });
      }
      if (response.status < 200 || response.status >= 300) throw statusError('the tag list', response);
      total += response.body.length;
      const body = parseJson(response.body, 'the tag list', response.url) as { tags?: unknown } | null;
      if (Array.isArray(body?.tags)) {
        for (const tag of body.tags) if (typeof tag === 'string') tags.push(tag);
      }
      url = nextLink(headerValue(response.headers.link), response.url);
    }
    return tags;
  }

  async manifest(reference: string, signal: AbortSignal | undefined): Promise<Manifest> {
    const manifest = await this.findManifest(reference, signal, false);
    if (manifest === undefined) {
      const problem = `No manifest for ${this.registryUrl}:${reference}.`;
      throw new RepoError(this.manifestMissing(problem, reference));
    }
    return manifest;
  }

  private manifestMissing(problem: string, reference: string): Message {
    return say('registry-manifest-missing', { problem, url: this.registryUrl, reference: shown(reference) });
  }

  /**
   * A manifest, with its digest (sha256 of the bytes served, which is what cosign signs);
   * undefined when the registry answers 404 and `missingOk` (a signature tag that is not there).
   */
  async findManifest(
    reference: string,
    signal: AbortSignal | undefined,
    missingOk = true,
  ): Promise<Manifest | undefined> {
    const response = await this.get(
      this.v2(`manifests/${encodeURIComponent(reference)}`),
      `the manifest of ${this.ref.chart}:${reference}`,
      MANIFEST_BYTES,
      `${OCI_MANIFEST}, application/vnd.docker.distribution.manifest.v2+json;q=0.5`,
      signal,
    );
    if (response.status === 404 && missingOk) return undefined;
    if (response.status === 404) {
      const problem = `Cannot fetch the manifest of ${this.registryUrl}:${reference}: not found (404). The version may have been deleted.`;
      throw new RepoError(this.manifestMissing(problem, reference), { failure: statusFailure(response) });
    }
    if (response.status < 200 || response.status >= 300) {
      throw statusError(`the manifest of ${this.ref.chart}:${reference}`, response);
    }
    const body = parseJson(response.body, 'a manifest', response.url) as Record<string, unknown> | null;
    const config = descriptors([body?.config])[0];
    return {
      ...(config === undefined ? {} : { config }),
      layers: descriptors(body?.layers),
      digest: `sha256:${sha256Hex(response.body)}`,
    };
  }

  /** Downloads a blob and checks it against its digest (a mismatch is an error here). */
  async blob(
    descriptor: Descriptor,
    what: string,
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Buffer> {
    const url = this.registryUrl;
    if (!/^sha256:[0-9a-f]{64}$/.test(descriptor.digest)) {
      const problem = `The registry gave ${what} an unsupported digest ${quoteForMessage(descriptor.digest)}.`;
      throw new RepoError(
        say('registry-digest-unsupported', { problem, url, digest: shown(descriptor.digest) }),
      );
    }
    if (descriptor.size !== undefined && descriptor.size > maxBytes) {
      const sizeBytes = descriptor.size;
      const problem = `Refused ${what} from ${url}: it is ${sizeBytes} bytes, over the limit of ${maxBytes} bytes.`;
      throw new RepoError(say('registry-blob-too-large', { problem, url, sizeBytes, limitBytes: maxBytes }), {
        failure: { kind: 'too-large', host: this.ref.registry, attempts: 0 },
      });
    }
    const response = await this.get(this.v2(`blobs/${descriptor.digest}`), what, maxBytes, undefined, signal);
    if (response.status < 200 || response.status >= 300) throw statusError(what, response);
    const actual = sha256Hex(response.body);
    if (`sha256:${actual}` !== descriptor.digest) {
      const expected = descriptor.digest;
      const problem = `The registry sent ${what} of ${url} with digest sha256:${actual}, not ${expected}: the download is corrupt. Try again.`;
      throw new RepoError(
        say('registry-digest-mismatch', { problem, url, expected, actual: `sha256:${actual}` }),
      );
    }
    return response.body;
  }
}
