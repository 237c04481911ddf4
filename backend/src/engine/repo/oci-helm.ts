// Helm charts stored in an OCI registry (Helm's OCI support), on top of the registry client:
// tags are versions (`+` stored as `_`), the chart is the manifest's layer of a Helm media type,
// its metadata the config blob (Chart.yaml as JSON); a chart's tags become the index entries of a
// repository holding that one chart.
import { say, shown, type Message } from '../messages/index.js';
import { causeParams } from '../messages/describe.js';
import { InputError, RepoError } from '../errors.js';
import { MIB } from '../http/index.js';
import { type Descriptor, OciRegistryClient, normalizeDigest, parseOciReference } from './oci-registry.js';
import type { ResolvedOptions } from './options.js';
import { quoteForMessage } from './parse-index.js';
import { IconFetch } from './icon-fetch.js';
import type { FetchedIcon } from './types.js';
import type { RepoTransport } from './transport.js';
import type {
  ChartRepository,
  ChartVersionRef,
  FetchedPackage,
  Maintainer,
  RepoIndex,
  RepoSource,
} from './types.js';
import { noDownloadUrl, redactUrl } from './url.js';
import { parseChartVersion, sortNewestFirst } from '../version.js';
import { COSIGN_SIGNATURE_ANNOTATION, COSIGN_SIGNATURE_LAYER, cosignSignatureTag } from '../verify/cosign.js';
import type { CosignSignature, SignatureMaterial } from '../verify/types.js';

export const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** Charts pushed by Helm 3.0-3.6 experimental OCI support. */
const LEGACY_CHART_LAYER = 'application/tar+gzip';

const CONFIG_BYTES = 1 * MIB;
/** `helm push` of a package with its .prov beside it adds this layer (helm pkg/registry/constants.go). */
export const HELM_PROVENANCE_LAYER = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
/** A provenance file or a cosign payload: small documents. */
const SIGNATURE_BYTES = 1 * MIB;
const MAX_COSIGN_SIGNATURES = 20;

/** Helm stores `+` of a version as `_` in OCI tags (tags cannot hold `+`). */
export function tagToVersion(tag: string): string {
  return tag.replaceAll('_', '+');
}

export function versionToTag(version: string): string {
  return version.replaceAll('+', '_');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Fills a version from a Helm config blob (Chart.yaml as JSON). */
function applyConfig(ref: ChartVersionRef, config: Record<string, unknown>): void {
  const fields = ['appVersion', 'apiVersion', 'description', 'home', 'icon'] as const;
  for (const field of fields) {
    const value = text(config[field]);
    if (value !== undefined) ref[field] = value;
  }
  if (Array.isArray(config.keywords))
    ref.keywords = config.keywords.filter((k): k is string => typeof k === 'string');
  if (Array.isArray(config.maintainers)) {
    ref.maintainers = config.maintainers.flatMap((m: unknown): Maintainer[] => {
      if (typeof m !== 'object' || m === null) return [];
      const { name, email, url } = m as Record<string, unknown>;
      const maintainer: Maintainer = { name: text(name) ?? '' };
      if (text(email) !== undefined) maintainer.email = text(email);
      if (text(url) !== undefined) maintainer.url = text(url);
      return [maintainer];
    });
  }
  if (typeof config.annotations === 'object' && config.annotations !== null) {
    const annotations: Record<string, string> = {};
    for (const [key, value] of Object.entries(config.annotations)) {
      if (typeof value === 'string') annotations[key] = value;
    }
    ref.annotations = annotations;
  }
  ref.deprecated = config.deprecated === true;
}

function chartLayer(layers: Descriptor[]): Descriptor | undefined {
  return (
    layers.find((layer) => layer.mediaType === HELM_CHART_LAYER) ??
    layers.find((layer) => layer.mediaType === LEGACY_CHART_LAYER)
  );
}

/** Downloads the chart of an `oci://registry/repo:tag` URL through `client`. */
export async function fetchOciPackage(
  client: OciRegistryClient,
  ref: ChartVersionRef,
  tag: string,
  maxBytes: number,
  onWarning: ((warning: Message) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<FetchedPackage> {
  const what = `the chart ${ref.name} ${ref.version}`;
  const manifest = await client.manifest(tag, signal);
  const layer = chartLayer(manifest.layers);
  if (layer === undefined) {
    const url = `${client.registryUrl}:${tag}`;
    const problem = `${url} is not a Helm chart: its manifest has no layer of type ${HELM_CHART_LAYER}.`;
    throw new RepoError(
      say('oci-not-a-chart', { problem, url: shown(url, 200), mediaType: HELM_CHART_LAYER }),
    );
  }
  const bytes = await client.blob(layer, what, maxBytes, signal);
  const result: FetchedPackage = { bytes, manifestDigest: manifest.digest };
  if (ref.digest !== undefined && normalizeDigest(ref.digest) !== normalizeDigest(layer.digest)) {
    result.digestWarning = say('digest-mismatch-registry', {
      chart: ref.name,
      version: ref.version,
      expected: normalizeDigest(ref.digest),
      actual: normalizeDigest(layer.digest),
    });
    onWarning?.(result.digestWarning);
  }
  return result;
}

/**
 * The signatures of an OCI chart whose manifest is `manifestDigest`: the provenance layer Helm
 * pushes beside the chart (`helm push` of a signed package) and cosign's signature manifest.
 */
export async function ociSignature(
  client: OciRegistryClient,
  ref: ChartVersionRef,
  manifestDigest: string,
  signal: AbortSignal | undefined,
): Promise<SignatureMaterial> {
  const material: SignatureMaterial = {};
  const manifest = await client.findManifest(manifestDigest, signal);
  const provLayer = manifest?.layers.find((layer) => layer.mediaType === HELM_PROVENANCE_LAYER);
  if (provLayer) {
    const text = await client.blob(
      provLayer,
      `the provenance of ${ref.name} ${ref.version}`,
      SIGNATURE_BYTES,
      signal,
    );
    // helm pull names an OCI chart's file <name>-<version>.tgz, and signs that name.
    material.provenance = { text: text.toString('utf8'), fileName: `${ref.name}-${ref.version}.tgz` };
  }
  const signed = await client.findManifest(cosignSignatureTag(manifestDigest), signal);
  if (signed) {
    const signatures: CosignSignature[] = [];
    for (const layer of signed.layers.slice(0, MAX_COSIGN_SIGNATURES)) {
      const signature = layer.annotations?.[COSIGN_SIGNATURE_ANNOTATION];
      if (layer.mediaType !== COSIGN_SIGNATURE_LAYER || signature === undefined) continue;
      const payload = await client.blob(
        layer,
        `a cosign signature of ${ref.name} ${ref.version}`,
        SIGNATURE_BYTES,
        signal,
      );
      signatures.push({ payload, signature });
    }
    material.cosign = { manifestDigest, signatures };
  }
  return material;
}

/** The size of the chart layer of `tag`, from its manifest (no blob is downloaded). */
export async function ociPackageSize(
  client: OciRegistryClient,
  tag: string,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  const layer = chartLayer((await client.manifest(tag, signal)).layers);
  return layer?.size !== undefined && Number.isSafeInteger(layer.size) && layer.size >= 0
    ? layer.size
    : undefined;
}

/** A chart in an OCI registry, seen as a repository holding one chart. */
export class OciChartRepository implements ChartRepository {
  private readonly client: OciRegistryClient;

  /** Icons: one short attempt, hosts that failed remembered for the run. */
  private readonly icons: IconFetch;

  constructor(
    private readonly source: RepoSource,
    private readonly transport: RepoTransport,
    private readonly options: ResolvedOptions,
  ) {
    const ref = parseOciReference(source.url);
    if (ref.tag !== undefined || ref.digest !== undefined) {
      throw new InputError(
        `${quoteForMessage(redactUrl(source.url), 200)}: give the chart without a tag or digest (oci://registry/path/chart); its tags are its versions.`,
      );
    }
    this.client = new OciRegistryClient(ref, source, transport, options);
    this.icons = new IconFetch(source, options);
  }

  async loadIndex(signal?: AbortSignal): Promise<RepoIndex> {
    const { chart, registry, repository } = this.client.ref;
    const tags = await this.client.listTags(this.options.maxIndexBytes, signal);
    const warnings: Message[] = [];
    const versions: { ref: ChartVersionRef; semver: NonNullable<ReturnType<typeof parseChartVersion>> }[] =
      [];
    const seen = new Set<string>();
    let ignored = 0;
    for (const tag of tags) {
      const version = tagToVersion(tag);
      const semver = parseChartVersion(version);
      if (semver === undefined || seen.has(version)) {
        ignored++;
        continue;
      }
      seen.add(version);
      versions.push({
        semver,
        ref: {
          name: chart,
          version,
          keywords: [],
          maintainers: [],
          annotations: {},
          deprecated: false,
          urls: [`oci://${registry}/${repository}:${tag}`],
        },
      });
    }
    if (ignored > 0) {
      warnings.push(say('oci-tags-ignored', { count: ignored, registry: this.client.registryUrl }));
    }
    sortNewestFirst(versions, (v) => v.semver);
    for (const { ref } of versions.slice(0, this.options.ociMetadataVersions)) {
      try {
        await this.readMetadata(ref, signal);
      } catch (error) {
        if (!(error instanceof RepoError)) throw error;
        warnings.push(
          say('oci-metadata-unread', {
            ...causeParams(error),
            chart,
            version: ref.version,
            problem: error.message,
          }),
        );
      }
    }
    for (const warning of warnings) this.options.onWarning?.(warning);
    const entries = new Map<string, ChartVersionRef[]>();
    if (versions.length > 0)
      entries.set(
        chart,
        versions.map((v) => v.ref),
      );
    return { url: this.client.registryUrl, entries, warnings };
  }

  private async readMetadata(ref: ChartVersionRef, signal: AbortSignal | undefined): Promise<void> {
    const tag = versionToTag(ref.version);
    const manifest = await this.client.manifest(tag, signal);
    const layer = chartLayer(manifest.layers);
    if (layer !== undefined) ref.digest = normalizeDigest(layer.digest);
    if (manifest.config?.mediaType !== HELM_CONFIG) return;
    const bytes = await this.client.blob(
      manifest.config,
      `the config of ${ref.name} ${ref.version}`,
      CONFIG_BYTES,
      signal,
    );
    let config: unknown;
    try {
      config = JSON.parse(bytes.toString('utf8'));
    } catch (cause) {
      const { name: chart, version } = ref;
      const reason = cause instanceof Error ? cause.message : String(cause);
      const problem = 'its config blob is not JSON';
      throw new RepoError(say('oci-config-invalid-json', { problem, chart, version, reason }), { cause });
    }
    if (typeof config === 'object' && config !== null) applyConfig(ref, config as Record<string, unknown>);
  }

  /** The client for a version's URL: this repository's, or one for another repository (anonymous off this registry). */
  private locate(ref: ChartVersionRef): { client: OciRegistryClient; tag: string } {
    const url = ref.urls[0];
    if (url === undefined) throw new RepoError(noDownloadUrl(ref));
    const target = parseOciReference(url);
    const tag = target.digest ?? target.tag ?? versionToTag(ref.version);
    const own = this.client.ref;
    const client =
      target.registry === own.registry && target.repository === own.repository
        ? this.client
        : new OciRegistryClient(
            target,
            target.registry === own.registry ? this.source : {},
            this.transport,
            this.options,
          );
    return { client, tag };
  }

  async fetchPackage(ref: ChartVersionRef, signal?: AbortSignal): Promise<FetchedPackage> {
    const { client, tag } = this.locate(ref);
    return fetchOciPackage(client, ref, tag, this.options.maxPackageBytes, this.options.onWarning, signal);
  }

  fetchIcon(url: URL, maxBytes: number, signal?: AbortSignal): Promise<FetchedIcon> {
    return this.icons.fetch(url, maxBytes, signal);
  }

  async loadSignature(
    ref: ChartVersionRef,
    pkg: FetchedPackage,
    signal?: AbortSignal,
  ): Promise<SignatureMaterial> {
    const { client, tag } = this.locate(ref);
    const digest = pkg.manifestDigest ?? (await client.manifest(tag, signal)).digest;
    return ociSignature(client, ref, digest, signal);
  }

  async packageSize(ref: ChartVersionRef, signal?: AbortSignal): Promise<number | undefined> {
    const { client, tag } = this.locate(ref);
    return ociPackageSize(client, tag, signal);
  }
}
