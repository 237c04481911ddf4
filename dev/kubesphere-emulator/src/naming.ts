// Object naming rules, copied from ks-core pkg/simple/client/application/helper.go.

import { createHash, randomInt } from 'node:crypto';
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

/** helper.go FormatVersion: the version when it is a DNS-1123 subdomain, else sha1 hex[:12]. */
export function formatVersion(input: string): string {
  if (isDNS1123Subdomain(input).length === 0) return input;
  return createHash('sha1').update(input).digest('hex').slice(0, 12);
}

/** handler_appversion.go CreateOrUpdateAppVersion / helper.go CreateOrUpdateAppVersion: `<app>-<FormatVersion(v)>`. */
export function versionObjectName(appName: string, versionName: string): string {
  return `${appName}-${formatVersion(versionName)}`;
}
