// A chart's icon URL read through the repository's transport: the same outbound policy (the
// service's SSRF check), proxies, TLS options, timeouts and retries as the index and packages.
// No credentials go with it: an icon is a public picture, often on another host.
import { RepoError } from '../errors.js';
import { statusError, type RepoTransport } from './transport.js';
import type { FetchedIcon } from './types.js';

const ICON_ACCEPT = 'image/png, image/jpeg, image/gif, image/webp, image/svg+xml;q=0.9, */*;q=0.1';

/** GET an icon of at most `maxBytes`; throws RepoError (refused, failed, too large, not 2xx). */
export async function fetchIconOver(
  transport: RepoTransport,
  url: URL,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<FetchedIcon> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RepoError(`the icon URL's scheme ${url.protocol} is neither http nor https`);
  const what = 'the icon';
  const response = await transport.get({ url, what, maxBytes, signal, headers: { accept: ICON_ACCEPT } });
  if (response.status < 200 || response.status >= 300) throw statusError(what, response);
  const contentType = response.headers['content-type'];
  return { bytes: response.body, contentType: typeof contentType === 'string' ? contentType : undefined };
}
