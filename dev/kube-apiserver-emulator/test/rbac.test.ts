// RBAC as kube-apiserver evaluates it: rules of Roles and ClusterRoles through their bindings, resource
// names, subresources, service account subjects, impersonation, and privilege-escalation prevention on
// writes of roles and bindings.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceAccountToken, type RunningKubeApiserverEmulator } from '../src/index.js';
import { GROUP, NS, PLURAL, raw, start, VERSION, widget } from './helpers.js';

const RBAC = 'rbac.authorization.k8s.io';
const SA = 'system:serviceaccount:store:helm';
const SA_GROUPS = '["system:serviceaccounts" "system:serviceaccounts:store" "system:authenticated"]';
let emu: RunningKubeApiserverEmulator;

beforeAll(async () => {
  emu = await start({ tokens: { 'sa-token': serviceAccountToken(NS, 'helm') } });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
});

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

const as = { token: 'sa-token' };
const admin = (method: string, path: string, body?: unknown) => raw(emu, method, path, body);
const message = (json: unknown): string => (json as { message: string }).message;

/** A Role of `rules` bound to the service account (created by the admin). */
async function grant(rules: Rule[], name = 'granted'): Promise<void> {
  expect(
    (
      await admin('POST', `/apis/${RBAC}/v1/namespaces/${NS}/roles`, {
        kind: 'Role',
        metadata: { name },
        rules,
      })
    ).status,
  ).toBe(201);
  const binding = {
    kind: 'RoleBinding',
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: 'helm' }],
  };
  expect((await admin('POST', `/apis/${RBAC}/v1/namespaces/${NS}/rolebindings`, binding)).status).toBe(201);
}

const secret = (name: string) => ({ metadata: { name }, stringData: { a: 'b' } });
const secrets = `/api/v1/namespaces/${NS}/secrets`;
const widgets = `/apis/${GROUP}/${VERSION}/namespaces/${NS}/${PLURAL}`;

describe('RBAC authorization', () => {
  it('denies without a binding, with the real 403', async () => {
    const r = await raw(emu, 'GET', `${secrets}/x`, undefined, as);
    expect(r.status).toBe(403);
    expect(message(r.json)).toBe(
      `secrets "x" is forbidden: User "${SA}" cannot get resource "secrets" in API group "" in the namespace "${NS}"`,
    );
  });

  it('limits get to resourceNames, and never allows create or list through them', async () => {
    await grant([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create', 'list'], resourceNames: ['a'] },
    ]);
    await admin('POST', secrets, secret('a'));
    await admin('POST', secrets, secret('b'));
    expect((await raw(emu, 'GET', `${secrets}/a`, undefined, as)).status).toBe(200);
    expect((await raw(emu, 'GET', `${secrets}/b`, undefined, as)).status).toBe(403);
    expect((await raw(emu, 'GET', secrets, undefined, as)).status).toBe(403);
    const create = await raw(emu, 'POST', secrets, secret('a2'), as);
    expect(create.status).toBe(403);
    expect(message(create.json)).toBe(
      `secrets is forbidden: User "${SA}" cannot create resource "secrets" in API group "" in the namespace "${NS}"`,
    );
  });

  it('matches subresources exactly or through */subresource', async () => {
    await admin('POST', widgets, widget('w'));
    await grant([{ apiGroups: [GROUP], resources: [`${PLURAL}/status`], verbs: ['get'] }]);
    expect((await raw(emu, 'GET', `${widgets}/w/status`, undefined, as)).status).toBe(200);
    expect((await raw(emu, 'GET', `${widgets}/w`, undefined, as)).status).toBe(403);
    await grant([{ apiGroups: ['*'], resources: ['*/status'], verbs: ['patch'] }], 'star');
    const patch = await raw(
      emu,
      'PATCH',
      `${widgets}/w/status`,
      { status: {} },
      { ...as, contentType: 'application/merge-patch+json' },
    );
    expect(patch.status).toBe(200);
  });

  it('applies a RoleBinding in its namespace only, and ClusterRoleBindings to groups everywhere', async () => {
    const clusterRole = {
      kind: 'ClusterRole',
      metadata: { name: 'reader' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
    };
    await admin('POST', `/apis/${RBAC}/v1/clusterroles`, clusterRole);
    await admin('POST', `/apis/${RBAC}/v1/namespaces/${NS}/rolebindings`, {
      kind: 'RoleBinding',
      metadata: { name: 'reader' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'helm', namespace: NS }],
    });
    expect((await raw(emu, 'GET', secrets, undefined, as)).status).toBe(200);
    expect((await raw(emu, 'GET', '/api/v1/namespaces/default/secrets', undefined, as)).status).toBe(403);
    await admin('POST', `/apis/${RBAC}/v1/clusterrolebindings`, {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'reader' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'Group', name: `system:serviceaccounts:${NS}` }],
    });
    expect((await raw(emu, 'GET', '/api/v1/namespaces/default/secrets', undefined, as)).status).toBe(200);
  });

  it('names a binding whose role is missing in the reason', async () => {
    await admin('POST', `/apis/${RBAC}/v1/namespaces/${NS}/rolebindings`, {
      kind: 'RoleBinding',
      metadata: { name: 'dangling' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'missing' },
      subjects: [{ kind: 'ServiceAccount', name: 'helm' }],
    });
    const r = await raw(emu, 'GET', secrets, undefined, as);
    expect(message(r.json)).toBe(
      `secrets is forbidden: User "${SA}" cannot list resource "secrets" in API group "" in the namespace "${NS}": RBAC: role.rbac.authorization.k8s.io "missing" not found`,
    );
  });
});

describe('impersonation (helm --kube-as-user)', () => {
  it('acts as the service account, with its groups', async () => {
    await grant([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
    const headers = { 'Impersonate-User': SA };
    const list = await fetch(`${emu.url}${secrets}`, {
      headers: { Authorization: `Bearer ${emu.token}`, ...headers },
    });
    expect(list.status).toBe(200);
    const get = await fetch(`${emu.url}${secrets}/x`, {
      headers: { Authorization: `Bearer ${emu.token}`, ...headers },
    });
    expect(((await get.json()) as { message: string }).message).toContain(
      `User "${SA}" cannot get resource "secrets"`,
    );
  });

  it('needs impersonate on serviceaccounts, and a user when groups are asked for', async () => {
    const denied = await fetch(`${emu.url}${secrets}`, {
      headers: { Authorization: 'Bearer sa-token', 'Impersonate-User': 'system:serviceaccount:store:other' },
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { message: string }).message).toBe(
      `serviceaccounts "other" is forbidden: User "${SA}" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "${NS}"`,
    );
    const groupsOnly = await fetch(`${emu.url}${secrets}`, {
      headers: { Authorization: `Bearer ${emu.token}`, 'Impersonate-Group': 'system:masters' },
    });
    expect(groupsOnly.status).toBe(500);
    expect(await groupsOnly.text()).toContain('without impersonating a user');
  });
});

describe('privilege-escalation prevention', () => {
  const roles = `/apis/${RBAC}/v1/namespaces/${NS}/roles`;
  const bindings = `/apis/${RBAC}/v1/namespaces/${NS}/rolebindings`;
  const writer = {
    apiGroups: [RBAC],
    resources: ['roles', 'rolebindings'],
    verbs: ['create', 'update', 'patch'],
  };
  const role = (name: string, rules: Rule[]) => ({ kind: 'Role', metadata: { name }, rules });

  it('refuses a Role granting what the writer does not hold, naming what is missing', async () => {
    await grant([writer]);
    const r = await raw(
      emu,
      'POST',
      roles,
      role('more', [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          verbs: ['update'],
          resourceNames: ['l'],
        },
      ]),
      as,
    );
    expect(r.status).toBe(403);
    expect(message(r.json)).toBe(
      `roles.rbac.authorization.k8s.io "more" is forbidden: user "${SA}" (groups=${SA_GROUPS}) is attempting to grant RBAC permissions not currently held:\n` +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}\n' +
        '{APIGroups:["coordination.k8s.io"], Resources:["leases"], ResourceNames:["l"], Verbs:["update"]}',
    );
  });

  it('allows a Role whose every permission the writer holds, names included', async () => {
    await grant([
      writer,
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['update'], resourceNames: ['l'] },
    ]);
    const held = [
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['update'], resourceNames: ['l'] },
    ];
    expect((await raw(emu, 'POST', roles, role('same', held), as)).status).toBe(201);
    // a wider rule than the held one (no names) is an escalation
    const wider = [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['update'] }];
    expect((await raw(emu, 'POST', roles, role('wider', wider), as)).status).toBe(403);
  });

  it('allows anything with escalate on roles, and checks updates too', async () => {
    await grant([writer]);
    const rules = [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }];
    expect((await admin('POST', roles, role('r', rules))).status).toBe(201);
    const label = async (): Promise<number> =>
      (
        await raw(
          emu,
          'PATCH',
          `${roles}/r`,
          { metadata: { labels: { a: 'b' } } },
          { ...as, contentType: 'application/merge-patch+json' },
        )
      ).status;
    expect(await label()).toBe(403);
    await grant(
      [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'], resourceNames: ['r'] }],
      'escalate',
    );
    expect(await label()).toBe(200);
  });

  it('binds a role the writer holds, or one it may bind; a missing role is 404', async () => {
    await grant([writer, { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    await admin(
      'POST',
      roles,
      role('held', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
    );
    await admin(
      'POST',
      roles,
      role('secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
    );
    const bind = (name: string, ref: string) => ({
      kind: 'RoleBinding',
      metadata: { name },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: ref },
      subjects: [{ kind: 'User', name: 'someone' }],
    });
    expect((await raw(emu, 'POST', bindings, bind('held', 'held'), as)).status).toBe(201);
    const refused = await raw(emu, 'POST', bindings, bind('secrets', 'secret-reader'), as);
    expect(refused.status).toBe(403);
    expect(message(refused.json)).toMatch(
      /^rolebindings\.rbac\.authorization\.k8s\.io "secrets" is forbidden: user .* is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["secrets"\], Verbs:\["get"\]\}$/,
    );
    await grant(
      [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['bind'], resourceNames: ['secret-reader'] }],
      'bind',
    );
    expect((await raw(emu, 'POST', bindings, bind('secrets', 'secret-reader'), as)).status).toBe(201);
    const missing = await raw(emu, 'POST', bindings, bind('missing', 'missing'), as);
    expect(missing.status).toBe(404);
    expect(message(missing.json)).toBe('roles.rbac.authorization.k8s.io "missing" not found');
  });

  it('lets system:masters write any role without holding it', async () => {
    const all = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
    expect(
      (
        await admin('POST', `/apis/${RBAC}/v1/clusterroles`, {
          kind: 'ClusterRole',
          metadata: { name: 'all' },
          rules: all,
        })
      ).status,
    ).toBe(201);
  });
});
