// Chart versions as Helm reads them (Masterminds/semver v3 `NewVersion`): lenient, so `v1.2`,
// `1` and `01.2.3` are versions, read as 1.2.0, 1.0.0 and 1.2.3. The `semver` package does the
// parsing and ordering once the version is put in strict SemVer form.
// One bound differs from Helm: parts above 2^53 are refused here (Helm allows up to 2^64).
import semver, { type SemVer } from 'semver';

const LENIENT_SEMVER =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const MAX_VERSION_LENGTH = 256;

function withoutLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** The version in strict SemVer form, or undefined when Helm would refuse it. */
export function parseChartVersion(version: string): SemVer | undefined {
  if (version.length > MAX_VERSION_LENGTH) return undefined;
  const match = LENIENT_SEMVER.exec(version);
  if (!match) return undefined;
  const [, major = '0', minor = '0', patch = '0', prerelease, build] = match;
  const core = [major, minor, patch].map(withoutLeadingZeros).join('.');
  const strict = `${core}${prerelease ? `-${prerelease}` : ''}${build ? `+${build}` : ''}`;
  // semver refuses what Masterminds refuses too: numeric prerelease parts with leading zeros.
  return semver.parse(strict) ?? undefined;
}

export function isChartVersion(version: string): boolean {
  return parseChartVersion(version) !== undefined;
}

/** A prerelease (`1.0.0-rc.1`): left out of `latest` and `newest N`, as `helm install` does without --devel. */
export function isPrerelease(version: string): boolean {
  return (parseChartVersion(version)?.prerelease.length ?? 0) > 0;
}

/** Semver precedence: negative when a < b; build metadata is ignored, as in Helm. */
export function compareChartVersions(a: SemVer, b: SemVer): number {
  return semver.compare(a, b);
}

/** Sorts items newest version first (Helm's `SortEntries`); stable for equal versions. */
export function sortNewestFirst<T>(items: T[], versionOf: (item: T) => SemVer): T[] {
  return items.sort((x, y) => compareChartVersions(versionOf(y), versionOf(x)));
}
