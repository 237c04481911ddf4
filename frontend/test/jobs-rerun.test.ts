import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../src/api';
import { storeAppPath } from '../src/pages/ImportFromRepo/jobs/links';
import { credentialsPrefill, probeRequest, rerunRoute } from '../src/pages/ImportFromRepo/jobs/rerun';
import { jobRecord } from './jobs-fixtures';

function job(source: JobRecord['spec']['source'], record: Partial<JobRecord> = {}): JobRecord {
  return jobRecord({
    spec: {
      source,
      versions: '3',
      includeDeprecated: true,
      workspace: 'team-a',
      publish: 'review',
      concurrency: 6,
    },
    status: { phase: 'PartiallyFailed' },
    record,
  });
}

describe('retry failed', () => {
  it('starts a job for a configured repository, which KubeSphere gives credentials for again', () => {
    const route = rerunRoute(
      job({ url: 'https://charts.example.com', configuredRepo: { name: 'main', workspace: 'team-a' } }),
      ['nginx'],
    );
    expect(route).toEqual({
      kind: 'job',
      probe: false,
      request: {
        source: { repo: { name: 'main', workspace: 'team-a' } },
        versions: '3',
        charts: ['nginx'],
        includeDeprecated: true,
        workspace: 'team-a',
        publish: 'review',
        dryRun: false,
        concurrency: 6,
      },
    });
  });

  it('reads a URL source first, with its TLS settings, since the user may have typed credentials', () => {
    const route = rerunRoute(job({ url: 'oci://registry.example.com/charts/app', plainHttp: true }), ['app']);
    expect(route).toMatchObject({
      kind: 'job',
      probe: true,
      request: { source: { url: 'oci://registry.example.com/charts/app', plainHttp: true }, charts: ['app'] },
    });
    if (route.kind !== 'job') throw new Error('expected a job');
    // The probe is a preview: only the fields previews take (the service rejects any other).
    expect(probeRequest(route.request)).toEqual({
      source: { url: 'oci://registry.example.com/charts/app', plainHttp: true },
      versions: '3',
      charts: ['app'],
      includeDeprecated: true,
      workspace: 'team-a',
      sizes: 'none',
    });
  });

  it("runs the sync again for a sync's job: only the sync can use its stored credentials", () => {
    const record = job(
      { url: 'https://private.example.com', secretRef: { name: 'storeimporter-sync-nightly' } },
      { syncName: 'nightly', runAs: 'service' },
    );
    expect(rerunRoute(record, ['a'])).toEqual({ kind: 'sync', sync: 'nightly' });
  });

  it('sends the user to the wizard when stored credentials cannot be used', () => {
    const route = rerunRoute(job({ url: 'https://private.example.com', secretRef: { name: 'gone' } }), [
      'a',
      'b',
    ]);
    expect(route).toEqual({
      kind: 'wizard',
      prefill: {
        source: {
          url: 'https://private.example.com',
          insecureSkipTLSVerify: false,
          plainHttp: false,
          passCredentials: false,
        },
        versions: '3',
        publish: 'review',
        workspace: 'team-a',
        includeDeprecated: true,
        charts: ['a', 'b'],
        needsCredentials: true,
      },
    });
  });

  it('sends the user to the wizard for a job read with a client certificate, which it kept none of', () => {
    const route = rerunRoute(job({ url: 'https://mutual.example.com', hasClientCertificate: true }));
    expect(route).toMatchObject({
      kind: 'wizard',
      prefill: { source: { url: 'https://mutual.example.com' }, needsCredentials: true },
    });
  });

  it('keeps passCredentials in the job, the probe and the wizard it falls back to', () => {
    const record = job({ url: 'oci://registry-1.docker.io/org/app', passCredentials: true });
    const route = rerunRoute(record, ['app']);
    if (route.kind !== 'job') throw new Error('expected a job');
    expect(route.request.source).toEqual({
      url: 'oci://registry-1.docker.io/org/app',
      passCredentials: true,
    });
    expect(probeRequest(route.request).source).toEqual(route.request.source);
    expect(credentialsPrefill(record).source).toMatchObject({ passCredentials: true });
    const plain = rerunRoute(job({ url: 'oci://registry-1.docker.io/org/app' }));
    expect(plain.kind === 'job' && plain.request.source).not.toHaveProperty('passCredentials');
  });

  it('keeps the category mapping, in the job and in the probe', () => {
    const record = job({ url: 'https://charts.example.com' });
    record.spec.categories = { nginx: 'Web' };
    const route = rerunRoute(record, ['nginx']);
    if (route.kind !== 'job') throw new Error('expected a job');
    expect(route.request.categories).toEqual({ nginx: 'Web' });
    expect(probeRequest(route.request).categories).toEqual({ nginx: 'Web' });
  });

  it('keeps adopt, prune, the category rules and the signature policy, for every route that starts a job', () => {
    const rules = [{ category: 'Databases', names: ['*-db'] }];
    const verify = { policy: 'require' as const, keyring: 'KEYS' };
    const patch = { adopt: true, prune: true, categoryRules: rules, verify };
    const configured = job({ url: 'https://charts.example.com', configuredRepo: { name: 'main' } });
    const url = job({ url: 'https://charts.example.com' });
    for (const record of [configured, url]) {
      Object.assign(record.spec, patch);
      const route = rerunRoute(record, ['nginx']);
      if (route.kind !== 'job') throw new Error('expected a job');
      // A retry without adopt would create a second app beside the one adopted.
      expect(route.request).toMatchObject(patch);
    }
    // Off, or absent: nothing is sent, as before.
    const plain = rerunRoute(job({ url: 'https://charts.example.com' }), ['nginx']);
    if (plain.kind !== 'job') throw new Error('expected a job');
    for (const key of ['adopt', 'prune', 'categoryRules', 'verify'])
      expect(plain.request).not.toHaveProperty(key);
    const off = job({ url: 'https://charts.example.com' });
    Object.assign(off.spec, { adopt: false, prune: false, categoryRules: [] });
    const offRoute = rerunRoute(off);
    expect(offRoute.kind === 'job' && Object.keys(offRoute.request)).not.toContain('adopt');
    expect(offRoute.kind === 'job' && Object.keys(offRoute.request)).not.toContain('prune');
    expect(offRoute.kind === 'job' && Object.keys(offRoute.request)).not.toContain('categoryRules');
  });

  it('keeps the original chart list when no failed charts are known', () => {
    const record = job({ url: 'https://charts.example.com' });
    record.spec.charts = ['x', 'y'];
    const route = rerunRoute(record);
    expect(route.kind === 'job' && route.request.charts).toEqual(['x', 'y']);
  });
});

describe('store app links', () => {
  it("opens a released app on the App Store's page, anything else in App Store Management", () => {
    expect(storeAppPath('nginx-k3x9q', { released: true })).toBe('/apps/nginx-k3x9q');
    expect(storeAppPath('nginx-k3x9q', { released: false })).toBe(
      '/apps-manage/store/nginx-k3x9q?appType=helm',
    );
    expect(storeAppPath('nginx-k3x9q', { workspace: 'team-a', released: true })).toBe(
      '/workspaces/team-a/app-templates/nginx-k3x9q?appType=helm',
    );
  });
});
