// A chart version's details, read from its package on demand: the repository's index says where
// the package is, the repository client downloads it (its credentials, outbound policy and size
// cap), and engine/chart reads what it shows. Nothing is stored.
import { readPackageDetails, type DetailsOptions } from '../chart/details.js';
import type { PackageDetails } from '../chart/types.js';
import { ChartNotFoundError } from '../errors.js';
import { say, type Message } from '../messages/index.js';
import type { ChartRepository, ChartVersionRef } from '../repo/types.js';
import { SignatureCheck, type SignatureResult, type VerifyOptions } from '../verify/index.js';

/** At most this many versions are named when the one asked for is missing. */
const VERSIONS_NAMED = 10;

export interface ChartDetails extends PackageDetails {
  /** The index entry the package was found by. */
  ref: ChartVersionRef;
  /** The package's size in bytes. */
  size: number;
  /** The digest did not match, or the package names another chart or version. */
  warnings: Message[];
  /** With a signature policy: the package's signature, as an import would check it. */
  signature?: SignatureResult;
}

export interface ChartDetailsRequest extends DetailsOptions {
  chart: string;
  version: string;
  /** Check the package's signature too (nothing is fetched when absent or off). */
  verify?: VerifyOptions;
  signal?: AbortSignal;
}

/** The index entry of a chart version; ChartNotFoundError, naming what there is, when it is missing. */
export function findChartVersion(
  entries: ReadonlyMap<string, ChartVersionRef[]>,
  chart: string,
  version: string,
): ChartVersionRef {
  const refs = entries.get(chart);
  if (refs === undefined || refs.length === 0) {
    throw new ChartNotFoundError(
      say('chart-version-not-found', {
        chart,
        version,
        problem: `the repository has no chart ${JSON.stringify(chart)}: preview the repository again to see the charts it lists`,
      }),
    );
  }
  const ref = refs.find((candidate) => candidate.version === version);
  if (ref !== undefined) return ref;
  const listed = refs.slice(0, VERSIONS_NAMED).map((candidate) => candidate.version);
  const more = refs.length > VERSIONS_NAMED ? ` and ${refs.length - VERSIONS_NAMED} more` : '';
  throw new ChartNotFoundError(
    say('chart-version-not-found', {
      chart,
      version,
      problem:
        `the repository has no version ${JSON.stringify(version)} of the chart ${JSON.stringify(chart)}: ` +
        `it lists ${listed.join(', ')}${more}; pick one of these`,
    }),
  );
}

/** Downloads one chart version's package and reads its details. */
export async function readChartDetails(
  repo: ChartRepository,
  request: ChartDetailsRequest,
): Promise<ChartDetails> {
  // Keys that cannot be read are the request's error, before any download.
  const check = await SignatureCheck.create(request.verify);
  const index = await repo.loadIndex(request.signal);
  const ref = findChartVersion(index.entries, request.chart, request.version);
  const fetched = await repo.fetchPackage(ref, request.signal);
  const details = await readPackageDetails(fetched.bytes, request);
  const warnings: Message[] = fetched.digestWarning === undefined ? [] : [fetched.digestWarning];
  const { name, version } = details.metadata;
  // An import refuses such a package (checkPackageIdentity); its details are still worth showing.
  if (name !== ref.name || version !== ref.version) {
    warnings.push(
      say('package-identity-mismatch', {
        packageName: name,
        packageVersion: version,
        indexName: ref.name,
        indexVersion: ref.version,
      }),
    );
  }
  const signature = check ? await check.check(repo, ref, fetched, request.signal) : undefined;
  return { ...details, ref, size: fetched.bytes.length, warnings, ...(signature ? { signature } : {}) };
}
