// The HTTP server: ks-apiserver's filter chain order (pkg/apiserver/apiserver.go buildHandlerChain:
// request info -> authentication -> authorization -> APIService proxy (apiservice.ts) -> go-restful
// container), the OAuth token route
// (pkg/kapis/oauth/register.go POST /oauth/token), the app-store routes (router.ts), and the
// emulator-only /_emulator/* endpoints (state inspection, faults, reset, options).

import { createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findApiService, proxyToApiService, type ApiService } from './apiservice.js';
import { AuthFailure, authorize, forbidden, type Authenticator, type UserInfo } from './auth.js';
import type { RoleTemplate } from './rbac.js';
import { newRequestInfo, RequestInfoError, type RequestInfo } from './requestinfo.js';
import { API_BASE, SystemWorkspace, WorkspaceLabelKey } from './constants.js';
import { GoPanic, KsError } from './errors.js';
import type { Faults } from '@store-importer/emulator-kit';
import type { Deps } from './deps.js';
import { toWire, writeJson, writePlainError, type Ctx } from './http.js';
import type { ExtensionRegistry } from './platform/extensions.js';
import { findJsBundle, serveJsBundle } from './platform/jsbundle.js';
import { KUBE_NOT_FOUND, platformRoute, type PlatformDeps } from './platform/routes.js';
import type { KsVersion } from './platform/version.js';
import { matchRoute } from './router.js';
import type { StoreConfig } from './helper.js';
import type { Store } from './store.js';

export interface ServerDeps {
  store: Store;
  cfg: StoreConfig & { openpitrix: boolean; version: KsVersion };
  auth: Authenticator;
  /** RoleTemplates by name (ks-core's, the options', the installed extensions'), for the global roles */
  roleTemplates: ReadonlyMap<string, RoleTemplate>;
  /** extension APIs forwarded after authorization (changeable while running), besides the installed ones */
  apiServices: ApiService[];
  /** the installed extensions' objects (JSBundles, APIServices, ExtensionEntries, RoleTemplates) */
  extensions: ExtensionRegistry;
  /** the cluster's DNS: an in-cluster service URL (http://<svc>.<ns>.svc:<port>/...) -> where it listens */
  resolveService: (url: string) => string;
  /** when the emulated cluster was set up */
  since: string;
  /** WorkspaceTemplates present besides system-workspace and those the repos name */
  workspaces: readonly string[];
  faults: Faults;
  persist: () => void;
  reset: () => void;
  log: (line: string) => void;
}

const MAX_LOG = 2000;

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** GET /_emulator/state */
export function snapshot(s: ServerDeps): unknown {
  const { store, cfg } = s;
  const pkg = (name: string): unknown => {
    const oss = cfg.ossStore ? store.oss.get(name) : undefined;
    const cm = store.cm.get(name);
    const data = oss ?? cm;
    return data ? { store: oss ? 'oss' : 'configmap', size: data.length, sha256: sha256(data) } : null;
  };
  return {
    options: { ossStore: cfg.ossStore, openpitrix: cfg.openpitrix },
    apps: [...store.apps.values()].map((a) => toWire('Application', a)),
    versions: [...store.versions.values()].map((v) => ({
      ...toWire('ApplicationVersion', v),
      package: pkg(v.metadata.name),
    })),
    categories: [...store.categories.values()].map((c) => toWire('Category', c)),
    repos: [...store.repos.values()].map((r) => toWire('Repo', r)),
    packages: [
      ...[...store.cm].map(([key, data]) => ({
        key,
        store: 'configmap',
        size: data.length,
        sha256: sha256(data),
      })),
      ...[...store.oss].map(([key, data]) => ({
        key,
        store: 'oss',
        size: data.length,
        sha256: sha256(data),
      })),
    ],
    faults: s.faults.current,
    requestLog: store.requestLog,
  };
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('body must be a JSON object');
  return v as Record<string, unknown>;
}

export function createApp(s: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Extension bundles and APIs stream both ways, so they go before the body parser.
  app.use((req: Request, res: Response, next: () => void) => {
    if (!serveDist(s, req, res) && !forwardToApiService(s, req, res)) next();
  });
  app.use(express.raw({ type: () => true, limit: '512mb' }));

  // ---- emulator-only endpoints (not KubeSphere) ----
  app.get('/_emulator/state', (_req, res) => {
    writeJson(res, 200, snapshot(s));
  });
  app.post('/_emulator/faults', (req: Request, res: Response) => {
    try {
      const body = parseJsonObject(req.body as Buffer);
      if (body.clear === true) s.faults.clear();
      const { clear: _clear, ...rest } = body;
      s.faults.set(rest);
      writeJson(res, 200, s.faults.current);
    } catch (err) {
      writeJson(res, 400, { message: (err as Error).message });
    }
  });
  app.post('/_emulator/reset', (_req, res) => {
    s.reset();
    writeJson(res, 200, { message: 'reset' });
  });
  app.post('/_emulator/options', (req: Request, res: Response) => {
    try {
      const body = parseJsonObject(req.body as Buffer);
      if (typeof body.ossStore === 'boolean') s.cfg.ossStore = body.ossStore;
      if (typeof body.openpitrix === 'boolean') s.cfg.openpitrix = body.openpitrix;
      writeJson(res, 200, { ossStore: s.cfg.ossStore, openpitrix: s.cfg.openpitrix });
    } catch (err) {
      writeJson(res, 400, { message: (err as Error).message });
    }
  });

  // ---- ks-apiserver ----
  app.use((req: Request, res: Response) => {
    void handle(s, req, res);
  });
  return app;
}

/** One line of the request log (GET /_emulator/state), written when the answer is finished. */
function logRequest(
  s: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): { setUser(u: UserInfo): void; setFault(fault: string): void } {
  const entry = {
    time: new Date().toISOString(),
    method: req.method ?? '',
    path: `${url.pathname}${url.search}`,
    status: 0,
    user: '',
    fault: undefined as string | undefined,
  };
  let user = '';
  let written = false;
  // 'finish' when the answer was sent; 'close' alone when the client went away first (a stream).
  const write = (): void => {
    if (written) return;
    written = true;
    entry.status = res.statusCode;
    entry.user = user;
    const log = s.store.requestLog;
    log.push(entry.fault === undefined ? { ...entry, fault: undefined } : entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };
  res.on('finish', write);
  res.on('close', write);
  return {
    setUser: (u: UserInfo) => {
      user = u.name;
    },
    setFault: (fault: string) => {
      entry.fault = fault;
    },
  };
}

/** The authentication and authorization filters: the user, or an AuthFailure (401 or 403). */
function admit(
  s: ServerDeps,
  req: IncomingMessage,
  info: RequestInfo,
  log: { setUser(u: UserInfo): void },
): UserInfo {
  const user = s.auth.authenticate(req.headers.authorization);
  log.setUser(user);
  if (!authorize(user, info, s.roleTemplates, s.cfg.version)) throw forbidden(user, info);
  return user;
}

/** responsewriters.ErrorNegotiated: a metav1.Status as JSON */
function writeAuthFailure(res: ServerResponse, err: AuthFailure): void {
  res.writeHead(err.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(err.body)}\n`);
}

/** filters/requestinfo.go: NewRequestInfo failed (responsewriters.InternalError). */
function writeRequestInfoError(res: Response, req: Request, err: RequestInfoError): void {
  writePlainError(
    res,
    500,
    `Internal Server Error: ${JSON.stringify(req.originalUrl)}: failed to crate RequestInfo: ${err.message}`,
  );
}

/** jsbundle.go: an installed extension's bundle under /dist (authenticated, never authorized); false otherwise. */
function serveDist(s: ServerDeps, req: Request, res: Response): boolean {
  const url = new URL(req.originalUrl, 'http://emulator');
  const bundle = findJsBundle(s.extensions.all('JSBundle'), url.pathname);
  if (!bundle) return false;
  const log = logRequest(s, req, res, url);
  try {
    log.setUser(s.auth.authenticate(req.headers.authorization));
  } catch (err) {
    if (!(err instanceof AuthFailure)) throw err;
    writeAuthFailure(res, err);
    return true;
  }
  serveJsBundle(bundle, req, res, url, s.resolveService);
  return true;
}

/** Authorizes and forwards a request of an APIService's group and version; false for any other. */
function forwardToApiService(s: ServerDeps, req: Request, res: Response): boolean {
  const services = [...s.apiServices, ...s.extensions.apiServices(s.resolveService)];
  if (services.length === 0) return false;
  const url = new URL(req.originalUrl, 'http://emulator');
  let info: RequestInfo;
  try {
    info = newRequestInfo(req.method, url.pathname, url.searchParams);
  } catch {
    return false; // handle() answers the error
  }
  const service = findApiService(services, info);
  if (!service) return false;
  const log = logRequest(s, req, res, url);
  try {
    const user = admit(s, req, info, log);
    proxyToApiService(service, req, res, user, url);
  } catch (err) {
    if (!(err instanceof AuthFailure)) throw err;
    writeAuthFailure(res, err);
  }
  return true;
}

function platformDeps(s: ServerDeps): PlatformDeps {
  return {
    version: s.cfg.version,
    may: (user, verb, apiGroup, resource) =>
      authorize(
        user,
        {
          ...newRequestInfo('GET', '/', new URLSearchParams()),
          isResourceRequest: true,
          verb,
          apiGroup,
          resource,
        },
        s.roleTemplates,
        s.cfg.version,
      ),
    openpitrix: s.cfg.openpitrix,
    users: s.auth.users,
    templates: s.roleTemplates,
    extensions: s.extensions,
    since: s.since,
    workspaces: () =>
      [
        ...new Set(
          [
            ...s.workspaces,
            ...[...s.store.repos.values()].map((repo) => repo.metadata.labels?.[WorkspaceLabelKey] ?? ''),
          ].filter((workspace) => workspace !== '' && workspace !== SystemWorkspace),
        ),
      ].sort(),
  };
}

async function handle(s: ServerDeps, req: Request, res: Response): Promise<void> {
  const url = new URL(req.originalUrl, 'http://emulator');
  const path = url.pathname;
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let user: UserInfo = { name: '', role: 'anonymous', roleTemplates: [] };
  const log = logRequest(s, req, res, url);
  // A fault answered after the handler ran (faults.afterWrite): the write is kept, the answer lost.
  let failAfter: { status: number; message: string } | undefined;
  const answerFault = (fault: { status: number; message: string }): void => {
    log.setFault(`${fault.status}`);
    writePlainError(res, fault.status, fault.message);
  };
  try {
    if (path.startsWith(API_BASE)) {
      const decision = s.faults.decide(req.method, path);
      if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
      if (decision.fail?.afterWrite) failAfter = decision.fail;
      else if (decision.fail) {
        answerFault(decision.fail);
        return;
      }
    }
    const info = newRequestInfo(req.method, path, url.searchParams);
    user = admit(s, req, info, log);
    if (path === '/oauth/token') {
      if (req.method !== 'POST') {
        writePlainError(res, 405, '405: Method Not Allowed');
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
      const form = new URLSearchParams(
        (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
          ? body.toString('utf8')
          : '',
      );
      const out = s.auth.tokenEndpoint(form);
      writeJson(res, out.status, out.body);
      return;
    }

    const platform = platformRoute(platformDeps(s), req.method, path, url.searchParams, user);
    if (platform?.kind === 'json') {
      writeJson(res, platform.status, platform.body);
      return;
    }
    if (platform?.kind === 'text') {
      writePlainError(res, platform.status, platform.body.replace(/\n$/, ''));
      return;
    }
    if (info.isKubernetesRequest) {
      // kube-apiserver's answer for a group it does not serve (net/http NotFound)
      res.status(404).type('text/plain; charset=utf-8').send(KUBE_NOT_FOUND);
      return;
    }

    const m = matchRoute(req.method, path, s.cfg.version);
    if (m.kind === 'not-found') {
      writePlainError(res, 404, '404: Page Not Found');
      return;
    }
    if (m.kind === 'method-not-allowed') {
      writePlainError(res, 405, '405: Method Not Allowed');
      return;
    }
    if (!m.fn) {
      writePlainError(res, 501, 'emulator: this ks-apiserver route is not emulated');
      return;
    }
    const ctx: Ctx = {
      method: req.method,
      path,
      params: m.params,
      query: url.searchParams,
      body,
      contentType: req.headers['content-type'],
      user,
    };
    const deps: Deps = { store: s.store, cfg: s.cfg, persist: s.persist };
    const reply = await m.fn(deps, ctx);
    if (failAfter) answerFault(failAfter);
    else if (reply.noEntity) res.status(reply.status ?? 200).end();
    else writeJson(res, reply.status ?? 200, reply.body);
  } catch (err) {
    if (err instanceof GoPanic) {
      // net/http recovers a handler's panic by closing the connection, unanswered
      s.log(`http: panic serving ${req.method} ${path}: ${err.message}`);
      req.socket.destroy();
      return;
    }
    if (err instanceof AuthFailure) {
      writeAuthFailure(res, err);
      return;
    }
    if (err instanceof RequestInfoError) {
      writeRequestInfoError(res, req, err);
      return;
    }
    if (err instanceof KsError) {
      if (failAfter) answerFault(failAfter);
      else writePlainError(res, err.status, err.message);
      return;
    }
    s.log(`internal error on ${req.method} ${path}: ${(err as Error).stack ?? String(err)}`);
    writePlainError(res, 500, (err as Error).message);
  }
}
