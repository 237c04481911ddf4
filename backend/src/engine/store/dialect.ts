// The App Store API's dialects. ks-core 4.1.1, 4.1.2, 4.1.3 and KSE 4.2 share
// /kapis/application.kubesphere.io/v2, but 4.1.3 (bb4c67f62, bb60d3943) changed how a version is
// named, which the importer needs to find its versions again (ks-core `git diff v4.1.2 v4.1.3`):
//   pkg/simple/client/application/helper.go FormatVersion: a version that is no DNS-1123 subdomain
//     becomes sha1 hex[:12] (4.1.3), or has every character outside [a-z0-9-.] replaced by '-';
//   helper.go CreateOrUpdateAppVersion: before 4.1.3 it does not format, so POST /apps fails on a
//     non-DNS first version (after writing the app);
//   pkg/kapis/application/v2/handler_appversion.go: before 4.1.3, spec.versionName is the formatted one.
// The other differences need no dialect: a new version's workspace comes from the body before 4.1.3
// and from the path since, so the client sends both; and the importer never moves a version back
// from `active`, which 4.1.3's ApplicationRelease webhook (apprelease_webhook.go) would make
// uninstallable and un-upgradable.
import { say, type Message } from '../messages/index.js';
import { createHash } from 'node:crypto';

import { isDns1123Subdomain } from './names.js';
import type { StoreDialect, StoreRules, StoreVersion } from './types.js';

/** The rules for servers that are newer than those known, or that do not say. */
const NEWEST: StoreRules = 'v4.1.3';

/** Compares [major, minor, patch] tuples. */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * The dialect of a server that reported `gitVersion` (`v4.1.2`, `v4.1.3-rc.0`, `v4.2.0`, ...).
 * `v0.0.0` is what ks-core reports when built without a version (pkg/version/version.go).
 */
export function dialectFor(gitVersion: string | undefined, why = 'it did not say'): StoreDialect {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(gitVersion ?? '');
  const version = match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
  if (!version || version[0] === 0) {
    const what = gitVersion ? `it says "${gitVersion}"` : why;
    return {
      serverVersion: gitVersion,
      rules: NEWEST,
      warning: say('server-version-unknown', { problem: what, rules: NEWEST }),
    };
  }
  // 4.1.3's rules came with 4.1.3 (its release candidates included); KSE 4.2 keeps them (peers.md).
  const rules: StoreRules = compare(version, [4, 1, 3]) >= 0 ? 'v4.1.3' : 'v4.1.2';
  let warning: Message | undefined;
  if (compare(version, [4, 3, 0]) >= 0)
    warning = say('server-version-newer', { version: gitVersion ?? '', rules: NEWEST });
  else if (compare(version, [4, 1, 0]) < 0)
    warning = say('server-version-older', { version: gitVersion ?? '' });
  return { serverVersion: gitVersion, rules, warning };
}

/** helper.go FormatVersion of the server's release. */
export function formatVersion(rules: StoreRules, version: string): string {
  if (isDns1123Subdomain(version)) return version;
  if (rules === 'v4.1.2') return version.replace(/[^a-z0-9\-.]/g, '-');
  return createHash('sha1').update(version).digest('hex').slice(0, 12);
}

/** The ApplicationVersion's object name: `<app>-<FormatVersion(version)>`. */
export function versionObjectName(rules: StoreRules, appName: string, version: string): string {
  return `${appName}-${formatVersion(rules, version)}`;
}

/** The spec.versionName the store keeps for a version added through the versions route. */
export function storedVersionName(rules: StoreRules, version: string): string {
  return rules === 'v4.1.2' ? formatVersion(rules, version) : version;
}

/**
 * Before 4.1.3, POST /apps names the first version `<app>-<version>` as given and fails on a name
 * that is no DNS-1123 subdomain, after writing the app: such a version goes through the versions route.
 */
export function createAppCanName(rules: StoreRules, appName: string, version: string): boolean {
  return rules !== 'v4.1.2' || isDns1123Subdomain(`${appName}-${version}`);
}

/** Why the server cannot store this version at all, or undefined. */
export function unstorableReason(
  dialect: StoreDialect,
  appName: string,
  version: string,
): Message | undefined {
  const name = versionObjectName(dialect.rules, appName, version);
  if (isDns1123Subdomain(name)) return undefined;
  return say('version-unstorable', { server: dialect.serverVersion ?? dialect.rules, version, name });
}

/**
 * Finds the store's version of a chart version among an app's versions: by the object name the
 * server gives it, then by spec.versionName, then (KubeSphere upgraded since it was stored) by the
 * other releases' name for it, when the package digest is the same.
 */
export function storedVersionFinder(
  rules: StoreRules,
  stored: readonly StoreVersion[],
  appName: string,
): (version: string, digest: string | undefined) => StoreVersion | undefined {
  const byName = new Map<string, StoreVersion>();
  const byVersionName = new Map<string, StoreVersion>();
  for (const v of stored) {
    if (!byName.has(v.name)) byName.set(v.name, v);
    if (!byVersionName.has(v.versionName)) byVersionName.set(v.versionName, v);
  }
  const other: StoreRules = rules === 'v4.1.2' ? 'v4.1.3' : 'v4.1.2';
  return (version, digest) => {
    const found = byName.get(versionObjectName(rules, appName, version)) ?? byVersionName.get(version);
    if (found || !digest) return found;
    const before = byName.get(versionObjectName(other, appName, version));
    return before?.digest === digest ? before : undefined;
  };
}

/** storedVersionFinder for one version. */
export function findStoredVersion(
  rules: StoreRules,
  stored: readonly StoreVersion[],
  appName: string,
  version: string,
  digest: string | undefined,
): StoreVersion | undefined {
  return storedVersionFinder(rules, stored, appName)(version, digest);
}
