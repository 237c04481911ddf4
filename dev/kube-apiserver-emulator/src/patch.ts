// PATCH bodies, copied from
//   RFC 7386 (application/merge-patch+json) and RFC 6902 (application/json-patch+json), as applied by
//   github.com/evanphx/json-patch (used by k8s.io/apiserver/pkg/endpoints/handlers/patch.go applyJSPatch:
//   an undecodable JSON patch is 400 BadRequest, a patch that fails to apply is 422 with the library's text)
//   https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/

import { badRequest, status, ApiError } from './errors.js';
import { clone, deepEqual, isObject } from './types.js';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) Reflect.deleteProperty(out, k);
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unprocessable(message: string): ApiError {
  return new ApiError(status(422, 'Invalid', message, {}));
}

function unescape(tok: string): string {
  return tok.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw unprocessable(`add operation does not apply: doc is missing path: "${p}"`);
  return p.slice(1).split('/').map(unescape);
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], op: string, path: string): [Container, string] {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || i >= cur.length)
        throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      cur = cur[i];
    } else if (isObject(cur) && t in cur) cur = cur[t];
    else throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isObject(cur))
    throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return [cur, tokens[tokens.length - 1] ?? ''];
}

function getAt(doc: unknown, path: string, op: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const [c, last] = resolveParent(doc, tokens, op, path);
  if (Array.isArray(c)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= c.length)
      throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return c[i];
  }
  if (!(last in c))
    throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return c[last];
}

function removeAt(doc: unknown, path: string, op: string): unknown {
  const tokens = parsePointer(path);
  const [c, last] = resolveParent(doc, tokens, op, path);
  if (Array.isArray(c)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= c.length)
      throw unprocessable(`Unable to remove nonexistent key: ${last}: missing value`);
    return c.splice(i, 1)[0];
  }
  if (!(last in c)) throw unprocessable(`Unable to remove nonexistent key: ${last}: missing value`);
  const v = c[last];
  Reflect.deleteProperty(c, last);
  return v;
}

function addAt(doc: unknown, path: string, value: unknown, op: string, replace: boolean): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const [c, last] = resolveParent(doc, tokens, op, path);
  if (Array.isArray(c)) {
    if (replace) {
      const i = Number(last);
      if (!/^\d+$/.test(last) || i >= c.length)
        throw unprocessable(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      c[i] = value;
    } else if (last === '-') c.push(value);
    else {
      const i = Number(last);
      if (!/^\d+$/.test(last) || i > c.length)
        throw unprocessable(`add operation does not apply: doc is missing path: "${path}": missing value`);
      c.splice(i, 0, value);
    }
  } else {
    if (replace && !(last in c))
      throw unprocessable(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    c[last] = value;
  }
  return doc;
}

export function jsonPatch(doc: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let d = clone(doc);
  for (const raw of patch) {
    if (!isObject(raw)) throw badRequest('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = raw.op;
    const path = typeof raw.path === 'string' ? raw.path : undefined;
    if (path === undefined)
      throw unprocessable(`${String(op)} operation does not apply: doc is missing path: "": missing value`);
    switch (op) {
      case 'add':
        d = addAt(d, path, clone(raw.value), 'add', false);
        break;
      case 'replace':
        d = addAt(d, path, clone(raw.value), 'replace', true);
        break;
      case 'remove':
        removeAt(d, path, 'remove');
        break;
      case 'move': {
        const from = typeof raw.from === 'string' ? raw.from : '';
        const v = removeAt(d, from, 'move');
        d = addAt(d, path, v, 'move', false);
        break;
      }
      case 'copy': {
        const from = typeof raw.from === 'string' ? raw.from : '';
        d = addAt(d, path, clone(getAt(d, from, 'copy')), 'copy', false);
        break;
      }
      case 'test':
        if (!deepEqual(getAt(d, path, 'test'), raw.value))
          throw unprocessable(`testing value ${path} failed: test failed`);
        break;
      default:
        throw unprocessable(`Unexpected kind: ${String(op)}`);
    }
  }
  return d;
}
