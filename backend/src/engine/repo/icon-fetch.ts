// A chart's icon URL read over the repository's outbound policy (the service's SSRF check),
// proxies and size caps, but not its patience: an icon is a nicety, so one attempt within
// ICON_TIMEOUT_MS, and a host that could not be reached is not asked again in the run (an
// air-gapped import would otherwise wait on every app's icon). No credentials go with it: an
// icon is a public picture, often on another host, and another origin gets default TLS, not
// the repository's CA, insecureSkipTLSVerify or client certificate.
import { RepoError } from '../errors.js';
import type { HttpFailureKind } from '../http/index.js';
import type { ResolvedOptions } from './options.js';
import { RepoTransport, statusError } from './transport.js';
import type { FetchedIcon, RepoSource } from './types.js';

const ICON_ACCEPT = 'image/png, image/jpeg, image/gif, image/webp, image/svg+xml;q=0.9, */*;q=0.1';

/** Time for one icon request, connection included. */
export const ICON_TIMEOUT_MS = 5_000;

/** Failures that say the host cannot be reached at all, so its other icons are not asked for. */
const HOST_DOWN: ReadonlySet<HttpFailureKind> = new Set<HttpFailureKind>([
  'unknown-host',
  'refused',
  'unreachable',
  'timed-out',
]);

type IconSource = Pick<RepoSource, 'url' | 'caPem' | 'insecureSkipTLSVerify' | 'certPem' | 'keyPem'>;

/** The icon requests of one repository client (one run). */
export class IconFetch {
  private readonly options: ResolvedOptions;
  private readonly origin: string | undefined;
  private repositoryTransport: RepoTransport | undefined;
  private otherTransport: RepoTransport | undefined;
  /** The failure of each host that could not be reached, given again for its later icons. */
  private readonly down = new Map<string, RepoError>();

  constructor(
    private readonly source: IconSource,
    options: ResolvedOptions,
  ) {
    this.options = {
      ...options,
      timeoutMs: Math.min(options.timeoutMs, ICON_TIMEOUT_MS),
      connectTimeoutMs: Math.min(options.connectTimeoutMs, ICON_TIMEOUT_MS),
      maxAttempts: 1,
    };
    // An oci:// repository's TLS options are its registry's https origin's.
    const url = source.url.trim().replace(/^oci:/i, 'https:');
    this.origin = URL.canParse(url) ? new URL(url).origin : undefined;
  }

  /** GET an icon of at most `maxBytes`; throws RepoError (refused, failed, too large, not 2xx). */
  async fetch(url: URL, maxBytes: number, signal: AbortSignal | undefined): Promise<FetchedIcon> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new RepoError(`the icon URL's scheme ${url.protocol} is neither http nor https`);
    const known = this.down.get(url.host);
    if (known) throw known;
    const what = 'the icon';
    let response;
    try {
      response = await this.transportFor(url).get({
        url,
        what,
        maxBytes,
        signal,
        headers: { accept: ICON_ACCEPT },
      });
    } catch (error) {
      if (error instanceof RepoError && error.failure && HOST_DOWN.has(error.failure.kind))
        this.down.set(error.failure.host ?? url.host, error);
      throw error;
    }
    if (response.status < 200 || response.status >= 300) throw statusError(what, response);
    const contentType = response.headers['content-type'];
    return { bytes: response.body, contentType: typeof contentType === 'string' ? contentType : undefined };
  }

  /** The repository's TLS options for its own origin; default TLS for any other. */
  private transportFor(url: URL): RepoTransport {
    if (url.origin === this.origin) {
      this.repositoryTransport ??= new RepoTransport(this.source, this.options);
      return this.repositoryTransport;
    }
    this.otherTransport ??= new RepoTransport({ url: this.source.url }, this.options);
    return this.otherTransport;
  }
}
