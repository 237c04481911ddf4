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
