// How requests resolve (requestinfo.go NewRequestInfo) and how RBAC rules match them (rbac.go).
import { describe, expect, it } from 'vitest';

import { ruleAllows, type PolicyRule } from '../src/rbac.js';
import { newRequestInfo, RequestInfoError } from '../src/requestinfo.js';

const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';

function resolve(method: string, pathAndQuery: string) {
  const url = new URL(pathAndQuery, 'http://ks');
  const info = newRequestInfo(method, url.pathname, url.searchParams);
  return {
    verb: info.verb,
    resource: info.resource,
    name: info.name,
    subresource: info.subresource,
    group: info.apiGroup,
    resourceRequest: info.isResourceRequest,
    kubernetes: info.isKubernetesRequest,
  };
}

describe('request resolution', () => {
  it('a GET without a name is list (or watch), with one get; methods map to verbs', () => {
    const cases: [string, string, string, string, string][] = [
      ['GET', `${API}/jobs`, 'list', 'jobs', ''],
      ['GET', `${API}/jobs?watch=true`, 'watch', 'jobs', ''],
      ['GET', `${API}/jobs?watch=`, 'watch', 'jobs', ''],
      ['GET', `${API}/jobs?watch=0`, 'list', 'jobs', ''],
      ['GET', `${API}/jobs?watch=FALSE`, 'list', 'jobs', ''],
      ['GET', `${API}/jobs?fieldSelector=metadata.name%3Dimp-1`, 'list', 'jobs', 'imp-1'],
      ['HEAD', `${API}/jobs/imp-1`, 'get', 'jobs', 'imp-1'],
      ['GET', `${API}/jobs/imp-1`, 'get', 'jobs', 'imp-1'],
      ['POST', `${API}/previews`, 'create', 'previews', ''],
      ['PUT', `${API}/syncs/nightly`, 'update', 'syncs', 'nightly'],
      ['PATCH', `${API}/syncs/nightly`, 'patch', 'syncs', 'nightly'],
      ['DELETE', `${API}/syncs/nightly`, 'delete', 'syncs', 'nightly'],
      ['DELETE', `${API}/syncs`, 'deletecollection', 'syncs', ''],
      ['OPTIONS', `${API}/syncs`, '', 'syncs', ''],
    ];
    for (const [method, path, verb, resource, name] of cases)
      expect(resolve(method, path), `${method} ${path}`).toMatchObject({ verb, resource, name });
  });

  it('the third segment is a subresource; workspaces, namespaces and clusters prefixes are skipped', () => {
    expect(resolve('GET', `${API}/jobs/imp-1/events`)).toMatchObject({
      verb: 'get',
      resource: 'jobs',
      name: 'imp-1',
      subresource: 'events',
    });
    expect(resolve('POST', `${API}/syncs/nightly/run/extra`)).toMatchObject({
      verb: 'create',
      resource: 'syncs',
      subresource: 'run',
    });
    expect(resolve('GET', `${API}/workspaces/ws/jobs/j`)).toMatchObject({ resource: 'jobs', name: 'j' });
    expect(resolve('GET', '/api/v1/namespaces/ns/status')).toMatchObject({
      resource: 'namespaces',
      name: 'ns',
      subresource: 'status',
    });
    expect(resolve('GET', '/api/v1/namespaces/ns/pods')).toMatchObject({ resource: 'pods', verb: 'list' });
    expect(resolve('GET', `/clusters/host${API}/jobs/j`)).toMatchObject({ resource: 'jobs', name: 'j' });
    expect(resolve('GET', '/kapis/clusters/host/storeimporter.kubesphere.io/v1alpha1/jobs')).toMatchObject({
      group: 'storeimporter.kubesphere.io',
      resource: 'jobs',
      verb: 'list',
    });
    expect(resolve('GET', `${API}/watch/jobs`)).toMatchObject({ verb: 'watch', resource: 'jobs' });
    expect(resolve('GET', '/api/v1/proxy/namespaces/ns/services/s/x')).toMatchObject({
      verb: 'proxy',
      resource: 'services',
      name: 's',
      subresource: '',
    });
  });

  it('tells resource, non-resource and Kubernetes requests apart', () => {
    expect(resolve('GET', API)).toMatchObject({ resourceRequest: false, kubernetes: false });
    expect(resolve('GET', '/healthz')).toMatchObject({ resourceRequest: false, kubernetes: false });
    expect(resolve('GET', '/apis/apps/v1/deployments')).toMatchObject({
      resourceRequest: true,
      kubernetes: true,
      group: 'apps',
    });
    expect(resolve('GET', '/apis/apps')).toMatchObject({ resourceRequest: false, kubernetes: true });
    expect(resolve('GET', `${API}/jobs`)).toMatchObject({ resourceRequest: true, kubernetes: false });
    expect(() => resolve('GET', `${API}/watch`)).toThrow(RequestInfoError);
  });
});

describe('RBAC rule matching', () => {
  const allows = (rule: PolicyRule, method: string, path: string): boolean => {
    const url = new URL(path, 'http://ks');
    return ruleAllows(newRequestInfo(method, url.pathname, url.searchParams), rule);
  };
  const group = 'storeimporter.kubesphere.io';

  it('matches verb, group, resource with its subresource, and names', () => {
    const view: PolicyRule = {
      apiGroups: [group],
      resources: ['jobs', 'jobs/events'],
      verbs: ['get', 'list'],
    };
    expect(allows(view, 'GET', `${API}/jobs`)).toBe(true);
    expect(allows(view, 'GET', `${API}/jobs/j/events`)).toBe(true);
    expect(allows(view, 'POST', `${API}/jobs/j/cancel`)).toBe(false);
    expect(allows(view, 'POST', `${API}/jobs`)).toBe(false);
    expect(allows(view, 'GET', '/kapis/other.io/v1alpha1/jobs')).toBe(false);
    const anySub: PolicyRule = { apiGroups: ['*'], resources: ['*/cancel'], verbs: ['*'] };
    expect(allows(anySub, 'POST', `${API}/jobs/j/cancel`)).toBe(true);
    expect(allows(anySub, 'POST', `${API}/jobs/j`)).toBe(false);
    const named: PolicyRule = {
      apiGroups: [group],
      resources: ['syncs'],
      resourceNames: ['a'],
      verbs: ['get'],
    };
    expect(allows(named, 'GET', `${API}/syncs/a`)).toBe(true);
    expect(allows(named, 'GET', `${API}/syncs/b`)).toBe(false);
    expect(allows(named, 'GET', `${API}/syncs`)).toBe(false);
  });

  it('matches non-resource URLs exactly or by a trailing *', () => {
    const rule: PolicyRule = { nonResourceURLs: ['/static/images/*', '/version'], verbs: ['get'] };
    expect(allows(rule, 'GET', '/static/images/a.png')).toBe(false); // the verb of a non-resource GET is "GET"
    expect(allows({ ...rule, verbs: ['GET'] }, 'GET', '/static/images/a.png')).toBe(true);
    expect(allows({ ...rule, verbs: ['GET'] }, 'GET', '/version')).toBe(true);
    expect(allows({ ...rule, verbs: ['GET'] }, 'GET', '/versions')).toBe(false);
  });
});
