// What kube-apiserver answers through ks-apiserver's proxy (filters/kubeapiserver.go) for the few
// Kubernetes resources the console reads: nodes, the Extension CRs (kubesphere.io) and the extension
// objects (extensions.kubesphere.io); any other Kubernetes path is kube-apiserver's NotFound.
import { EXTENSION_RESOURCES, type ExtensionResource } from './extensions.js';
import { json, type PlatformDeps, type PlatformReply } from './reply.js';
import { KUBERNETES_VERSION } from './version.js';

export const EXTENSIONS_PATH = '/apis/extensions.kubesphere.io/v1alpha1/';

/** kube-apiserver's NotFound handler (http.NotFound) for a Kubernetes path nobody serves. */
export const KUBE_NOT_FOUND = '404 page not found\n';

export function kubeList(
  apiVersion: string,
  kind: string,
  resourceVersion: string,
  items: unknown[],
): PlatformReply {
  return json({ apiVersion, kind: `${kind}List`, metadata: { resourceVersion }, items });
}

/** apimachinery NewNotFound as kube-apiserver writes it. */
function kubeNotFound(group: string, resource: string, name: string): PlatformReply {
  return json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `${resource}.${group} "${name}" not found`,
      reason: 'NotFound',
      details: { name, group, kind: resource },
      code: 404,
    },
    404,
  );
}

export /** The one node of the emulated cluster (the console reads its container runtime). */
function nodeList(d: PlatformDeps): PlatformReply {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'node1',
      creationTimestamp: d.since,
      labels: { 'kubernetes.io/hostname': 'node1', 'node-role.kubernetes.io/control-plane': '' },
    },
    status: {
      nodeInfo: {
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: KUBERNETES_VERSION.gitVersion,
        osImage: 'Ubuntu 22.04.4 LTS',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
  return kubeList('v1', 'Node', '1', [node]);
}

export function extensionObjects(d: PlatformDeps, rest: string): PlatformReply | undefined {
  const [resource = '', name, ...more] = rest.split('/');
  if (more.length > 0 || !(resource in EXTENSION_RESOURCES)) return undefined;
  const kind = EXTENSION_RESOURCES[resource as ExtensionResource];
  const items = d.extensions.all(kind);
  if (name === undefined)
    return kubeList('extensions.kubesphere.io/v1alpha1', kind, d.extensions.listResourceVersion, items);
  const item = items.find((object) => object.metadata.name === name);
  return item ? json(item) : kubeNotFound('extensions.kubesphere.io', resource, name);
}
