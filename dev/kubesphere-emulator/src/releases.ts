// What the App Store API of each ks-core release does differently. v4.1.1 and v4.1.2 answer alike
// (`git diff v4.1.1 v4.1.2 -- pkg/kapis/application pkg/simple/client/application` only adds OCI
// repos, not emulated); v4.1.3 changed the rules below, most of them in the cherry-pick bb60d3943
// (from KSE) and in bb4c67f62. KSE 4.2 is assumed to keep v4.1.3's (platform/version.ts ksCoreTag).

import { CleanupFinalizer } from './constants.js';
import { ksCoreTag, type KsVersion } from './platform/version.js';

export interface ReleaseRules {
  /**
   * helper.go FormatVersion for a version that is not a DNS-1123 subdomain: v4.1.1/v4.1.2 replace
   * every character outside [a-z0-9-.] with '-'; v4.1.3 (bb4c67f62) takes sha1 hex[:12].
   */
  formatVersion: 'dash' | 'sha1';
  /**
   * helper.go CreateOrUpdateAppVersion names the version `<app>-<FormatVersion(v)>` in v4.1.3; before,
   * `<app>-<v>` as given, so POST /apps (which does not format first) fails on a non-DNS version.
   */
  helperFormatsVersion: boolean;
  /**
   * handler_appversion.go CreateOrUpdateAppVersion of v4.1.1/v4.1.2 overwrites the request's
   * versionName with FormatVersion's result, so spec.versionName is the formatted one.
   */
  storesFormattedVersionName: boolean;
  /**
   * handler_appversion.go CreateOrUpdateAppVersion of v4.1.3: workspace from the path, else
   * system-workspace; before, the body's `workspace` (the path's is ignored).
   */
  versionWorkspaceFromPath: boolean;
  /** utils.go parseHelmRequest reads the chart's CRDs on every upload (v4.1.1/v4.1.2) or with ?validate=true only */
  crdsOnEveryUpload: boolean;
  /** helper.go CreateOrUpdateApp of v4.1.3 writes the hascrd label and spec.resources */
  appCrdFields: boolean;
  /** helper.go CreateOrUpdateAppVersion finalizer: appv2.StoreCleanFinalizer, or CleanupFinalizer (9f6f781a3) */
  versionFinalizer: string;
  /**
   * helper.go UpdateLatestAppVersion of v4.1.1/v4.1.2 calls semver.MustParse on the first listed
   * version: a panic (the connection closes unanswered) when it is not blang semver; v4.1.3 skips it.
   */
  latestVersionPanics: boolean;
  /** register.go: POST /repos/{repo}/action (ManualSync) exists from v4.1.3 */
  repoManualSync: boolean;
  /** register.go: chart CR routes `/apps/{app}/cr`, `/cr[/{crname}]`, or `/applications/{application}/cr[/{crname}]` */
  crRoutes: 'apps' | 'applications';
  /** repo_types.go RepoSpec.SyncPeriod: `int` with omitempty, or `*int` without (null when unset) */
  syncPeriodPointer: boolean;
  /** errors.go convertToListResult of v4.1.1/v4.1.2 removes `conditions`, `global`, `create` before listing */
  listDropsConditions: boolean;
  /** query/field.go FieldNameAndAlias (20bf33dfe): the `nameAndAlias` filter, unknown (no filter) before */
  nameAndAliasFilter: boolean;
  /** handler_appversion.go compareAppVersion (2dbe296a0): `sortBy=versionName` sorts by semver */
  sortByVersionName: boolean;
}

const V4_1_1: ReleaseRules = {
  formatVersion: 'dash',
  helperFormatsVersion: false,
  storesFormattedVersionName: true,
  versionWorkspaceFromPath: false,
  crdsOnEveryUpload: true,
  appCrdFields: false,
  versionFinalizer: 'storeCleanFinalizer.application.kubesphere.io',
  latestVersionPanics: true,
  repoManualSync: false,
  crRoutes: 'apps',
  syncPeriodPointer: false,
  listDropsConditions: true,
  nameAndAliasFilter: false,
  sortByVersionName: false,
};

const V4_1_3: ReleaseRules = {
  formatVersion: 'sha1',
  helperFormatsVersion: true,
  storesFormattedVersionName: false,
  versionWorkspaceFromPath: true,
  crdsOnEveryUpload: false,
  appCrdFields: true,
  versionFinalizer: CleanupFinalizer,
  latestVersionPanics: false,
  repoManualSync: true,
  crRoutes: 'applications',
  syncPeriodPointer: true,
  listDropsConditions: false,
  nameAndAliasFilter: true,
  sortByVersionName: true,
};

export function rulesOf(version: KsVersion): ReleaseRules {
  return ksCoreTag(version) === 'v4.1.3' ? V4_1_3 : V4_1_1;
}
