// How ks-apiserver reads a request before authorizing it, following ks-core release-4.1:
//   pkg/apiserver/request/requestinfo.go RequestInfoFactory.NewRequestInfo (API prefixes api, apis,
//     kapis, kapi; groupless api and kapi; /clusters/{c} prefixes; special verbs proxy and watch;
//     workspaces/{ws}, namespaces/{ns} (not for the namespace subresources status and finalize);
//     resource/name/subresource; get without a name is list or watch, delete is deletecollection;
//     a fieldSelector metadata.name=<n> names a list; IsKubernetesRequest for api and apis)
//   pkg/apiserver/apiserver.go buildHandlerChain (the prefixes and groupless prefixes given to it)
//   k8s.io/apimachinery runtime Convert_Slice_string_To_bool: `watch` is true unless "0" or "false"

export interface RequestInfo {
  isResourceRequest: boolean;
  /** api or apis: handled by kube-apiserver, never by an APIService */
  isKubernetesRequest: boolean;
  /** the path without a /clusters/{cluster} prefix */
  path: string;
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  namespace: string;
  workspace: string;
  cluster: string;
}

/** NewRequestInfo's error; filters/requestinfo.go answers it with a 500. */
export class RequestInfoError extends Error {
  override name = 'RequestInfoError';
}

const API_PREFIXES = new Set(['api', 'apis', 'kapis', 'kapi']);
const GROUPLESS_PREFIXES = new Set(['api', 'kapi']);
const KUBERNETES_PREFIXES = new Set(['api', 'apis']);
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const SPECIAL_VERBS_NO_SUBRESOURCES = new Set(['proxy']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/** fields.Selector RequiresExactMatch("metadata.name") of a fieldSelector, when a valid path segment. */
function exactName(selector: string | null): string {
  for (const term of (selector ?? '').split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    const name = match?.[1];
    // path.IsValidPathSegmentName
    if (name !== undefined && name !== '.' && name !== '..' && !/[/%]/.test(name)) return name;
  }
  return '';
}

function watchRequested(query: URLSearchParams): boolean {
  const value = query.get('watch');
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/** requestinfo.go NewRequestInfo (without the workspace label selector of watches: no watch routes here). */
export function newRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    isKubernetesRequest: false,
    path,
    verb: method,
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    namespace: '',
    workspace: '',
    cluster: '',
  };
  const done = (): RequestInfo => {
    let prefix = info.apiPrefix;
    const parts = splitPath(info.path);
    // discovery paths such as /apis/{group}
    if (prefix === '' && parts.length > 0 && parts.length < 3) prefix = parts[0] ?? '';
    info.isKubernetesRequest = KUBERNETES_PREFIXES.has(prefix);
    return info;
  };
  let parts = splitPath(path);
  if (parts.length < 3) return done();
  if (parts[0] === 'clusters') {
    info.cluster = parts[1] ?? '';
    info.path = path.slice(`/clusters/${info.cluster}`.length);
    parts = parts.slice(2);
  }
  if (!API_PREFIXES.has(parts[0] ?? '')) return done();
  info.apiPrefix = parts[0] ?? '';
  parts = parts.slice(1);
  if (info.cluster === '' && parts[0] === 'clusters') {
    info.cluster = parts[1] ?? '';
    info.path = info.path.replace(`/clusters/${info.cluster}`, '');
    if (parts.length > 2) parts = parts.slice(2);
  }
  if (!GROUPLESS_PREFIXES.has(info.apiPrefix)) {
    if (parts.length < 3) return done();
    info.apiGroup = parts[0] ?? '';
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0] ?? '';
  parts = parts.slice(1);
  if (parts.length > 0 && SPECIAL_VERBS.has(parts[0] ?? '')) {
    if (parts.length < 2)
      throw new RequestInfoError(
        `unable to determine kind and namespace from url: ${path}${query.size > 0 ? `?${query.toString()}` : ''}`,
      );
    info.verb = parts[0] ?? '';
    parts = parts.slice(1);
  } else {
    info.verb = METHOD_VERBS[method] ?? '';
  }
  if (parts[0] === 'workspaces' || parts[0] === 'workspacetemplates') {
    if (parts.length > 1) info.workspace = parts[1] ?? '';
    if (parts.length > 2) parts = parts.slice(2);
  }
  if (parts[0] === 'namespaces' && parts.length > 1) {
    info.namespace = parts[1] ?? '';
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) parts = parts.slice(2);
  }
  if (parts.length >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.has(info.verb)) info.subresource = parts[2] ?? '';
  if (parts.length >= 2) info.name = parts[1] ?? '';
  if (parts.length >= 1) info.resource = parts[0] ?? '';
  if (info.name === '' && info.verb === 'get') {
    info.verb = watchRequested(query) ? 'watch' : 'list';
    info.name = exactName(query.get('fieldSelector'));
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  return done();
}
