// The repository layer of the engine: read a Helm repository (HTTP(S) index or OCI registry)
// and download its chart packages.
import { InputError } from '../errors.js';
import { HttpChartRepository } from './http-repository.js';
import { OciChartRepository } from './oci-helm.js';
import { type RepoClientOptions, resolveOptions } from './options.js';
import { RepoTransport } from './transport.js';
import type { ChartRepository, RepoSource } from './types.js';
import { redactUrl } from './url.js';

export type { RepoClientOptions, RetryInfo } from './options.js';
export { DEFAULT_OPTIONS } from './options.js';
export type * from './types.js';
export { parseIndex } from './parse-index.js';
export { indexUrlOf, redactUrl, resolveReferenceUrl } from './url.js';
export { compareChartVersions, parseChartVersion } from '../version.js';
export { parseOciReference } from './oci-registry.js';
export {
  type ClientCertificateProblem,
  clientCertificateProblem,
  describeClientCertificateProblem,
} from './client-certificate.js';

/**
 * A client for the repository at `source.url`: `oci://` gives an OCI registry client, `http(s)://`
 * a classic Helm repository client. Throws InputError for an unusable URL or CA certificate.
 */
export function createChartRepository(source: RepoSource, options?: RepoClientOptions): ChartRepository {
  const resolved = resolveOptions(options);
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(source.url)?.[1]?.toLowerCase();
  if (scheme === 'oci') return new OciChartRepository(source, new RepoTransport(source, resolved), resolved);
  if (scheme === 'http' || scheme === 'https') {
    return new HttpChartRepository(source, new RepoTransport(source, resolved), resolved);
  }
  throw new InputError(
    `${JSON.stringify(redactUrl(source.url))} is not a repository URL: use http://, https:// or oci://registry/path/chart.`,
  );
}
