// Helm validates chart versions with Masterminds/semver v3 NewVersion, which is lenient:
// "v1.2", "1.2", "1" and "01.2.3" are accepted (v3.4+ coerces leading zeros), while a numeric
// prerelease identifier with a leading zero ("1.0.0-01") or a segment over uint64 is not.

const LOOSE_SEMVER =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_UINT64 = 2n ** 64n - 1n;

/** True when Masterminds/semver v3 `NewVersion` (as Helm 3 uses it) accepts `version`. */
export function isHelmSemver(version: string): boolean {
  const match = LOOSE_SEMVER.exec(version);
  if (!match) return false;
  for (const segment of [match[1], match[2], match[3]]) {
    if (segment !== undefined && BigInt(segment.replace(/^\./, '')) > MAX_UINT64) return false;
  }
  const prerelease = match[5];
  if (prerelease !== undefined) {
    for (const identifier of prerelease.split('.')) {
      if (/^[0-9]+$/.test(identifier) && identifier.length > 1 && identifier.startsWith('0')) return false;
    }
  }
  return true;
}
