// A classic Helm chart repository over HTTP(S): `<url>/index.yaml` plus chart packages.
import { createHash } from 'node:crypto';

import { InputError, RepoError } from '../errors.js';
import { type HttpTransport, type ScopedAuth, statusError } from './http.js';
import { OciClient, fetchOciPackage, normalizeDigest, parseOciReference, versionToTag } from './oci.js';
import type { ResolvedOptions } from './options.js';
import { parseIndex, quoteForMessage } from './parse-index.js';
import type { ChartRepository, ChartVersionRef, FetchedPackage, RepoIndex, RepoSource } from './types.js';
import { indexUrlOf, redactUrl } from './url.js';

/** The repository URL without user info, and the credentials to send to its origin only. */
export function splitCredentials(source: RepoSource): { url: URL; auth: ScopedAuth | undefined } {
  let url: URL;
  try {
    url = new URL(source.url.trim());
  } catch (cause) {
    throw new InputError(`${quoteForMessage(redactUrl(source.url), 200)} is not a valid repository URL.`, {
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${quoteForMessage(redactUrl(url), 200)} has an unsupported scheme; use http://, https:// or oci://.`,
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

export class HttpChartRepository implements ChartRepository {
  /** The repository URL as given, without credentials. */
  readonly url: string;
  private readonly auth: ScopedAuth | undefined;

  constructor(
    source: RepoSource,
    private readonly transport: HttpTransport,
    private readonly options: ResolvedOptions,
  ) {
    const { url, auth } = splitCredentials(source);
    this.url = url.href;
    this.auth = auth;
  }

  async loadIndex(signal?: AbortSignal): Promise<RepoIndex> {
    const indexUrl = new URL(indexUrlOf(this.url));
    // The bytes go to the parser as they are: a large index is decoded one chart at a time.
    const bytes = await this.fetchIndexBytes(indexUrl, signal);
    const options = this.options.onWarning ? { onWarning: this.options.onWarning } : {};
    return parseIndex(bytes, this.url, redactUrl(indexUrl), options);
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

  async fetchPackage(ref: ChartVersionRef, signal?: AbortSignal): Promise<FetchedPackage> {
    const first = ref.urls[0];
    if (first === undefined) throw new RepoError(`Chart ${ref.name} ${ref.version} has no download URL.`);
    if (/^oci:/i.test(first)) {
      // A chart of this index stored in a registry: fetched anonymously (credentials stay with the repo host).
      const target = parseOciReference(first);
      const client = new OciClient(target, {}, this.transport, this.options);
      const tag = target.digest ?? target.tag ?? versionToTag(ref.version);
      return fetchOciPackage(client, ref, tag, this.options.maxPackageBytes, this.options.onWarning, signal);
    }
    let url: URL;
    try {
      url = new URL(first);
    } catch (cause) {
      throw new RepoError(
        `Chart ${ref.name} ${ref.version} has an invalid URL ${quoteForMessage(redactUrl(first), 200)}.`,
        {
          cause,
        },
      );
    }
    const what = `the chart ${ref.name} ${ref.version}`;
    const response = await this.transport.get({
      url,
      what,
      maxBytes: this.options.maxPackageBytes,
      auth: this.auth,
      signal,
      headers: { accept: 'application/gzip, application/x-gzip, application/octet-stream, */*;q=0.8' },
    });
    if (response.status < 200 || response.status >= 300) {
      throw statusError(what, response, 'The index may list a package that is gone.');
    }
    const result: FetchedPackage = { bytes: response.body };
    if (ref.digest !== undefined && ref.digest !== '') {
      const actual = createHash('sha256').update(response.body).digest('hex');
      const expected = normalizeDigest(ref.digest);
      if (actual !== expected) {
        result.digestWarning =
          `Chart ${ref.name} ${ref.version}: the index digest ${expected.slice(0, 80)} does not match ` +
          `the downloaded package (sha256 ${actual}); the index may be stale.`;
        this.options.onWarning?.(result.digestWarning);
      }
    }
    return result;
  }
}
