// Chart versions the way Helm reads them (Masterminds/semver v3 `NewVersion`): loose, so
// `v1.2`, `1` and `1.2.3-rc.1+build` are valid; anything else is not a chart version.

export interface ChartSemver {
  /** major, minor, patch as decimal strings without leading zeros (they may exceed 2^53). */
  core: [string, string, string];
  prerelease: string[];
}

const VERSION_RE =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function trimZeros(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** Parses a chart version, or returns undefined when Helm would reject it. */
export function parseChartVersion(version: string): ChartSemver | undefined {
  if (version.length > 256) return undefined;
  const match = VERSION_RE.exec(version);
  if (!match) return undefined;
  return {
    core: [trimZeros(match[1] ?? '0'), trimZeros(match[2] ?? '0'), trimZeros(match[3] ?? '0')],
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

function compareNumeric(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifier(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);
  if (aNum && bNum) return compareNumeric(trimZeros(a), trimZeros(b));
  if (aNum) return -1;
  if (bNum) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a < b. Build metadata is ignored, as in Helm. */
export function compareChartVersions(a: ChartSemver, b: ChartSemver): number {
  for (let i = 0; i < 3; i++) {
    const order = compareNumeric(a.core[i] ?? '0', b.core[i] ?? '0');
    if (order !== 0) return order;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length;
  }
  const length = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < length; i++) {
    const order = compareIdentifier(a.prerelease[i] ?? '', b.prerelease[i] ?? '');
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** Sorts items newest version first (Helm's `SortEntries`); the sort is stable for equal versions. */
export function sortNewestFirst<T>(items: T[], versionOf: (item: T) => ChartSemver): T[] {
  return items.sort((x, y) => compareChartVersions(versionOf(y), versionOf(x)));
}
