// Two semver dialects ks-core uses:
//  - Masterminds/semver v3.3.0 NewVersion (lenient; Helm's Chart.yaml `version` check in
//    helm.sh/helm/v3 pkg/chart/metadata.go isValidSemver, and ks-core handler_appversion.go compareAppVersion)
//  - blang/semver v4 Make (strict; ks-core pkg/simple/client/application/helper.go UpdateLatestAppVersion)

import semverLib from 'semver';

export interface ParsedVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
}

// vendor/github.com/Masterminds/semver/v3/version.go semVerRegex
const mastermindsRe =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const maxUint64 = 18446744073709551615n;

/** Masterminds NewVersion: returns the parsed version or an error text (the Go error string). */
export function parseMasterminds(v: string): ParsedVersion | string {
  const m = mastermindsRe.exec(v);
  if (!m) return 'Invalid Semantic Version';
  const seg = (s: string | undefined): bigint | string => {
    if (!s) return 0n;
    const n = BigInt(s.replace(/^\./, ''));
    return n > maxUint64
      ? `Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`
      : n;
  };
  const major = seg(m[1]);
  const minor = seg(m[2]);
  const patch = seg(m[3]);
  if (typeof major === 'string') return major;
  if (typeof minor === 'string') return minor;
  if (typeof patch === 'string') return patch;
  const pre = m[5] ?? '';
  // validatePrerelease: numeric identifiers must not start with 0
  for (const p of pre ? pre.split('.') : []) {
    if (/^[0-9]+$/.test(p) && p.length > 1 && p.startsWith('0')) return 'Version segment starts with 0';
  }
  return { major, minor, patch, pre };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const x = ap[i];
    const y = bp[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d > 0n ? 1 : -1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Masterminds Version.Compare (metadata ignored). */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] > b[k] ? 1 : -1;
  }
  return comparePre(a.pre, b.pre);
}

// blang/semver v4 Parse: strict MAJOR.MINOR.PATCH, no leading zeros, prerelease/build identifiers.
const blangRe =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** blang semver.Make / Parse: the version string normalised for comparison, or null when it does not parse. */
export function parseBlang(v: string): string | null {
  const m = blangRe.exec(v);
  if (!m) return null;
  for (const p of m[4] ? m[4].split('.') : []) {
    if (/^[0-9]+$/.test(p) && p.length > 1 && p.startsWith('0')) return null;
  }
  return v;
}

/** blang Version.GT */
export function blangGreater(a: string, b: string): boolean {
  return semverLib.compare(a, b) > 0;
}
