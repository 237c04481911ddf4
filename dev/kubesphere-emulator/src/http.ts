// What a handler sees and returns, and the two response shapes of ks-apiserver:
//   go-restful WriteEntity/WriteAsJson: application/json, MarshalIndent(v, "", " ") (PrettyPrintResponses)
//   pkg/api/utils.go handle(): http.Error(w, sanitize(err.Error()), code) -> text/plain, message + "\n"

import type { Response } from 'express';
import { API_VERSION } from './constants.js';
import { goJson } from './gojson.js';
import type { UserInfo } from './auth.js';
import type { KObject, Kind } from './types.js';

export interface Ctx {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  contentType: string | undefined;
  user: UserInfo;
}

export interface Reply {
  status?: number;
  body: unknown;
  /** The handler wrote no entity: net/http answers 200 with an empty body. */
  noEntity?: boolean;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** pkg/server/errors/errors.go errors.None */
export const success: Reply = { body: { message: 'success' } };

export function writeJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(goJson(body));
}

/** net/http Error via pkg/api/utils.go handle (with its HTML sanitizer). */
export function writePlainError(res: Response, status: number, message: string): void {
  const sanitized = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  res.status(status);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(`${sanitized}\n`);
}

/** A stored object as ks-apiserver writes it: TypeMeta (when the object came from the informer cache)
 *  then metadata in metav1.ObjectMeta field order, then spec and status. */
export function toWire(kind: Kind, obj: KObject, withTypeMeta = true): Record<string, unknown> {
  const m = obj.metadata;
  const metadata: Record<string, unknown> = {
    name: m.name,
    uid: m.uid,
    resourceVersion: m.resourceVersion,
    generation: m.generation,
    creationTimestamp: m.creationTimestamp,
  };
  if (m.labels && Object.keys(m.labels).length) metadata.labels = sortKeys(m.labels);
  if (m.annotations && Object.keys(m.annotations).length) metadata.annotations = sortKeys(m.annotations);
  if (m.ownerReferences?.length) metadata.ownerReferences = m.ownerReferences;
  if (m.finalizers?.length) metadata.finalizers = m.finalizers;
  const { metadata: _ignored, ...rest } = obj as KObject & Record<string, unknown>;
  const out: Record<string, unknown> = withTypeMeta ? { kind, apiVersion: API_VERSION } : {};
  const status = rest.status as Record<string, unknown> | undefined;
  if (status) rest.status = ordered(status, statusOrder[kind]);
  return { ...out, metadata, ...rest };
}

// Go struct field order of the status types (types.go)
const statusOrder: Record<Kind, string[]> = {
  Application: ['state', 'updateTime'],
  ApplicationVersion: ['state', 'message', 'userName', 'updated'],
  ApplicationRelease: ['state', 'message', 'specHash', 'installJobName', 'uninstallJobName', 'lastUpdate'],
  Category: ['total'],
  Repo: ['lastUpdateTime', 'state'],
};

function ordered(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

/** encoding/json writes map keys sorted. */
function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
