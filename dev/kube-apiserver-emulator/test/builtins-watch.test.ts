// Watch through client-node's Watch, 410 on a too-old resourceVersion, Secrets, Leases, 401/403.
import {
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  V1MicroTime,
  Watch,
  type KubeConfig,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKubeApiserverEmulator } from '../src/index.js';
import { base, GROUP, kubeConfig, NS, PLURAL, raw, start, VERSION, widget } from './helpers.js';

let emu: RunningKubeApiserverEmulator;
let kc: KubeConfig;
const ids = { group: GROUP, version: VERSION, namespace: NS, plural: PLURAL };

beforeAll(async () => {
  emu = await start({
    historySize: 5,
    tokens: {
      'reader-token': {
        user: 'system:serviceaccount:store:reader',
        allow: [{ group: GROUP, resource: PLURAL, verbs: ['get', 'list', 'watch'] }],
      },
    },
  });
  kc = kubeConfig(emu);
});
afterAll(async () => {
  await emu.close();
});

interface Ev {
  type: string;
  name: string;
  rv: string;
}

describe('watch', () => {
  it('streams ADDED/MODIFIED/DELETED in order through client-node Watch', async () => {
    const api = kc.makeApiClient(CustomObjectsApi);
    const events: Ev[] = [];
    const watch = new Watch(kc);
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((r) => (resolveDone = r));
    const list = (await api.listNamespacedCustomObject(ids)) as { metadata: { resourceVersion: string } };
    const ctrl = await watch.watch(
      base,
      { resourceVersion: list.metadata.resourceVersion },
      (type, obj: { metadata: { name: string; resourceVersion: string } }) => {
        events.push({ type, name: obj.metadata.name, rv: obj.metadata.resourceVersion });
        if (type === 'DELETED') resolveDone();
      },
      () => undefined,
    );
    await api.createNamespacedCustomObject({ ...ids, body: widget('w1') });
    await api.patchNamespacedCustomObject({
      ...ids,
      name: 'w1',
      body: [{ op: 'add', path: '/spec/mode', value: 'fast' }],
    });
    await api.deleteNamespacedCustomObject({ ...ids, name: 'w1' });
    await done;
    ctrl.abort();
    expect(events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    const rvs = events.map((e) => Number(e.rv));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
  });

  it('sends an ERROR event with 410 Gone for a too-old resourceVersion', async () => {
    const api = kc.makeApiClient(CustomObjectsApi);
    for (let i = 0; i < 8; i++) await api.createNamespacedCustomObject({ ...ids, body: widget(`old-${i}`) });
    const got: { type: string; obj: unknown }[] = [];
    await new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        base,
        { resourceVersion: '1' },
        (type, obj) => got.push({ type, obj }),
        () => {
          resolve();
        },
      );
    });
    expect(got).toHaveLength(1);
    expect(got[0]?.type).toBe('ERROR');
    expect(got[0]?.obj).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect((got[0]?.obj as { message: string }).message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });
});

describe('secrets', () => {
  it('merges stringData into data and never returns it; type defaults to Opaque', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const s = await core.createNamespacedSecret({
      namespace: NS,
      body: {
        metadata: { name: 'creds' },
        data: { a: Buffer.from('x').toString('base64') },
        stringData: { b: 'yz' },
      },
    });
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ a: 'eA==', b: 'eXo=' });
    const listed = await raw(emu, 'GET', `/api/v1/namespaces/${NS}/secrets`);
    const item = (listed.json as { items: Record<string, unknown>[] }).items[0];
    expect(item).not.toHaveProperty('kind');
    const bad = await raw(emu, 'POST', `/api/v1/namespaces/${NS}/secrets`, {
      metadata: { name: 'bad' },
      data: { k: 'not base64!' },
    });
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    // secrets allow unconditional updates
    const u = await core.replaceNamespacedSecret({
      name: 'creds',
      namespace: NS,
      body: { metadata: { name: 'creds' }, stringData: { c: '1' } },
    });
    expect(u.data).toEqual({ c: 'MQ==' });
  });
});

describe('leases', () => {
  it('creates and renews a lease with MicroTime, refuses millisecond timestamps', async () => {
    const coord = kc.makeApiClient(CoordinationV1Api);
    const now = new V1MicroTime();
    const l = await coord.createNamespacedLease({
      namespace: NS,
      body: {
        metadata: { name: 'leader' },
        spec: {
          holderIdentity: 'a',
          leaseDurationSeconds: 15,
          acquireTime: now,
          renewTime: now,
          leaseTransitions: 0,
        },
      },
    });
    expect(l.spec?.holderIdentity).toBe('a');
    const renewed = await coord.replaceNamespacedLease({
      name: 'leader',
      namespace: NS,
      body: {
        metadata: { name: 'leader', resourceVersion: l.metadata?.resourceVersion },
        spec: {
          holderIdentity: 'b',
          leaseDurationSeconds: 15,
          leaseTransitions: 1,
          renewTime: new V1MicroTime(),
        },
      },
    });
    expect(renewed.spec?.leaseTransitions).toBe(1);
    const stale = await raw(emu, 'PUT', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/leader`, {
      metadata: { name: 'leader', resourceVersion: l.metadata?.resourceVersion },
      spec: { holderIdentity: 'c' },
    });
    expect(stale.status).toBe(409);
    const ms = await raw(emu, 'POST', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`, {
      metadata: { name: 'ms' },
      spec: { renewTime: '2024-01-01T00:00:00.123Z' },
    });
    expect(ms.status).toBe(400);
    const zero = await raw(emu, 'POST', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`, {
      metadata: { name: 'z' },
      spec: { leaseDurationSeconds: 0 },
    });
    expect(zero.status).toBe(422);
    expect((zero.json as { message: string }).message).toBe(
      'Lease.coordination.k8s.io "z" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
  });
});

describe('auth', () => {
  it('401 without or with a wrong token', async () => {
    const expected = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };
    for (const token of [null, 'wrong']) {
      const r = await raw(emu, 'GET', base, undefined, { token });
      expect(r.status).toBe(401);
      expect(r.json).toEqual(expected);
    }
  });

  it('403 with the real message for a verb outside the allow list', async () => {
    const reader = kubeConfig(emu, 'reader-token').makeApiClient(CustomObjectsApi);
    await reader.listNamespacedCustomObject(ids);
    const r = await raw(emu, 'DELETE', `${base}/x`, undefined, { token: 'reader-token' });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `widgets.${GROUP} "x" is forbidden: User "system:serviceaccount:store:reader" cannot delete resource "widgets" in API group "${GROUP}" in the namespace "${NS}"`,
      reason: 'Forbidden',
      details: { name: 'x', group: GROUP, kind: 'widgets' },
      code: 403,
    });
    const s = await raw(emu, 'GET', `/api/v1/namespaces/${NS}/secrets`, undefined, { token: 'reader-token' });
    expect((s.json as { message: string }).message).toBe(
      `secrets is forbidden: User "system:serviceaccount:store:reader" cannot list resource "secrets" in API group "" in the namespace "${NS}"`,
    );
  });
});
