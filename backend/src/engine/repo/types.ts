// The model of a Helm chart repository, as the engine needs it. Owned by engine/repo.
import type { Message } from '../messages/index.js';
import type { SignatureMaterial } from '../verify/types.js';

export interface Maintainer {
  name: string;
  email?: string;
  url?: string;
}

/** One chart version listed in a repository index (or found as an OCI tag). */
export interface ChartVersionRef {
  name: string;
  version: string;
  appVersion?: string;
  apiVersion?: string;
  description?: string;
  home?: string;
  icon?: string;
  keywords: string[];
  maintainers: Maintainer[];
  annotations: Record<string, string>;
  deprecated: boolean;
  /** sha256 hex from the index, when the index has one. */
  digest?: string;
  created?: string;
  /** Absolute download URLs (http(s):// or oci://), resolved the way Helm does. */
  urls: string[];
}

export interface RepoIndex {
  /** The repository URL as the user gave it (no credentials). */
  url: string;
  /** Chart name -> versions, newest first (Helm's sort). */
  entries: Map<string, ChartVersionRef[]>;
  /** Entries dropped or repaired while loading, one sentence each. */
  warnings: Message[];
  /**
   * sha256 of the entries as loaded, without the index's `generated` time (repo/index-digest.ts):
   * equal when the repository has not changed. Absent for OCI registries, which have no index.
   */
  contentDigest?: string;
}

/** Where a repository is and how to reach it. Secrets live only here. */
export interface RepoSource {
  /** http(s) base URL of a Helm repo (index.yaml is appended), or oci://registry/path/chart. */
  url: string;
  username?: string;
  password?: string;
  /** Sent as `Authorization: Bearer`, instead of basic auth. */
  bearerToken?: string;
  /** PEM of extra CA certificates to trust. */
  caPem?: string;
  insecureSkipTLSVerify?: boolean;
  /** PEM of a TLS client certificate (mutual TLS), presented to the repository's origin only. */
  certPem?: string;
  /** PEM of the unencrypted private key of certPem. */
  keyPem?: string;
}

/** What an icon URL answered: its bytes and the Content-Type it claimed. */
export interface FetchedIcon {
  bytes: Buffer;
  contentType: string | undefined;
}

/** A downloaded chart package. */
export interface FetchedPackage {
  bytes: Buffer;
  /** Set when the index digest did not match the bytes: a warning, not an error. */
  digestWarning?: Message;
  /** An OCI chart's manifest digest (`sha256:<hex>`), which cosign signs. */
  manifestDigest?: string;
}

/** What the engine needs of a repository. Tests may pass fakes. */
export interface ChartRepository {
  /**
   * The index holds a selection of the repository's versions (an offline bundle): a version it
   * lacks may still be listed by the repository, so none counts as removed upstream.
   */
  readonly partialIndex?: boolean;
  loadIndex(signal?: AbortSignal): Promise<RepoIndex>;
  fetchPackage(ref: ChartVersionRef, signal?: AbortSignal): Promise<FetchedPackage>;
  /**
   * The package's size in bytes without downloading it, or undefined when the repository does
   * not say. Throws like a download would (RepoError, CancelledError, a refused URL). Optional:
   * a repository without it has unknown sizes.
   */
  packageSize?(ref: ChartVersionRef, signal?: AbortSignal): Promise<number | undefined>;
  /**
   * A chart's icon URL, read like the repository itself (same outbound policy, proxies, timeouts)
   * but without its credentials. Throws RepoError, CancelledError, or a refused URL's error.
   * Optional: without it, icons are not stored.
   */
  fetchIcon?(url: URL, maxBytes: number, signal?: AbortSignal): Promise<FetchedIcon>;
  /**
   * What signs a downloaded package (engine/verify): its `.prov`, an OCI chart's provenance layer
   * and cosign signatures; `{}` when there is none. Throws when they cannot be read. Optional:
   * without it (bundles) signatures are not checked.
   */
  loadSignature?(ref: ChartVersionRef, pkg: FetchedPackage, signal?: AbortSignal): Promise<SignatureMaterial>;
}
