// A chart package as read from its .tgz. Owned by engine/chart.
import type { Maintainer } from '../repo/types.js';

export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  home?: string;
  icon?: string;
  keywords: string[];
  maintainers: Maintainer[];
  annotations: Record<string, string>;
  deprecated: boolean;
  type?: string;
}

export interface PackageEntry {
  /** Path inside the archive, e.g. `mychart/templates/deployment.yaml`. */
  path: string;
  size: number;
}

export interface InspectedChart {
  metadata: ChartMetadata;
  entries: PackageEntry[];
  /** Sum of the decompressed sizes of all entries. */
  unpackedBytes: number;
}

export interface SlimResult {
  bytes: Buffer;
  /** Archive paths dropped, and why, for the item's report. */
  removed: { path: string; reason: string }[];
}

/** A dependency as Chart.yaml (or a Helm 2 requirements.yaml) lists it. */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  alias?: string;
}

/** Chart.yaml fields that only a chart's details show. */
export interface ChartDetailFields {
  sources: string[];
  kubeVersion?: string;
  dependencies: ChartDependency[];
}

/** A text file of a package, read up to a bound. */
export interface BoundedText {
  /** Path below the chart's directory, e.g. `README.md`. */
  path: string;
  /** The first `maxTextBytes` bytes as UTF-8 (an incomplete last character dropped). */
  content: string;
  /** The file's whole size in bytes. */
  size: number;
  /** `content` is the beginning of the file only. */
  truncated: boolean;
}

/** What a package tells before it is imported: the data of a chart's details panel. */
export interface PackageDetails {
  metadata: ChartMetadata & ChartDetailFields;
  /** README.md, README.txt or README at the chart's root (case-insensitive), as `helm show readme` finds it. */
  readme?: BoundedText;
  values?: BoundedText;
  /** The chart has a values.schema.json. */
  hasValuesSchema: boolean;
}
