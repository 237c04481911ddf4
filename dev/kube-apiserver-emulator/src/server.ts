// The HTTP server: filter chain (authentication -> impersonation -> fault injection -> request info ->
// authorization -> handler) and routing of /api, /apis paths. Copied from
//   k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain (authn, then impersonation, then authz)
//   k8s.io/apiserver/pkg/endpoints/request/requestinfo.go (path -> verb/namespace/resource/name/subresource;
//     GET collection = list, ?watch=true = watch, DELETE collection = deletecollection)
//   k8s.io/apiserver/pkg/endpoints/handlers/rest.go, patch.go (content types; 415 texts)
//   k8s.io/apiserver/pkg/endpoints/discovery/*.go (APIVersions, APIGroupList, APIResourceList)
//   https://kubernetes.io/docs/reference/using-api/api-concepts/ (URL layout)
// Emulator-only, without authentication: GET /_emulator/state, POST /_emulator/reset, POST /_emulator/faults.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { Authenticator, Identity } from './auth.js';
import { forbiddenError, type Attributes, type Authorizer } from './authorizer.js';
import { namespaceObject } from './builtins.js';
import type { WriteContext } from './escalation.js';
import {
  ApiError,
  badRequest,
  methodNotSupported,
  notFound,
  status,
  unsupportedMediaType,
} from './errors.js';
import type { Faults, FaultOptions } from '@store-importer/emulator-kit';
import { impersonate } from './impersonation.js';
import { jsonPatch, mergePatch } from './patch.js';
import type { RuleResolver } from './rbac.js';
import { Registry, type Req, type Result } from './registry.js';
import { apiVersionOf, type ResourceDef } from './resource.js';
import type { Storage } from './storage.js';
import { strategicMergePatch } from './strategicpatch.js';
import { isObject, type KObject } from './types.js';
import type { Watches } from './watch.js';

export interface ServerDeps {
  storage: Storage;
  registry: Registry;
  watches: Watches;
  auth: Authenticator;
  authorizer: Authorizer;
  resolver: RuleResolver;
  faults: Faults;
  /** every served resource; CRDs add and remove theirs while the server runs */
  resources: ResourceDef[];
  namespaces: Map<string, KObject>;
  state(): unknown;
  reset(): void;
}

const MAX_BODY = 3 * 1024 * 1024;

function writeJson(res: ServerResponse, code: number, body: unknown, warnings: string[] = []): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

function writeError(res: ServerResponse, err: unknown): void {
  if (err instanceof ApiError) {
    writeJson(res, err.code, err.body);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  writeJson(
    res,
    500,
    status(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_BODY)
      throw new ApiError(
        status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`),
      );
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseBody(buf: Buffer, type: string): unknown {
  const text = buf.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml')
      return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(
      `couldn't get version/kind; json parse error: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

interface Route {
  kind: 'resource' | 'namespaces';
  def?: ResourceDef;
  attrs: Attributes;
  req?: Req;
}

export function createApiServer(d: ServerDeps): Server {
  const registry = d.registry;

  const byGroupVersion = (group: string, version: string): ResourceDef[] =>
    d.resources.filter((r) => r.group === group && r.version === version);

  const discovery = (group: string, version: string): unknown => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: [
      ...(group === '' && version === 'v1'
        ? [
            {
              name: 'namespaces',
              singularName: 'namespace',
              namespaced: false,
              kind: 'Namespace',
              verbs: ['get', 'list'],
              shortNames: ['ns'],
            },
          ]
        : []),
      ...byGroupVersion(group, version).flatMap((r) => [
        {
          name: r.resource,
          singularName: r.singular,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs,
          ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
          ...(r.categories.length ? { categories: r.categories } : {}),
        },
        ...(r.hasStatus
          ? [
              {
                name: `${r.resource}/status`,
                singularName: '',
                namespaced: r.namespaced,
                kind: r.kind,
                verbs: ['get', 'patch', 'update'],
              },
            ]
          : []),
      ]),
    ],
  });

  const groups = (): string[] => [...new Set(d.resources.filter((r) => r.group !== '').map((r) => r.group))];
  const versionsOf = (g: string): string[] => [
    ...new Set(d.resources.filter((r) => r.group === g).map((r) => r.version)),
  ];
  const groupBody = (g: string): unknown => ({
    name: g,
    versions: versionsOf(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${g}/${versionsOf(g)[0] ?? ''}`, version: versionsOf(g)[0] ?? '' },
  });

  /** Non-resource paths (discovery); undefined when the path is a resource path. */
  const nonResource = (path: string): unknown => {
    if (path === '/version')
      return { major: '1', minor: '31', gitVersion: 'v1.31.0-emulator', platform: 'linux/amd64' };
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map(groupBody) };
    if (path === '/api/v1') return discovery('', 'v1');
    const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (m?.[1] && groups().includes(m[1])) {
      if (!m[2]) return { kind: 'APIGroup', apiVersion: 'v1', ...(groupBody(m[1]) as object) };
      if (versionsOf(m[1]).includes(m[2])) return discovery(m[1], m[2]);
    }
    if (path === '/healthz' || path === '/livez' || path === '/readyz') return 'ok';
    return undefined;
  };

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    ctx: WriteContext,
  ): Route | 'notfound' | 'nopage' => {
    let group: string;
    let version: string;
    let rest: string[];
    const parts = path.split('/').filter((p) => p !== '');
    if (parts[0] === 'api' && parts.length >= 2) {
      group = '';
      version = parts[1] ?? '';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      group = parts[1] ?? '';
      version = parts[2] ?? '';
      rest = parts.slice(3);
    } else return 'nopage';
    let namespace = '';
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1] ?? '';
      rest = rest.slice(2);
    }
    const [resource = '', name = '', subresource = '', ...extra] = rest;
    if (extra.length > 0) return 'notfound';
    let verb: string;
    switch (method) {
      case 'GET':
        verb = name ? 'get' : ['true', '1'].includes(query.get('watch') ?? '') ? 'watch' : 'list';
        break;
      case 'POST':
        verb = 'create';
        break;
      case 'PUT':
        verb = 'update';
        break;
      case 'PATCH':
        verb = 'patch';
        break;
      case 'DELETE':
        verb = name ? 'delete' : 'deletecollection';
        break;
      default:
        verb = method.toLowerCase();
    }
    const attrs: Attributes = { verb, group, resource, subresource, namespace, name };
    if (group === '' && version === 'v1' && resource === 'namespaces' && !namespace) {
      return { kind: 'namespaces', attrs: { ...attrs, namespace: name } };
    }
    const def = d.resources.find(
      (r) => r.group === group && r.version === version && r.resource === resource,
    );
    if (!def)
      return versionsOf(group).includes(version) || (group === '' && version === 'v1')
        ? 'notfound'
        : 'nopage';
    if (!def.namespaced && namespace) return 'notfound';
    if (subresource && !(subresource === 'status' && def.hasStatus)) {
      return {
        kind: 'resource',
        def,
        attrs,
        req: { def, namespace, name, subresource: '__missing__', query, ctx },
      };
    }
    return { kind: 'resource', def, attrs, req: { def, namespace, name, subresource, query, ctx } };
  };

  const handleResource = async (r: Route, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const def = r.def;
    const rq = r.req;
    if (!def || !rq) throw new Error('unreachable');
    if (rq.subresource === '__missing__') throw notFound({ group: def.group, name: def.resource }, rq.name);
    const method = req.method ?? 'GET';
    const gr = { group: def.group, name: def.resource };
    if (def.namespaced && !rq.namespace && method !== 'GET') {
      // cluster-wide paths of namespaced resources only serve list/watch
      throw methodNotSupported(gr, r.attrs.verb);
    }
    let result: Result;
    switch (r.attrs.verb) {
      case 'get':
        result = registry.get(rq);
        break;
      case 'list':
        result = registry.list(rq);
        break;
      case 'watch':
        d.watches.start(rq, res);
        return;
      case 'create': {
        if (rq.name) throw methodNotSupported(gr, 'create');
        const body = await bodyOf(req, ['application/json', 'application/yaml']);
        result = registry.create(rq, body);
        break;
      }
      case 'update': {
        const body = await bodyOf(req, ['application/json', 'application/yaml']);
        result = registry.update(rq, body);
        break;
      }
      case 'patch': {
        const type = mediaType(req);
        if (!def.strategy.patchTypes.includes(type)) throw unsupportedMediaType(def.strategy.patchTypes);
        const raw = await readBody(req);
        const body = parseBody(raw, type);
        if (type === 'application/apply-patch+yaml')
          throw new ApiError(
            status(
              415,
              'UnsupportedMediaType',
              'emulator: server-side apply (application/apply-patch+yaml) is not emulated',
            ),
          );
        let apply: (cur: unknown) => unknown;
        const patchMeta = def.strategy.patchMeta;
        if (type === 'application/json-patch+json') apply = (cur) => jsonPatch(cur, body);
        else if (!isObject(body))
          throw badRequest("couldn't get version/kind; json parse error: expected an object");
        else if (type === 'application/strategic-merge-patch+json' && patchMeta)
          apply = (cur) => strategicMergePatch(cur, body, patchMeta);
        else apply = (cur) => mergePatch(cur, body);
        result = registry.patch(rq, apply);
        break;
      }
      case 'delete': {
        const raw = await readBody(req);
        result = registry.delete(rq, parseBody(raw, 'application/json'));
        break;
      }
      case 'deletecollection': {
        const raw = await readBody(req);
        result = registry.deleteCollection(rq, parseBody(raw, 'application/json'));
        break;
      }
      default:
        throw methodNotSupported(gr, r.attrs.verb);
    }
    writeJson(res, result.code, result.body, result.warnings);
  };

  const bodyOf = async (req: IncomingMessage, accepted: string[]): Promise<unknown> => {
    const type = mediaType(req);
    if (!accepted.includes(type)) throw unsupportedMediaType(accepted);
    return parseBody(await readBody(req), type);
  };

  const handleNamespaces = (r: Route, res: ServerResponse): void => {
    const name = r.attrs.name;
    if (r.attrs.verb === 'get') {
      const ns = d.namespaces.get(name);
      if (!ns) throw notFound({ group: '', name: 'namespaces' }, name);
      writeJson(res, 200, ns);
    } else if (r.attrs.verb === 'list') {
      writeJson(res, 200, {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(d.storage.resourceVersion) },
        items: [...d.namespaces.values()].map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
      });
    } else throw methodNotSupported({ group: '', name: 'namespaces' }, r.attrs.verb);
  };

  const emulatorEndpoint = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === '/_emulator/state' && req.method === 'GET') {
      writeJson(res, 200, d.state());
      return;
    }
    if (path === '/_emulator/reset' && req.method === 'POST') {
      d.reset();
      writeJson(res, 200, { reset: true });
      return;
    }
    if (path === '/_emulator/faults' && req.method === 'POST') {
      const body = parseBody(await readBody(req), 'application/json');
      const opts = (isObject(body) ? body : {}) as FaultOptions & { clear?: boolean };
      const { clear, ...rest } = opts;
      if (clear) d.faults.clear();
      try {
        d.faults.set(rest);
      } catch (e) {
        writeJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
        return;
      }
      writeJson(res, 200, d.faults.current);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404 page not found\n');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path.startsWith('/_emulator/')) return emulatorEndpoint(req, res, path);
    const authenticated = d.auth.authenticate(req.headers.authorization);
    if (authenticated instanceof ApiError) {
      writeJson(res, 401, authenticated.body);
      return;
    }
    const authorize = d.authorizer.authorize.bind(d.authorizer);
    const impersonated = impersonate(authenticated, req.headers, authorize);
    if (impersonated && 'internalError' in impersonated) {
      res.writeHead(500, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(`Internal Server Error: ${JSON.stringify(req.url ?? '')}: ${impersonated.internalError}\n`);
      return;
    }
    if (impersonated && 'forbidden' in impersonated) {
      writeJson(res, 403, forbiddenError(authenticated, impersonated.forbidden, impersonated.reason).body);
      return;
    }
    const user: Identity = impersonated?.identity ?? authenticated;
    const ctx: WriteContext = { identity: user, authorize, resolver: d.resolver };
    const method = req.method ?? 'GET';
    const { latencyMs, fail } = d.faults.decide(method, path);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (fail) {
      writeJson(res, fail.status, status(fail.status, 'InternalError', fail.message));
      return;
    }
    const nr = method === 'GET' ? nonResource(path) : undefined;
    if (nr !== undefined) {
      if (typeof nr === 'string') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(nr);
        return;
      }
      writeJson(res, 200, nr);
      return;
    }
    const r = route(method, path, url.searchParams, ctx);
    if (r === 'nopage') {
      res.writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end('404 page not found\n');
      return;
    }
    if (r === 'notfound') {
      writeJson(res, 404, status(404, 'NotFound', 'the server could not find the requested resource', {}));
      return;
    }
    const decision = authorize(user, r.attrs);
    if (!decision.allowed) {
      writeJson(res, 403, forbiddenError(user, r.attrs, decision.reason).body);
      return;
    }
    if (r.kind === 'namespaces') {
      handleNamespaces(r, res);
      return;
    }
    return handleResource(r, req, res);
  };

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      writeError(res, err);
    });
  });
}

export function namespaceRecord(name: string, uid: string, rv: number, created: string): KObject {
  return namespaceObject(name, uid, String(rv), created);
}

export { apiVersionOf };
