// What a repository, a registry or a bundle sent or named that cannot be used (engine/repo,
// engine/bundle): one code per problem, so that the console can say it in the user's language.
// `problem` is the English sentence, kept as the CLI prints it; the other parameters are what a
// translation needs (URLs without credentials, names, digests), never a credential or a token.
import { entry, type Remedy } from './entry.js';

type Problem = { problem: string };
type ChartVersion = { chart: string; version: string };
/** The registry's host[:port]. */
type Registry = { registry: string };
/** Where: `oci://registry/path/chart` for a registry's repository, else the URL as the sentence shows it. */
type Url = { url: string };

/** The English sentence is the text: the parameters are for other languages. */
const said = <P>(remedy: Remedy) => entry<Problem & P>((p) => p.problem, remedy);

export const repoProblems = {
  // The registry's Distribution API (repo/oci-registry.ts); `reason` is the JSON parser's own words.
  'registry-invalid-json': said<Url & { reason: string }>('change'),
  /** `realm`: the token service's URL, without its query. */
  'registry-token-realm-plain-http': said<Registry & { realm: string }>('change'),
  'registry-token-realm-other-host': said<Registry & { realm: string }>('change'),
  'registry-token-realm-invalid': said<Registry>('change'),
  'registry-token-realm-scheme': said<Registry>('change'),
  'registry-token-missing': said<Registry>('change'),
  'registry-tags-too-many-pages': said<Url & { max: number }>('change'),
  'registry-repository-not-found': said<Url>('change'),
  /** `reference`: the tag or digest asked for. */
  'registry-manifest-missing': said<Url & { reference: string }>('change'),
  'registry-digest-unsupported': said<Url & { digest: string }>('change'),
  'registry-blob-too-large': said<Url & { sizeBytes: number; limitBytes: number }>('change'),
  /** The download was corrupt on the way: another may not be. */
  'registry-digest-mismatch': said<Url & { expected: string; actual: string }>('retry'),
  // Helm charts in a registry (repo/oci-helm.ts); `url` is `oci://registry/path/chart:tag`.
  'oci-not-a-chart': said<Url & { mediaType: string }>('change'),
  'oci-config-invalid-json': said<ChartVersion & { reason: string }>('change'),
  // A repository's URLs (repo/url.ts, http-repository.ts)
  'repo-url-invalid': said<Url>('change'),
  /** A chart URL of the index that cannot be resolved against the repository's. */
  'chart-url-invalid': said<Url>('change'),
  'chart-download-url-invalid': said<ChartVersion & Url>('change'),
  'chart-no-download-url': said<ChartVersion>('change'),
  // An offline bundle (bundle/read.ts, bundle/write.ts)
  'bundle-digest-mismatch': said<ChartVersion & { expected: string; actual: string }>('change'),
  'bundle-chart-missing': said<ChartVersion>('change'),
  /** `path`: the file's path inside the bundle. */
  'bundle-file-changed': said<{ path: string }>('change'),
  /** An icon the bundle does not carry: `url` is the chart's icon URL. */
  'bundle-icon-missing': said<Url>('change'),
  'bundle-icon-too-large': said<{ sizeBytes: number; limitBytes: number }>('change'),
} as const;
