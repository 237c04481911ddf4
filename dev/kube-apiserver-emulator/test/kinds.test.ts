// Built-in kinds served for installations (Deployments, Services, ServiceAccounts, NetworkPolicies, RBAC):
// decoding (unknown fields, types), validation, defaults, strategic merge patch; CRDs as an API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningKubeApiserverEmulator } from '../src/index.js';
import { NS, raw, start } from './helpers.js';

let emu: RunningKubeApiserverEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
});

const deployments = `/apis/apps/v1/namespaces/${NS}/deployments`;
const SMP = { contentType: 'application/strategic-merge-patch+json' };
type Json = Record<string, unknown>;
const message = (json: unknown): string => (json as { message: string }).message;

function deployment(extra: { spec?: Json; containers?: Json[] } = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: extra.containers ?? [
            { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
          ],
        },
      },
      ...extra.spec,
    },
  };
}

describe('typed decoding and validation', () => {
  it('drops unknown fields with a warning, refuses them with fieldValidation=Strict', async () => {
    const body = deployment({ spec: { replica: 2 } });
    const created = await raw(emu, 'POST', deployments, body);
    expect(created.status).toBe(201);
    expect(created.headers.get('warning')).toBe('299 - "unknown field \\"spec.replica\\""');
    expect((created.json as { spec: Json }).spec).not.toHaveProperty('replica');
    const strict = await raw(emu, 'POST', `${deployments}?fieldValidation=Strict`, {
      ...body,
      metadata: { name: 'strict' },
    });
    expect(strict.status).toBe(400);
    expect(message(strict.json)).toBe('strict decoding error: unknown field "spec.replica"');
  });

  it('answers a wrong JSON type with 400 and fills in the defaults', async () => {
    const wrong = await raw(emu, 'POST', deployments, deployment({ spec: { replicas: 'two' } }));
    expect(wrong.status).toBe(400);
    expect(message(wrong.json)).toMatch(
      /^Deployment in version "apps\/v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field/,
    );
    const created = (await raw(emu, 'POST', deployments, deployment())).json as {
      metadata: { generation: number };
      spec: {
        replicas: number;
        strategy: Json;
        template: { spec: { containers: Json[]; restartPolicy: string } };
      };
      status: Json;
    };
    expect(created.metadata.generation).toBe(1);
    expect(created.spec.replicas).toBe(1);
    expect(created.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(created.spec.template.spec.restartPolicy).toBe('Always');
    expect(created.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    expect(created.status).toEqual({});
  });

  it('refuses a selector that does not match the template, and a selector change', async () => {
    const body = deployment();
    (body.spec as { selector: Json }).selector = { matchLabels: { app: 'other' } };
    const r = await raw(emu, 'POST', deployments, body);
    expect(r.status).toBe(422);
    expect(message(r.json)).toContain('spec.template.metadata.labels: Invalid value');
    expect(message(r.json)).toContain('`selector` does not match template `labels`');
    await raw(emu, 'POST', deployments, deployment());
    const change = await raw(
      emu,
      'PATCH',
      `${deployments}/web`,
      { spec: { selector: { matchLabels: { app: 'web', x: 'y' } } } },
      SMP,
    );
    expect(change.status).toBe(422);
    expect(message(change.json)).toContain('spec.selector: Invalid value');
  });

  it('requires a container image and valid ports', async () => {
    const r = await raw(
      emu,
      'POST',
      deployments,
      deployment({ containers: [{ name: 'web', ports: [{ containerPort: 0 }] }] }),
    );
    expect(r.status).toBe(422);
    expect(message(r.json)).toContain('spec.template.spec.containers[0].image: Required value');
    expect(message(r.json)).toContain(
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    );
  });

  it('allocates a Service cluster IP and keeps it when an update omits it', async () => {
    const services = `/api/v1/namespaces/${NS}/services`;
    const created = await raw(emu, 'POST', services, {
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    const spec = (created.json as { spec: Json }).spec;
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      clusterIP: expect.stringMatching(/^10\.96\./) as string,
      sessionAffinity: 'None',
    });
    const updated = await raw(emu, 'PUT', `${services}/web`, {
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 81 }] },
    });
    expect((updated.json as { spec: Json }).spec).toMatchObject({
      clusterIP: spec.clusterIP,
      ports: [{ name: 'http', port: 81, targetPort: 81, protocol: 'TCP' }],
    });
    const noPorts = await raw(emu, 'POST', services, { metadata: { name: 'empty' }, spec: {} });
    expect(message(noPorts.json)).toBe('Service "empty" is invalid: spec.ports: Required value');
  });

  it('checks NetworkPolicy peers and CIDRs', async () => {
    const r = await raw(emu, 'POST', `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`, {
      metadata: { name: 'np' },
      spec: {
        podSelector: {},
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }, podSelector: {} }] }],
      },
    });
    expect(r.status).toBe(422);
    expect(message(r.json)).toContain(
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
    );
    expect(message(r.json)).toContain(
      'spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer',
    );
  });

  it('names RBAC objects by path segment, not DNS (installer names have colons)', async () => {
    const r = await raw(emu, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name: 'kubesphere:store-importer:helm-executor' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
    });
    expect(message(r.json)).toBe(
      'ClusterRole.rbac.authorization.k8s.io "kubesphere:store-importer:helm-executor" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name, deletes with $patch, replaces atomic lists, bumps generation', async () => {
    await raw(
      emu,
      'POST',
      deployments,
      deployment({
        containers: [
          { name: 'a', image: 'a:1' },
          { name: 'b', image: 'b:1', env: [{ name: 'X', value: '1' }] },
        ],
      }),
    );
    const patched = await raw(
      emu,
      'PATCH',
      `${deployments}/web`,
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'b', env: [{ name: 'Y', value: '2' }] },
                { name: 'a', $patch: 'delete' },
                { name: 'c', image: 'c:1' },
              ],
              tolerations: [{ key: 'k', operator: 'Exists' }],
            },
          },
        },
      },
      SMP,
    );
    expect(patched.status).toBe(200);
    const json = patched.json as {
      metadata: { generation: number };
      spec: { template: { spec: { containers: Json[] } } };
    };
    expect(json.metadata.generation).toBe(2);
    expect(json.spec.template.spec.containers.map((c) => [c.name, c.image, c.env])).toEqual([
      [
        'b',
        'b:1',
        [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      ],
      ['c', 'c:1', undefined],
    ]);
  });

  it('keeps only $retainKeys of the deployment strategy', async () => {
    await raw(emu, 'POST', deployments, deployment());
    const r = await raw(
      emu,
      'PATCH',
      `${deployments}/web`,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      SMP,
    );
    expect((r.json as { spec: { strategy: Json } }).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('is refused (415) for custom resources, as the real server does', async () => {
    const r = await raw(
      emu,
      'PATCH',
      `/apis/test.storeimporter.kubesphere.io/v1alpha1/namespaces/${NS}/widgets/x`,
      {},
      SMP,
    );
    expect(r.status).toBe(415);
  });
});

describe('CustomResourceDefinitions as an API', () => {
  const crds = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
            },
          },
        },
      ],
    },
  };
  const gadgets = '/apis/example.com/v1/gadgets';

  it('serves a created CRD at once, established', async () => {
    const created = await raw(emu, 'POST', crds, crd);
    expect(created.status).toBe(201);
    const conditions = (created.json as { status: { conditions: Json[] } }).status.conditions.map((c) => [
      c.type,
      c.status,
    ]);
    expect(conditions).toEqual([
      ['NamesAccepted', 'True'],
      ['Established', 'True'],
    ]);
    expect(
      (
        await raw(emu, 'POST', gadgets, {
          apiVersion: 'example.com/v1',
          kind: 'Gadget',
          metadata: { name: 'g' },
          spec: { size: 1 },
        })
      ).status,
    ).toBe(201);
    const discovery = (await raw(emu, 'GET', '/apis/example.com/v1')).json as {
      resources: { name: string }[];
    };
    expect(discovery.resources.map((r) => r.name)).toEqual(['gadgets']);
  });

  it('deletes with its custom resources: 200 Terminating, then gone', async () => {
    await raw(emu, 'POST', crds, crd);
    await raw(emu, 'POST', gadgets, {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g' },
    });
    const deleted = await raw(emu, 'DELETE', `${crds}/gadgets.example.com`);
    expect(deleted.status).toBe(200);
    const body = deleted.json as {
      metadata: { finalizers: string[]; deletionTimestamp?: string };
      status: { conditions: Json[] };
    };
    expect(body.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(body.metadata.deletionTimestamp).toBeDefined();
    expect(body.status.conditions.find((c) => c.type === 'Terminating')).toMatchObject({
      status: 'True',
      reason: 'InstanceDeletionPending',
    });
    expect((await raw(emu, 'GET', `${crds}/gadgets.example.com`)).status).toBe(404);
    expect((await raw(emu, 'GET', gadgets)).status).toBe(404);
    expect(emu.state().objects['example.com/gadgets'] ?? []).toEqual([]);
  });

  it('refuses an invalid CRD and a scope change', async () => {
    const bad = await raw(emu, 'POST', crds, { ...crd, metadata: { name: 'wrong.example.com' } });
    expect(bad.status).toBe(422);
    expect(message(bad.json)).toContain('metadata.name must be spec.names.plural+"."+spec.group');
    const created = (await raw(emu, 'POST', crds, crd)).json as { metadata: { resourceVersion: string } };
    const scope = await raw(
      emu,
      'PATCH',
      `${crds}/gadgets.example.com`,
      { spec: { scope: 'Namespaced' } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(scope.status).toBe(422);
    expect(message(scope.json)).toContain('spec.scope: Invalid value: "Namespaced": field is immutable');
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
  });
});
