// Object naming rules, copied from ks-core pkg/simple/client/application/helper.go.

import { createHash, randomInt } from 'node:crypto';
import type { ReleaseRules } from './releases.js';
import { isDNS1123Subdomain } from './validation.js';

/** helper.go GenerateShortNameMD5Hash: lowercase; keep if <= 14 chars and a DNS-1123 subdomain, else md5 hex[:10]. */
export function generateShortNameMD5Hash(input: string): string {
  const lower = input.toLowerCase();
  if (lower.length > 14 || isDNS1123Subdomain(lower).length !== 0) {
    return createHash('md5').update(lower).digest('hex').slice(0, 10);
  }
  return lower;
}

// pkg/utils/idutils/id_utils.go Alphabet36
const alphabet36 = 'abcdefghijklmnopqrstuvwxyz1234567890';

/** helper.go GetUuid36(prefix): prefix + the first 5 chars of a reversed hashids(alphabet36) of a snowflake id.
 *  The emulator draws 5 chars of the same alphabet at random (the snowflake/hashids pair is not reproduced). */
export function getUuid36(prefix: string): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet36[randomInt(alphabet36.length)] ?? 'a';
  return prefix + out;
}

/**
 * helper.go FormatVersion: the version when it is a DNS-1123 subdomain; else, in v4.1.3 (bb4c67f62),
 * sha1 hex[:12], and in v4.1.1/v4.1.2 the version with every character outside [a-z0-9-.] replaced by
 * '-' (regexp `[^a-z0-9-.]`), which may still not be a valid name (`1.0.0-RC.1` -> `1.0.0---.1`).
 */
export function formatVersion(input: string, rules: Pick<ReleaseRules, 'formatVersion'>): string {
  if (isDNS1123Subdomain(input).length === 0) return input;
  if (rules.formatVersion === 'dash') return input.replace(/[^a-z0-9\-.]/g, '-');
  return createHash('sha1').update(input).digest('hex').slice(0, 12);
}

/** handler_appversion.go CreateOrUpdateAppVersion / helper.go CreateOrUpdateAppVersion: `<app>-<FormatVersion(v)>`. */
export function versionObjectName(
  appName: string,
  versionName: string,
  rules: Pick<ReleaseRules, 'formatVersion'>,
): string {
  return `${appName}-${formatVersion(versionName, rules)}`;
}
