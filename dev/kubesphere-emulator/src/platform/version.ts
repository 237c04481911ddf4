// Which ks-core release the emulator answers as, and its version endpoints:
//   pkg/kapis/version/register.go: GET /version and the deprecated GET /kapis/version both write
//     version.Get() with `kubernetes` set to kube-apiserver's version info
//   pkg/version/version.go Info (field order); hack/lib/version.sh (gitMajor/gitMinor from the tag)
// The releases differ in details the console and the importer notice (shared/docs/peers.md); the
// emulator follows the chosen one where it models the difference (../releases.ts for the App Store).
// v4.2.0 stands for KubeSphere Enterprise 4.2, whose source and /kapis/version answer are not
// public: ASSUMED to report gitVersion v4.2.0 and to keep v4.1.3's rules (README.md says so).

export const KS_VERSIONS = ['v4.1.1', 'v4.1.2', 'v4.1.3', 'v4.2.0'] as const;
export type KsVersion = (typeof KS_VERSIONS)[number];
export const DEFAULT_KS_VERSION: KsVersion = 'v4.1.3';

export function isKsVersion(value: unknown): value is KsVersion {
  return typeof value === 'string' && (KS_VERSIONS as readonly string[]).includes(value);
}

/** The release tags' commits (git rev-parse in kubesphere/kubesphere); KSE's is not published. */
const COMMITS: Record<KsVersion, string> = {
  'v4.1.1': 'e2f16d37b29fd54a1e53cca1f012134a70581072',
  'v4.1.2': '4efc7c9fbe6e1c36ca4117f6c11e08b1629c2f41',
  'v4.1.3': '3ef3a6bc98b790480577e87fbc75bee5b3438862',
  'v4.2.0': 'unknown',
};

/** The ks-core tag whose rules a release follows: KSE 4.2 is assumed to keep v4.1.3's. */
export function ksCoreTag(version: KsVersion): 'v4.1.1' | 'v4.1.2' | 'v4.1.3' {
  return version === 'v4.2.0' ? 'v4.1.3' : version;
}

/** The emulated cluster's Kubernetes (kube-apiserver /version). */
export const KUBERNETES_VERSION = {
  major: '1',
  minor: '28',
  gitVersion: 'v1.28.15',
  gitCommit: '841856557ef0f6a399096c42635d114d6f2cf7f4',
  gitTreeState: 'clean',
  buildDate: '2024-10-22T20:28:14Z',
  goVersion: 'go1.22.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** version.Info as /version answers it. */
export function versionInfo(version: KsVersion): Record<string, unknown> {
  const [major = '4', minor = '1'] = version.slice(1).split('.');
  return {
    gitVersion: version,
    gitMajor: major,
    gitMinor: minor,
    gitCommit: COMMITS[version],
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.22.10',
    compiler: 'gc',
    platform: 'linux/amd64',
    kubernetes: KUBERNETES_VERSION,
  };
}

/**
 * pkg/apiserver/apiserver.go buildHandlerChain excludedPaths, allowed to anyone (path.go: exact, or a
 * prefix when it ends in *). v4.1.1 and v4.1.2 list /kapis/version (the 4.1.1 console reads it on
 * every page); v4.1.3 drops it and adds /livez.
 */
export function excludedPaths(version: KsVersion): readonly string[] {
  const common = ['/oauth/*', '/dist/*', '/.well-known/openid-configuration', '/version', '/metrics'];
  return ksCoreTag(version) === 'v4.1.3'
    ? [...common, '/livez', '/healthz', '/openapi/v2', '/openapi/v3']
    : [...common, '/kapis/version', '/healthz', '/openapi/v2', '/openapi/v3'];
}
