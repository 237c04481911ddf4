// The verbs of one resource: the generic registry store. Copied from
//   k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create, Update, Delete, DeleteCollection,
//     updateForGracefulDeletionAndFinalizers, markAsDeleting, finalizeDelete, shouldDeleteDuringUpdate)
//   k8s.io/apiserver/pkg/registry/rest/create.go BeforeCreate, update.go BeforeUpdate, delete.go
//   k8s.io/apiserver/pkg/storage/etcd3/store.go ("resourceVersion should not be set on objects to be
//     created", preconditions, no-op updates are not written)
//   k8s.io/apiserver/pkg/endpoints/handlers/{create,update,patch,delete,get}.go (name/namespace checks,
//     status codes 200/201, Status bodies of deletes, dryRun=All)
//   https://kubernetes.io/docs/reference/using-api/api-concepts/ (lists, limit/continue, resourceVersion)
//   https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/
//   k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle (writes into a missing namespace: 404)

import { randomUUID } from 'node:crypto';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  GoSyntax,
  invalid,
  notFound,
  OptimisticLockErrorMsg,
  resourceExpired,
  status,
  tooLargeResourceVersion,
  unknownError,
  fe,
  type Status,
} from './errors.js';
import type { WriteContext } from './escalation.js';
import { apiVersionOf, gk, gr, type ResourceDef } from './resource.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { objectKey, type Storage } from './storage.js';
import { clone, deepEqual, isObject, type JsonObject, type KObject } from './types.js';

export interface RegistryCtx {
  storage: Storage;
  namespaceExists(ns: string): boolean;
  now(): string;
}

export interface Req {
  def: ResourceDef;
  namespace: string;
  name: string;
  subresource: string;
  query: URLSearchParams;
  /** who writes (for the kinds' write guards) */
  ctx: WriteContext;
}

export interface Result {
  code: number;
  body: unknown;
  warnings?: string[];
}

/** metav1.Time: RFC3339 with seconds, UTC */
export function nowTime(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

const GEN_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
function generateName(base: string): string {
  const b = base.length > 58 ? base.slice(0, 58) : base;
  let s = '';
  for (let i = 0; i < 5; i++) s += GEN_ALPHABET.charAt(Math.floor(Math.random() * GEN_ALPHABET.length));
  return b + s;
}

function dryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  for (const x of v) if (x !== 'All') throw badRequest(`Invalid dryRun value: ${x}`);
  return v.length > 0;
}

/** The object as the client sees it (apiVersion of the requested version). */
export function toWire(def: ResourceDef, obj: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...rest };
}

function decodeBody(
  def: ResourceDef,
  body: unknown,
  q: URLSearchParams,
): { obj: KObject; warnings: string[] } {
  if (!isObject(body)) throw badRequest(`couldn't get version/kind; json parse error: expected an object`);
  const unknown: string[] = [];
  const obj = def.strategy.decode(body, unknown);
  const mode = q.get('fieldValidation') ?? 'Warn';
  if (!['Ignore', 'Warn', 'Strict'].includes(mode))
    throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict"`);
  const texts = unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict' && texts.length > 0) throw badRequest(`strict decoding error: ${texts.join(', ')}`);
  return { obj, warnings: mode === 'Warn' ? texts : [] };
}

function checkNamespace(req: Req, obj: KObject): void {
  if (!req.def.namespaced) return;
  const ns = obj.metadata.namespace ?? '';
  if (ns === '') obj.metadata.namespace = req.namespace;
  else if (ns !== req.namespace)
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
}

function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv))
    throw badRequest(
      `resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
    );
  return Number(rv);
}

export class Registry {
  constructor(private readonly ctx: RegistryCtx) {}

  private key(req: Req, name = req.name): string {
    return objectKey(req.def.namespaced ? req.namespace : undefined, name);
  }

  get(req: Req): Result {
    const obj = this.ctx.storage.get(req.def.bucket, this.key(req));
    if (!obj) throw notFound(gr(req.def), req.name);
    return { code: 200, body: toWire(req.def, obj) };
  }

  create(req: Req, body: unknown): Result {
    const { def } = req;
    const { obj, warnings } = decodeBody(def, body, req.query);
    checkNamespace(req, obj);
    const dry = dryRun(req.query);
    if (def.terminating)
      throw new ApiError(
        status(
          405,
          'MethodNotAllowed',
          'create not allowed while custom resource definition is terminating',
          {
            group: def.group,
            kind: def.resource,
          },
        ),
      );
    // policybased storage (RBAC kinds): before the generic store's create
    def.strategy.guard?.create(req.ctx, req.namespace, obj);
    // rest.BeforeCreate
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    def.strategy.prepareForCreate(obj);
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = this.ctx.now();
    if (!def.generation) delete obj.metadata.generation;
    delete obj.metadata.selfLink;
    const givenName = obj.metadata.name ?? '';
    if (!givenName && obj.metadata.generateName) obj.metadata.name = generateName(obj.metadata.generateName);
    const errs = def.strategy.validate(obj);
    if (errs.length > 0) throw invalid(gk(def), obj.metadata.name ?? '', errs);
    // admission: NamespaceLifecycle
    if (def.namespaced && !this.ctx.namespaceExists(req.namespace))
      throw notFound({ group: '', name: 'namespaces' }, req.namespace);
    if (obj.metadata.resourceVersion)
      throw unknownError(500, 'resourceVersion should not be set on objects to be created');
    let key = this.key(req, obj.metadata.name);
    for (let i = 0; this.ctx.storage.get(def.bucket, key); i++) {
      if (givenName || !obj.metadata.generateName || i >= 7)
        throw alreadyExists(gr(def), obj.metadata.name ?? '');
      obj.metadata.name = generateName(obj.metadata.generateName);
      key = this.key(req, obj.metadata.name);
    }
    const stored = dry
      ? { ...obj, metadata: { ...obj.metadata } }
      : this.ctx.storage.write(def.bucket, key, obj);
    return { code: 201, body: toWire(def, stored), warnings };
  }

  /** PUT of the main resource or of /status. */
  update(req: Req, body: unknown): Result {
    const { obj, warnings } = decodeBody(req.def, body, req.query);
    const r = this.applyUpdate(req, obj, false);
    return { ...r, warnings };
  }

  patch(req: Req, apply: (cur: unknown) => unknown): Result {
    const { def } = req;
    const existing = this.ctx.storage.get(def.bucket, this.key(req));
    if (!existing) throw notFound(gr(def), req.name);
    const patched = apply(toWire(def, existing));
    const { obj, warnings } = decodeBody(def, patched, req.query);
    if (!obj.metadata.resourceVersion) obj.metadata.resourceVersion = existing.metadata.resourceVersion ?? '';
    const r = this.applyUpdate(req, obj, true);
    return { ...r, warnings };
  }

  private applyUpdate(req: Req, obj: KObject, isPatch: boolean): Result {
    const { def } = req;
    const s = def.strategy;
    if ((obj.metadata.name ?? '') !== req.name)
      throw badRequest(
        `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${req.name})`,
      );
    checkNamespace(req, obj);
    const dry = dryRun(req.query);
    const key = this.key(req);
    const existing = this.ctx.storage.get(def.bucket, key);
    const status = req.subresource === 'status';
    if (!existing) {
      if (!s.allowCreateOnUpdate || status || isPatch) throw notFound(gr(def), req.name);
      delete obj.metadata.resourceVersion;
      return this.create({ ...req, name: '' }, obj);
    }
    // policybased storage (RBAC kinds): the updated object is checked before the generic store's checks
    if (!status) s.guard?.update(req.ctx, req.namespace, obj, existing);
    const newRv = obj.metadata.resourceVersion ?? '';
    if (newRv === '') {
      if (!s.allowUnconditionalUpdate)
        throw invalid({ group: def.group, name: def.resource }, req.name, [
          fe.invalid('metadata.resourceVersion', new GoSyntax('0x0'), 'must be specified for an update'),
        ]);
      obj.metadata.resourceVersion = existing.metadata.resourceVersion ?? '';
    } else if (parseRv(newRv) !== Number(existing.metadata.resourceVersion)) {
      throw conflict(gr(def), req.name, OptimisticLockErrorMsg);
    }
    // rest.BeforeUpdate
    const old = existing;
    if (def.generation) obj.metadata.generation = old.metadata.generation ?? 0;
    else delete obj.metadata.generation;
    if (status) {
      if (!s.prepareForStatusUpdate) throw notFound(gr(def), req.name);
      s.prepareForStatusUpdate(obj, old);
    } else s.prepareForUpdate(obj, old);
    obj.metadata.uid ??= old.metadata.uid ?? '';
    if (old.metadata.creationTimestamp) obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete obj.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined)
      obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    else delete obj.metadata.deletionGracePeriodSeconds;
    delete obj.metadata.selfLink;
    const errs = s.validateUpdate(obj, old);
    if (errs.length > 0) throw invalid(gk(def), req.name, errs);
    // storage: a no-op update is not written
    const comparable = (o: KObject): KObject => {
      const c = clone(o);
      delete c.metadata.resourceVersion;
      return c;
    };
    if (deepEqual(comparable(obj), comparable(old))) return { code: 200, body: toWire(def, old) };
    if (old.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0) {
      // shouldDeleteDuringUpdate: the last finalizer is gone
      const last = dry ? obj : this.ctx.storage.write(def.bucket, key, obj);
      if (!dry) this.ctx.storage.write(def.bucket, key, undefined);
      return { code: 200, body: toWire(def, last) };
    }
    const stored = dry ? obj : this.ctx.storage.write(def.bucket, key, obj);
    return { code: 200, body: toWire(def, stored) };
  }

  delete(req: Req, body: unknown): Result {
    const { def } = req;
    const opts = isObject(body) ? body : {};
    const dry = dryRun(req.query);
    const key = this.key(req);
    const existing = this.ctx.storage.get(def.bucket, key);
    if (!existing) throw notFound(gr(def), req.name);
    this.checkPreconditions(req, existing, opts);
    return this.deleteOne(req, key, existing, opts, dry);
  }

  private checkPreconditions(req: Req, existing: KObject, opts: JsonObject): void {
    const pre = isObject(opts.preconditions) ? opts.preconditions : {};
    const storageKey = `${req.def.keyPrefix}/${this.key(req, existing.metadata.name)}`;
    const fail = (what: string, want: unknown, have: unknown): never => {
      throw conflict(
        gr(req.def),
        existing.metadata.name ?? '',
        `StorageError: invalid object, Code: 4, Key: ${storageKey}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${what} in precondition: ${String(want)}, ${what} in object meta: ${String(have)}`,
      );
    };
    if (typeof pre.uid === 'string' && pre.uid !== existing.metadata.uid)
      fail('UID', pre.uid, existing.metadata.uid);
    if (typeof pre.resourceVersion === 'string' && pre.resourceVersion !== existing.metadata.resourceVersion)
      fail('ResourceVersion', pre.resourceVersion, existing.metadata.resourceVersion);
  }

  private deleteOne(req: Req, key: string, existing: KObject, opts: JsonObject, dry: boolean): Result {
    const { def } = req;
    const marked = clone(existing);
    if (!existing.metadata.deletionTimestamp) def.strategy.prepareForDelete?.(marked);
    const finalizers = marked.metadata.finalizers ?? [];
    const accepted = opts.orphanDependents === false ? 202 : 200;
    if (finalizers.length > 0) {
      if (existing.metadata.deletionTimestamp) return { code: accepted, body: toWire(def, existing) };
      marked.metadata.deletionTimestamp = this.ctx.now();
      // markAsDeleting; a kind with its own delete (CRDs, etcd.go) only sets the timestamp
      if (!def.strategy.prepareForDelete) {
        if ((marked.metadata.generation ?? 0) > 0)
          marked.metadata.generation = (marked.metadata.generation ?? 0) + 1;
        marked.metadata.deletionGracePeriodSeconds = 0;
      }
      const stored = dry ? marked : this.ctx.storage.write(def.bucket, key, marked);
      return { code: accepted, body: toWire(def, stored) };
    }
    if (!dry) this.ctx.storage.write(def.bucket, key, undefined);
    const body: Status = status(
      0,
      '',
      '',
      {
        name: existing.metadata.name ?? '',
        group: def.group,
        kind: def.resource,
        uid: existing.metadata.uid ?? '',
      },
      'Success',
    );
    return { code: 200, body };
  }

  deleteCollection(req: Req, body: unknown): Result {
    const { def } = req;
    const opts = isObject(body) ? body : {};
    const dry = dryRun(req.query);
    const { items } = this.select(req, undefined);
    const out: KObject[] = [];
    for (const [key, obj] of items) {
      const r = this.deleteOne(req, key, obj, opts, dry);
      out.push(isObject(r.body) && r.body.kind === 'Status' ? toWire(def, obj) : (r.body as KObject));
    }
    return { code: 200, body: this.listBody(req, out, this.ctx.storage.resourceVersion, {}) };
  }

  /** Items of the request's namespace (or all) matching its selectors, at `atRv`. */
  private select(req: Req, atRv: number | undefined): { rv: number; items: [string, KObject][] } {
    const { def, query } = req;
    const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
    const supported = Object.keys(def.strategy.fieldLabels({ metadata: {} }));
    const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined, supported);
    const { rv, items } = this.ctx.storage.list(def.bucket, atRv);
    return {
      rv,
      items: items.filter(
        ([, o]) =>
          (!def.namespaced || req.namespace === '' || o.metadata.namespace === req.namespace) &&
          matchesLabels(labels, o.metadata.labels) &&
          matchesFields(fields, def.strategy.fieldLabels(o)),
      ),
    };
  }

  list(req: Req): Result {
    const { query } = req;
    const limitText = query.get('limit');
    const limit = limitText ? Number(limitText) : 0;
    if (limitText && (!Number.isInteger(limit) || limit < 0))
      throw badRequest(`limit: Invalid value: ${limitText}`);
    const cont = query.get('continue') ?? '';
    const rvParam = query.get('resourceVersion') ?? '';
    const rvMatch = query.get('resourceVersionMatch') ?? '';
    let atRv: number | undefined;
    let start = '';
    if (cont) {
      if (rvParam && rvParam !== '0')
        throw badRequest('specifying resource version is not allowed when using continue');
      let tok: unknown;
      try {
        tok = JSON.parse(Buffer.from(cont, 'base64').toString('utf8'));
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
      if (
        !isObject(tok) ||
        tok.v !== 'meta.k8s.io/v1' ||
        typeof tok.rv !== 'number' ||
        typeof tok.start !== 'string'
      )
        throw badRequest(
          'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
        );
      atRv = tok.rv;
      start = tok.start;
      if (atRv < this.ctx.storage.compactedRevision)
        throw resourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
    } else if (rvParam && rvParam !== '0') {
      const want = parseRv(rvParam);
      const current = this.ctx.storage.resourceVersion;
      if (want > current) throw tooLargeResourceVersion(want, current);
      if (rvMatch === 'Exact') atRv = want;
    } else if (rvMatch && !rvParam) {
      throw invalid({ group: 'meta.k8s.io', name: 'ListOptions' }, '', [
        fe.forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      ]);
    }
    const { rv, items } = this.select(req, atRv);
    const rest = items.filter(([k]) => k >= start);
    const page = limit > 0 ? rest.slice(0, limit) : rest;
    const meta: JsonObject = {};
    if (limit > 0 && rest.length > limit) {
      const lastKey = page[page.length - 1]?.[0] ?? '';
      meta.continue = Buffer.from(
        JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` }),
      ).toString('base64');
      if (!query.get('labelSelector') && !query.get('fieldSelector'))
        meta.remainingItemCount = rest.length - limit;
    }
    return {
      code: 200,
      body: this.listBody(
        req,
        page.map(([, o]) => o),
        rv,
        meta,
      ),
    };
  }

  private listBody(req: Req, items: KObject[], rv: number, extra: JsonObject): JsonObject {
    const { def } = req;
    return {
      kind: def.listKind,
      apiVersion: apiVersionOf(def),
      metadata: { resourceVersion: String(rv), ...extra },
      items: items.map((o) => {
        if (def.strategy.listItemsHaveTypeMeta) return toWire(def, o);
        const { apiVersion: _a, kind: _k, ...rest } = o;
        return rest;
      }),
    };
  }
}

export { ApiError };
