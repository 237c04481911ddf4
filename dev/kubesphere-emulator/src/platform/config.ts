// GET /kapis/config.kubesphere.io/v1alpha2/configs/{configz,oauth,theme}: pkg/kapis/config/v1alpha2
// register.go, handler.go (v4.1.3 registers oauth and theme on a host cluster only; the emulated one
// is the host). configs/gpu/kinds and configs/marketplace are not served by 4.1 either.
import { json, type PlatformReply } from './reply.js';

export const KAPIS_CONFIG = '/kapis/config.kubesphere.io/v1alpha2/configs/';

/** handler.go getConfigz: only MultiClusterOptions is serialized (options.Options). */
const CONFIGZ = {
  multicluster: {
    clusterRole: 'host',
    hostClusterName: 'host',
    agentImage: 'kubesphere/tower:v1.0',
    clusterControllerResyncPeriod: 900_000_000_000,
  },
};

/** handler.go getOAuthConfiguration for a default install: no identity providers, the console client. */
function oauthConfiguration(): unknown {
  return {
    issuer: {
      url: 'http://ks-console.kubesphere-system.svc:30880',
      accessTokenMaxAge: 7_200_000_000_000,
      accessTokenInactivityTimeout: 1_800_000_000_000,
      maximumClockSkew: 10_000_000_000,
    },
    identityProviders: [],
    clients: [
      {
        name: 'kubesphere',
        trusted: true,
        grantMethod: 'auto',
        scopeRestrictions: ['openid', 'email', 'profile'],
      },
    ],
  };
}

export function config(name: string): PlatformReply | undefined {
  if (name === 'configz') return json(CONFIGZ);
  if (name === 'oauth') return json(oauthConfiguration());
  // no platform-configuration-theme ConfigMap: ThemeConfiguration{} -> {}
  if (name === 'theme') return json({});
  return undefined;
}
