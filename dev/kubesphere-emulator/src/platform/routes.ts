// The platform endpoints ks-console needs besides the App Store (one module per API: config.ts,
// iam.ts, tenant.ts, kube.ts), each from ks-core v4.1.3 unless said:
//   GET /version, /kapis/version                    pkg/kapis/version/register.go (platform/version.ts)
//   GET /kapis/config.kubesphere.io/v1alpha2/configs/{configz,oauth,theme}
//                                                   pkg/kapis/config/v1alpha2/register.go, handler.go
//   GET /kapis/iam.kubesphere.io/v1beta1/users/{user}, .../users/{user}/roletemplates?scope=global
//                                                   pkg/kapis/iam/v1beta1/handler.go DescribeUser,
//                                                   ListRoleTemplateOfUser; pkg/models/iam/im/im.go
//   GET /kapis/iam.kubesphere.io/v1beta1/users       handler.go ListUsers (im.go: without passwords)
//   GET /kapis/iam.kubesphere.io/v1beta1/globalroles no route: filters/dynamicresource.go answers it
//                                                   (resources/v1beta1/resourcemanager.go ListResources)
//   GET /kapis/tenant.kubesphere.io/v1beta1/workspacetemplates, /clusters, /workspaces/{ws}/namespaces,
//       /metrics                                    pkg/kapis/tenant/v1beta1/handler.go, resource_handler.go
//                                                   (GetPlatformMetrics), pkg/models/tenant/tenant.go,
//                                                   pkg/simple/client/overview/metrics.go
// and, as kube-apiserver answers them through ks-apiserver's proxy (filters/kubeapiserver.go):
//   GET /api/v1/nodes, /apis/kubesphere.io/v1alpha1/extensions, /apis/extensions.kubesphere.io/v1alpha1/*
// Endpoints a 4.1 server also lacks stay missing: /configs/gpu/kinds and /configs/marketplace (404, or
// 403 for non-admins, as the RBAC filter runs first) and installer.kubesphere.io (kube-apiserver's
// `404 page not found`).
import type { UserInfo } from '../auth.js';
import { config, KAPIS_CONFIG } from './config.js';
import { iam, KAPIS_IAM } from './iam.js';
import { EXTENSIONS_PATH, extensionObjects, kubeList, nodeList } from './kube.js';
import { json, type PlatformDeps, type PlatformReply } from './reply.js';
import { KAPIS_TENANT, tenant } from './tenant.js';
import { versionInfo } from './version.js';

export { KUBE_NOT_FOUND } from './kube.js';
export type { PlatformDeps, PlatformReply } from './reply.js';

/**
 * The platform endpoint for a GET that was authenticated and authorized, or undefined when the path
 * is not one of them (the App Store router and the 404s follow).
 */
export function platformRoute(
  d: PlatformDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  user: UserInfo,
): PlatformReply | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/version' || path === '/kapis/version') return json(versionInfo(d.version));
  if (path.startsWith(KAPIS_CONFIG)) return config(path.slice(KAPIS_CONFIG.length));
  if (path.startsWith(KAPIS_IAM)) return iam(d, path.slice(KAPIS_IAM.length), query);
  if (path.startsWith(KAPIS_TENANT)) return tenant(d, path.slice(KAPIS_TENANT.length), user);
  if (path === '/api/v1/nodes') return nodeList(d);
  if (path === '/apis/kubesphere.io/v1alpha1/extensions')
    return kubeList(
      'kubesphere.io/v1alpha1',
      'Extension',
      d.extensions.listResourceVersion,
      d.extensions.extensions(d.openpitrix),
    );
  if (path.startsWith(EXTENSIONS_PATH)) return extensionObjects(d, path.slice(EXTENSIONS_PATH.length));
  return undefined;
}
