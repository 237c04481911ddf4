// A classic Helm chart repository over HTTP(S): `<url>/index.yaml` plus chart packages.
import { say, shown } from '../messages/index.js';
import { refused } from '../messages/refusal.js';
import { createHash } from 'node:crypto';

import { InputError, RepoError } from '../errors.js';
import type { ScopedAuth } from '../http/index.js';
import { fetchOciPackage, ociPackageSize, ociSignature, versionToTag } from './oci-helm.js';
import type { SignatureMaterial } from '../verify/types.js';
import { OciRegistryClient, normalizeDigest, parseOciReference } from './oci-registry.js';
import type { ResolvedOptions } from './options.js';
import { indexContentDigest } from './index-digest.js';
import { httpPackageSize } from './package-size.js';
import { parseIndex, quoteForMessage } from './parse-index.js';
import { IconFetch } from './icon-fetch.js';
import type { FetchedIcon } from './types.js';
import { type RepoTransport, statusError } from './transport.js';
import type { ChartRepository, ChartVersionRef, FetchedPackage, RepoIndex, RepoSource } from './types.js';
import { credentialTarget, indexUrlOf, noDownloadUrl, redactUrl } from './url.js';

/** The repository URL without user info, and the credentials to send to its origin only. */
export function splitCredentials(source: RepoSource): { url: URL; auth: ScopedAuth | undefined } {
  let url: URL;
  try {
    url = new URL(source.url.trim());
  } catch (cause) {
    const quoted = quoteForMessage(redactUrl(source.url), 200);
    throw new InputError(
      refused(`${quoted} is not a valid repository URL.`, 'url-invalid', 'url', { url: quoted }),
      {
        cause,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const quoted = quoteForMessage(redactUrl(url), 200);
    throw new InputError(
      refused(`${quoted} has an unsupported scheme; use http://, https:// or oci://.`, 'url-scheme', 'url', {
        url: quoted,
      }),
    );
  }
  let username = source.username;
  let password = source.password;
  if (url.username !== '' && (username === undefined || username === '')) {
    username = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  let authorization: string | undefined;
  if (source.bearerToken !== undefined && source.bearerToken !== '')
    authorization = `Bearer ${source.bearerToken}`;
  else if (username !== undefined && username !== '') {
    authorization = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }
  return { url, auth: authorization === undefined ? undefined : { origin: url.origin, authorization } };
}

/** A .prov is Chart.yaml and a digest, signed: small. */
const PROVENANCE_BYTES = 1024 * 1024;

const PACKAGE_ACCEPT = 'application/gzip, application/x-gzip, application/octet-stream, */*;q=0.8';

export class HttpChartRepository implements ChartRepository {
  /** The repository URL as given, without credentials. */
  readonly url: string;
  private readonly auth: ScopedAuth | undefined;
  /** Origins whose HEAD lookups were refused (where they were redirected to, too): ranged GETs only. */
  private readonly headRefused = new Set<string>();

  /** Icons: one short attempt, hosts that failed remembered for the run. */
  private readonly icons: IconFetch;

  constructor(
    source: RepoSource,
    private readonly transport: RepoTransport,
    private readonly options: ResolvedOptions,
  ) {
    const { url, auth } = splitCredentials(source);
    this.url = url.href;
    this.auth = auth;
    this.icons = new IconFetch(source, options);
  }

  /**
   * The credentials for a chart URL: the repository's origin gets them (Helm's httpgetter.go:
   * same scheme and host), another origin only with passCredentials, plain http from an https
   * repository never. The transport drops them on a redirect to another origin.
   */
  private authFor(url: URL): ScopedAuth | undefined {
    if (this.auth === undefined || !this.options.passCredentials) return this.auth;
    const target = credentialTarget(new URL(this.auth.origin), url);
    return target === 'other-origin'
      ? { origin: url.origin, authorization: this.auth.authorization }
      : this.auth;
  }

  async loadIndex(signal?: AbortSignal): Promise<RepoIndex> {
    const indexUrl = new URL(indexUrlOf(this.url));
    // The bytes go to the parser as they are: a large index is decoded one chart at a time.
    const bytes = await this.fetchIndexBytes(indexUrl, signal);
    const options = this.options.onWarning ? { onWarning: this.options.onWarning } : {};
    const index = parseIndex(bytes, this.url, redactUrl(indexUrl), options);
    return { ...index, contentDigest: indexContentDigest(index.entries) };
  }

  private async fetchIndexBytes(indexUrl: URL, signal: AbortSignal | undefined): Promise<Buffer> {
    const what = 'the repository index';
    const response = await this.transport.get({
      url: indexUrl,
      what,
      maxBytes: this.options.maxIndexBytes,
      auth: this.auth,
      acceptGzip: true,
      signal,
      headers: { accept: 'application/yaml, application/json;q=0.9, text/yaml;q=0.9, */*;q=0.8' },
    });
    if (response.status < 200 || response.status >= 300) {
      throw statusError(what, response, 'Check the URL: it must be the folder that holds index.yaml.');
    }
    return response.body;
  }

  /** Where a version's package is: an http(s) URL, or a chart of this index stored in a registry. */
  private locate(ref: ChartVersionRef): { url: URL } | { oci: OciRegistryClient; tag: string } {
    const first = ref.urls[0];
    if (first === undefined) throw new RepoError(noDownloadUrl(ref));
    if (/^oci:/i.test(first)) {
      // Fetched anonymously: credentials stay with the repository's host.
      const target = this.indexOciReference(ref, first);
      const tag = target.digest ?? target.tag ?? versionToTag(ref.version);
      return { oci: new OciRegistryClient(target, {}, this.transport, this.options), tag };
    }
    try {
      return { url: new URL(first) };
    } catch (cause) {
      const { name: chart, version } = ref;
      const where = redactUrl(first);
      const problem = `Chart ${chart} ${version} has an invalid URL ${quoteForMessage(where, 200)}.`;
      const url = shown(where, 200);
      throw new RepoError(say('chart-download-url-invalid', { problem, chart, version, url }), { cause });
    }
  }

  /** An oci:// URL of the index: one that is no chart reference is the repository's problem, not the caller's. */
  private indexOciReference(ref: ChartVersionRef, url: string): ReturnType<typeof parseOciReference> {
    try {
      return parseOciReference(url);
    } catch (cause) {
      if (!(cause instanceof InputError)) throw cause;
      const { name: chart, version } = ref;
      const where = shown(redactUrl(url), 200);
      throw new RepoError(
        say('chart-download-url-invalid', { problem: cause.message, chart, version, url: where }),
        {
          cause,
        },
      );
    }
  }

  async fetchPackage(ref: ChartVersionRef, signal?: AbortSignal): Promise<FetchedPackage> {
    const where = this.locate(ref);
    if ('oci' in where) {
      const { maxPackageBytes, onWarning } = this.options;
      return fetchOciPackage(where.oci, ref, where.tag, maxPackageBytes, onWarning, signal);
    }
    const { url } = where;
    const what = `the chart ${ref.name} ${ref.version}`;
    const response = await this.transport.get({
      url,
      what,
      maxBytes: this.options.maxPackageBytes,
      auth: this.authFor(url),
      signal,
      headers: { accept: PACKAGE_ACCEPT },
    });
    if (response.status < 200 || response.status >= 300) {
      throw statusError(what, response, 'The index may list a package that is gone.');
    }
    const result: FetchedPackage = { bytes: response.body };
    if (ref.digest !== undefined && ref.digest !== '') {
      const actual = createHash('sha256').update(response.body).digest('hex');
      const expected = normalizeDigest(ref.digest);
      if (actual !== expected) {
        result.digestWarning = say('digest-mismatch-index', {
          chart: ref.name,
          version: ref.version,
          expected: expected.slice(0, 80),
          actual,
        });
        this.options.onWarning?.(result.digestWarning);
      }
    }
    return result;
  }

  fetchIcon(url: URL, maxBytes: number, signal?: AbortSignal): Promise<FetchedIcon> {
    return this.icons.fetch(url, maxBytes, signal);
  }

  /**
   * The package's `.prov`: its resolved URL + `.prov`, as Helm's downloader fetches it
   * (pkg/downloader/chart_downloader.go DownloadTo), with the package's credentials; 404 = unsigned.
   * The signed file name is the URL's last segment, as helm saves the package.
   */
  async loadSignature(
    ref: ChartVersionRef,
    pkg: FetchedPackage,
    signal?: AbortSignal,
  ): Promise<SignatureMaterial> {
    const where = this.locate(ref);
    if ('oci' in where) {
      const digest = pkg.manifestDigest ?? (await where.oci.manifest(where.tag, signal)).digest;
      return ociSignature(where.oci, ref, digest, signal);
    }
    const url = new URL(`${where.url.href}.prov`);
    const what = `the provenance of ${ref.name} ${ref.version}`;
    const response = await this.transport.get({
      url,
      what,
      maxBytes: PROVENANCE_BYTES,
      auth: this.authFor(url),
      signal,
      headers: { accept: 'application/pgp-signature, text/plain, */*;q=0.8' },
    });
    if (response.status === 404) return {};
    if (response.status < 200 || response.status >= 300) throw statusError(what, response);
    const segments = where.url.pathname.split('/');
    const fileName = decodeURIComponent(segments[segments.length - 1] ?? '');
    return { provenance: { text: response.body.toString('utf8'), fileName } };
  }

  async packageSize(ref: ChartVersionRef, signal?: AbortSignal): Promise<number | undefined> {
    const where = this.locate(ref);
    if ('oci' in where) return ociPackageSize(where.oci, where.tag, signal);
    const { url } = where;
    const answer = await httpPackageSize(this.transport, {
      url,
      what: `the size of the chart ${ref.name} ${ref.version}`,
      auth: this.authFor(url),
      accept: PACKAGE_ACCEPT,
      signal,
      skipHead: this.headRefused.has(url.origin),
    });
    if (answer.headRefused) this.headRefused.add(url.origin);
    return answer.size;
  }
}
