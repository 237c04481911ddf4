// Caps on what reading a chart package may cost. Enforced while the archive streams, so a
// gzip bomb stops at the first cap it reaches, in bounded memory and time.

export interface ChartLimits {
  /** Sum of the decompressed sizes of all entries. Helm's MaxDecompressedChartSize is 100 MiB. */
  maxUnpackedBytes: number;
  /**
   * Number of tar headers, directories and extension headers included. What neither this nor
   * maxUnpackedBytes counts (empty extension headers, padding) is bounded by the tar stream's size.
   */
  maxEntries: number;
  /**
   * Decompressed size of one entry. Helm 3.17+ refuses files over 5 MiB (MaxDecompressedFileSize);
   * older Helm (which the store may run) has no such cap, so the default is more lenient.
   */
  maxFileBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_CHART_LIMITS: Readonly<ChartLimits> = Object.freeze({
  maxUnpackedBytes: 100 * MiB,
  maxEntries: 10_000,
  maxFileBytes: 20 * MiB,
});

export function resolveLimits(limits: Partial<ChartLimits> | undefined): ChartLimits {
  const resolved: ChartLimits = { ...DEFAULT_CHART_LIMITS };
  for (const key of Object.keys(resolved) as (keyof ChartLimits)[]) {
    const value = limits?.[key];
    if (value !== undefined) resolved[key] = value;
  }
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`chart limit ${key} must be a non-negative integer, got ${String(value)}`);
    }
  }
  return resolved;
}
