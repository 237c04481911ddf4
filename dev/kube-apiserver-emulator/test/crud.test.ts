// Custom resources through @kubernetes/client-node: create/get/list/update/patch/delete, conflicts,
// status subresource, generation, pruning, validation, selectors, paging, finalizers.
import {
  ApiException,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningKubeApiserverEmulator } from '../src/index.js';
import { base, GROUP, kubeConfig, NS, PLURAL, raw, start, VERSION, widget } from './helpers.js';

let emu: RunningKubeApiserverEmulator;
let kc: KubeConfig;
let api: CustomObjectsApi;

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion: string;
    generation?: number;
    creationTimestamp: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    finalizers?: string[];
  };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

const ids = { group: GROUP, version: VERSION, namespace: NS, plural: PLURAL };

beforeAll(async () => {
  emu = await start();
  kc = kubeConfig(emu);
  api = kc.makeApiClient(CustomObjectsApi);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
});

async function create(name: string, extra: Record<string, unknown> = {}): Promise<Obj> {
  return (await api.createNamespacedCustomObject({ ...ids, body: { ...widget(name), ...extra } })) as Obj;
}

async function apiError(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    const err = e as ApiException<unknown>;
    const body: unknown = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
    return { code: err.code, body: body as Record<string, unknown> };
  }
  throw new Error('expected an error');
}

describe('create / get / list', () => {
  it('creates with server-managed metadata and defaults, gets it back', async () => {
    const c = await create('w1');
    expect(c.metadata).toMatchObject({ name: 'w1', namespace: NS, generation: 1 });
    expect(c.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(c.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(c.spec).toEqual({ url: 'https://example.com', replicas: 1 });
    expect(c).not.toHaveProperty('metadata.managedFields');
    const g = (await api.getNamespacedCustomObject({ ...ids, name: 'w1' })) as Obj;
    expect(g).toEqual(c);
  });

  it('answers 409 AlreadyExists with the real body', async () => {
    await create('dup');
    const r = await raw(emu, 'POST', base, widget('dup'));
    expect(r.status).toBe(409);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `widgets.${GROUP} "dup" already exists`,
      reason: 'AlreadyExists',
      details: { name: 'dup', group: GROUP, kind: 'widgets' },
      code: 409,
    });
  });

  it('supports generateName', async () => {
    const c = (await api.createNamespacedCustomObject({
      ...ids,
      body: { ...widget(''), metadata: { generateName: 'gen-' } },
    })) as Obj;
    expect(c.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('404 for a missing object and for a missing namespace', async () => {
    const e = await apiError(api.getNamespacedCustomObject({ ...ids, name: 'nope' }));
    expect(e.code).toBe(404);
    expect(e.body.message).toBe(`widgets.${GROUP} "nope" not found`);
    const r = await raw(emu, 'POST', `/apis/${GROUP}/${VERSION}/namespaces/ghost/${PLURAL}`, widget('x'));
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'namespaces "ghost" not found',
      reason: 'NotFound',
      details: { name: 'ghost', kind: 'namespaces' },
      code: 404,
    });
  });

  it('lists with label selectors, field selectors, across namespaces, and pages', async () => {
    await create('a', { metadata: { name: 'a', labels: { tier: 'web', env: 'prod' } } });
    await create('b', { metadata: { name: 'b', labels: { tier: 'db', env: 'prod' } } });
    await create('c', { metadata: { name: 'c', labels: { tier: 'web' } } });
    const names = async (q: Record<string, string>): Promise<string[]> => {
      const l = (await api.listNamespacedCustomObject({ ...ids, ...q })) as { items: Obj[] };
      return l.items.map((i) => i.metadata.name);
    };
    expect(await names({ labelSelector: 'tier=web' })).toEqual(['a', 'c']);
    expect(await names({ labelSelector: 'tier in (db,cache),env' })).toEqual(['b']);
    expect(await names({ labelSelector: '!env' })).toEqual(['c']);
    expect(await names({ labelSelector: 'env!=prod' })).toEqual(['c']);
    expect(await names({ labelSelector: 'tier notin (web)' })).toEqual(['b']);
    expect(await names({ fieldSelector: 'metadata.name=b' })).toEqual(['b']);
    expect(await names({ fieldSelector: 'metadata.name!=b' })).toEqual(['a', 'c']);
    const bad = await raw(emu, 'GET', `${base}?fieldSelector=spec.url%3Dx`);
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toBe('field label not supported: spec.url');

    const all = (await api.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })) as {
      kind: string;
      items: Obj[];
    };
    expect(all.kind).toBe('WidgetList');
    expect(all.items).toHaveLength(3);

    const p1 = (await api.listNamespacedCustomObject({ ...ids, limit: 2 })) as {
      metadata: { continue: string; remainingItemCount: number; resourceVersion: string };
      items: Obj[];
    };
    expect(p1.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(p1.metadata.remainingItemCount).toBe(1);
    await create('d'); // not in the snapshot of the first page
    const p2 = (await api.listNamespacedCustomObject({
      ...ids,
      limit: 2,
      _continue: p1.metadata.continue,
    })) as {
      metadata: { continue?: string; resourceVersion: string };
      items: Obj[];
    };
    expect(p2.items.map((i) => i.metadata.name)).toEqual(['c']);
    expect(p2.metadata.continue).toBeUndefined();
    expect(p2.metadata.resourceVersion).toBe(p1.metadata.resourceVersion);
  });
});

describe('update', () => {
  it('needs the current resourceVersion: stale -> 409 Conflict, missing -> 422', async () => {
    const c = await create('u1');
    const updated = (await api.replaceNamespacedCustomObject({
      ...ids,
      name: 'u1',
      body: { ...c, spec: { url: 'https://two.example' } },
    })) as Obj;
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(c.metadata.resourceVersion));
    expect(updated.metadata.generation).toBe(2);
    expect(updated.spec).toEqual({ url: 'https://two.example', replicas: 1 });

    const e = await apiError(api.replaceNamespacedCustomObject({ ...ids, name: 'u1', body: c }));
    expect(e.code).toBe(409);
    expect(e.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Operation cannot be fulfilled on widgets.${GROUP} "u1": the object has been modified; please apply your changes to the latest version and try again`,
      reason: 'Conflict',
      details: { name: 'u1', group: GROUP, kind: 'widgets' },
      code: 409,
    });

    const noRv = await raw(emu, 'PUT', `${base}/u1`, widget('u1'));
    expect(noRv.status).toBe(422);
    expect((noRv.json as { message: string }).message).toBe(
      `widgets.${GROUP} "u1" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`,
    );
  });

  it('a no-op update keeps the resourceVersion; metadata-only changes keep the generation', async () => {
    const c = await create('u2');
    const same = (await api.replaceNamespacedCustomObject({ ...ids, name: 'u2', body: c })) as Obj;
    expect(same.metadata.resourceVersion).toBe(c.metadata.resourceVersion);
    const labeled = (await api.replaceNamespacedCustomObject({
      ...ids,
      name: 'u2',
      body: { ...c, metadata: { ...c.metadata, labels: { a: 'b' } } },
    })) as Obj;
    expect(labeled.metadata.generation).toBe(1);
    expect(labeled.metadata.resourceVersion).not.toBe(c.metadata.resourceVersion);
  });
});

describe('status subresource', () => {
  it('ignores status on create and on main-resource writes; /status writes only status', async () => {
    const c = (await api.createNamespacedCustomObject({
      ...ids,
      body: { ...widget('s1'), status: { phase: 'Ready' } },
    })) as Obj;
    expect(c.status).toBeUndefined();
    const s = (await api.replaceNamespacedCustomObjectStatus({
      ...ids,
      name: 's1',
      body: { ...c, spec: { url: 'https://ignored.example' }, status: { phase: 'Running' } },
    })) as Obj;
    expect(s.status).toEqual({ phase: 'Running' });
    expect(s.spec.url).toBe('https://example.com');
    expect(s.metadata.generation).toBe(1);
    const m = (await api.replaceNamespacedCustomObject({
      ...ids,
      name: 's1',
      body: { ...s, status: { phase: 'Hacked' } },
    })) as Obj;
    expect(m.status).toEqual({ phase: 'Running' });
    expect(m.metadata.resourceVersion).toBe(s.metadata.resourceVersion); // nothing changed
    const p = (await api.patchNamespacedCustomObjectStatus(
      { ...ids, name: 's1', body: { status: { phase: 'Done' }, spec: { url: 'https://no.example' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Obj;
    expect(p.status).toEqual({ phase: 'Done' });
    expect(p.spec.url).toBe('https://example.com');
    const g = (await api.getNamespacedCustomObjectStatus({ ...ids, name: 's1' })) as Obj;
    expect(g.status).toEqual({ phase: 'Done' });
  });
});

describe('patch', () => {
  it('applies merge and JSON patches, bumps generation on spec changes', async () => {
    await create('p1');
    const m = (await api.patchNamespacedCustomObject(
      { ...ids, name: 'p1', body: { spec: { mode: 'fast' }, metadata: { labels: { x: 'y' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Obj;
    expect(m.spec).toEqual({ url: 'https://example.com', replicas: 1, mode: 'fast' });
    expect(m.metadata.labels).toEqual({ x: 'y' });
    expect(m.metadata.generation).toBe(2);
    const j = (await api.patchNamespacedCustomObject({
      ...ids,
      name: 'p1',
      body: [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'remove', path: '/spec/mode' },
      ],
    })) as Obj;
    expect(j.spec).toEqual({ url: 'https://example.com', replicas: 3 });
    expect(j.metadata.generation).toBe(3);
    const stale = await raw(
      emu,
      'PATCH',
      `${base}/p1`,
      { metadata: { resourceVersion: m.metadata.resourceVersion }, spec: { replicas: 4 } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(stale.status).toBe(409);
  });

  it('answers 415 to a strategic merge patch of a custom resource', async () => {
    await create('p2');
    const r = await raw(
      emu,
      'PATCH',
      `${base}/p2`,
      { spec: {} },
      {
        contentType: 'application/strategic-merge-patch+json',
      },
    );
    expect(r.status).toBe(415);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  });
});

describe('validation and pruning', () => {
  it('drops unknown fields silently (with a warning header), keeps preserved ones', async () => {
    const r = await raw(emu, 'POST', base, {
      ...widget('pr'),
      spec: { url: 'https://x.example', bogus: 1, config: { any: { deep: true } } },
      extra: 'x',
    });
    expect(r.status).toBe(201);
    const o = r.json as Obj;
    expect(o.spec).toEqual({ url: 'https://x.example', replicas: 1, config: { any: { deep: true } } });
    expect(o).not.toHaveProperty('extra');
    expect(r.headers.get('warning')).toContain('unknown field \\"spec.bogus\\"');
    const strict = await raw(emu, 'POST', `${base}?fieldValidation=Strict`, {
      ...widget('pr2'),
      spec: { url: 'https://x.example', bogus: 1 },
    });
    expect(strict.status).toBe(400);
    expect((strict.json as { message: string }).message).toBe(
      'strict decoding error: unknown field "spec.bogus"',
    );
  });

  it('answers 422 Invalid with causes', async () => {
    const r = await raw(emu, 'POST', base, {
      ...widget('v1'),
      spec: { url: 'ftp://x', replicas: 11, mode: 'medium', tags: ['a', 'b', 'c', 'd'] },
    });
    expect(r.status).toBe(422);
    const body = r.json as { message: string; reason: string; details: { causes: unknown[]; kind: string } };
    expect(body.reason).toBe('Invalid');
    expect(body.details.kind).toBe('Widget');
    expect(body.details.causes).toEqual([
      {
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "medium": supported values: "fast", "slow"',
        field: 'spec.mode',
      },
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 11: spec.replicas in body should be less than or equal to 10',
        field: 'spec.replicas',
      },
      { reason: 'FieldValueTooMany', message: 'Too many: 4: must have at most 3 items', field: 'spec.tags' },
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "ftp://x": spec.url in body should match \'^https?://\'',
        field: 'spec.url',
      },
    ]);
    expect(body.message).toMatch(new RegExp(`^Widget\\.${GROUP.replace(/\./g, '\\.')} "v1" is invalid: \\[`));

    const missing = await raw(emu, 'POST', base, {
      ...widget('v2'),
      spec: { replicas: 'two', tags: ['toolong'] },
    });
    expect(missing.status).toBe(422);
    expect((missing.json as { message: string }).message).toBe(
      `Widget.${GROUP} "v2" is invalid: [spec.url: Required value, spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string", spec.tags[0]: Too long: may not be longer than 5]`,
    );

    const badName = await raw(emu, 'POST', base, widget('Bad_Name'));
    expect(badName.status).toBe(422);
    expect((badName.json as { message: string }).message).toBe(
      `Widget.${GROUP} "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });
});

describe('delete and finalizers', () => {
  it('deletes at once without finalizers (Status body), waits for finalizers otherwise', async () => {
    const c = await create('d1');
    const del = (await api.deleteNamespacedCustomObject({ ...ids, name: 'd1' })) as Record<string, unknown>;
    expect(del).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'd1', group: GROUP, kind: 'widgets', uid: c.metadata.uid },
    });
    expect((await apiError(api.getNamespacedCustomObject({ ...ids, name: 'd1' }))).code).toBe(404);

    const f = await create('d2', { metadata: { name: 'd2', finalizers: ['test.example.com/cleanup'] } });
    const marked = (await api.deleteNamespacedCustomObject({ ...ids, name: 'd2' })) as Obj;
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.generation).toBe(2);
    const still = (await api.getNamespacedCustomObject({ ...ids, name: 'd2' })) as Obj;
    expect(still.metadata.finalizers).toEqual(['test.example.com/cleanup']);
    const add = await raw(emu, 'PUT', `${base}/d2`, {
      ...still,
      metadata: { ...still.metadata, finalizers: ['test.example.com/cleanup', 'test.example.com/more'] },
    });
    expect(add.status).toBe(422);
    expect((add.json as { message: string }).message).toContain(
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"test.example.com/more"}',
    );
    await api.patchNamespacedCustomObject(
      { ...ids, name: 'd2', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await apiError(api.getNamespacedCustomObject({ ...ids, name: 'd2' }))).code).toBe(404);
    expect(f.metadata.name).toBe('d2');
  });
});
