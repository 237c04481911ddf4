// User impersonation (`kubectl --as`, `helm --kube-as-user`). Copied from
//   k8s.io/apiserver/pkg/endpoints/filters/impersonation.go (WithImpersonation, buildImpersonationRequests:
//     Impersonate-User naming a service account user is a ServiceAccount request, else a User request;
//     each Impersonate-Group a Group request; groups without a user is an error; the requestor needs
//     `impersonate` on serviceaccounts (namespaced, by name), users or groups; a service account without
//     Impersonate-Group gets its fixed groups; system:authenticated is added; the headers are removed)
//   k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (InternalError: plain text 500
//     `Internal Server Error: "<uri>": <err>`)
// Impersonate-Extra-* and Impersonate-Uid are not emulated: refused with a 500 saying so.

import type { IncomingHttpHeaders } from 'node:http';
import {
  serviceAccountGroups,
  serviceAccountUsername,
  splitServiceAccountUsername,
  withAuthenticated,
  type Identity,
} from './auth.js';
import type { Attributes, Decision } from './authorizer.js';

export type ImpersonationResult =
  { identity: Identity } | { internalError: string } | { forbidden: Attributes; reason: string };

interface Request {
  kind: 'ServiceAccount' | 'User' | 'Group';
  namespace: string;
  name: string;
}

function header(headers: IncomingHttpHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Go's %v of the []ObjectReference the error names. */
function goRefs(requests: Request[]): string {
  return `[${requests.map((r) => `{${r.kind} ${r.namespace} ${r.name}    }`).join(' ')}]`;
}

/** Applies the Impersonate-* headers of a request: the identity to act as, or why not. */
export function impersonate(
  requestor: Identity,
  headers: IncomingHttpHeaders,
  authorize: (identity: Identity, attrs: Attributes) => Decision,
): ImpersonationResult | undefined {
  if (Object.keys(headers).some((h) => h.startsWith('impersonate-extra-') || h === 'impersonate-uid'))
    return { internalError: 'emulator: Impersonate-Extra-* and Impersonate-Uid are not emulated' };
  const requests: Request[] = [];
  const userHeader = header(headers, 'impersonate-user')[0] ?? '';
  if (userHeader) {
    const sa = splitServiceAccountUsername(userHeader);
    requests.push(sa ? { kind: 'ServiceAccount', ...sa } : { kind: 'User', namespace: '', name: userHeader });
  }
  const groupHeaders = header(headers, 'impersonate-group');
  for (const group of groupHeaders) requests.push({ kind: 'Group', namespace: '', name: group });
  if (requests.length === 0) return undefined;
  if (!userHeader) return { internalError: `requested ${goRefs(requests)} without impersonating a user` };

  let username = '';
  let groups: string[] = [];
  for (const request of requests) {
    const attrs: Attributes = {
      verb: 'impersonate',
      group: '',
      resource: '',
      subresource: '',
      namespace: request.namespace,
      name: request.name,
    };
    if (request.kind === 'ServiceAccount') {
      attrs.resource = 'serviceaccounts';
      username = serviceAccountUsername(request.namespace, request.name);
      if (groupHeaders.length === 0) groups = serviceAccountGroups(request.namespace);
    } else if (request.kind === 'User') {
      attrs.resource = 'users';
      username = request.name;
    } else {
      attrs.resource = 'groups';
      groups = [...groups, request.name];
    }
    const decision = authorize(requestor, attrs);
    if (!decision.allowed) return { forbidden: attrs, reason: decision.reason };
  }
  const unauthenticated = 'system:unauthenticated';
  if (username === 'system:anonymous') {
    if (!groups.includes(unauthenticated)) groups = [...groups, unauthenticated];
  } else if (!groups.includes(unauthenticated)) groups = withAuthenticated(groups);
  return { identity: { user: { name: username, groups } } };
}
