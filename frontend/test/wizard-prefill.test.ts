// The wizard's prefill: a past job's settings carried in the wizard's query string ("Import again",
// "Retry failed"), and what the wizard makes of it: source and options at once, charts and
// categories once the preview lists the repository's charts.
import { describe, expect, it } from 'vitest';
import type { ImportSpec, PreviewChart } from '../src/api';
import { DEFAULT_OPTIONS } from '../src/components/options';
import { EMPTY_URL_SOURCE, toSourceRequest } from '../src/components/source';
import { credentialsPrefill } from '../src/pages/ImportFromRepo/jobs/rerun';
import {
  hasPrefill,
  prefilledCharts,
  prefillOptions,
  prefillSource,
} from '../src/pages/ImportFromRepo/wizard/fromPrefill';
import { toRows } from '../src/pages/ImportFromRepo/wizard/model';
import {
  PREFILL_KEYS,
  prefillOf,
  prefillQuery,
  readPrefill,
} from '../src/pages/ImportFromRepo/wizard/prefill';
import { jobRecord } from './jobs-fixtures';
import { previewOf } from './support/preview';

/** A past job's settings: newest 3 versions, deprecated included, into a workspace, for review. */
const PAST = { versions: '3', includeDeprecated: true, workspace: 'team-a', publish: 'review' } as const;
const specOf = (source: ImportSpec['source'], patch: Partial<ImportSpec> = {}): ImportSpec =>
  jobRecord({ spec: { ...PAST, source, ...patch } }).spec;

describe('the prefill in the query string', () => {
  it('round-trips, credentials flag and categories included', () => {
    const prefill = {
      ...prefillOf(
        specOf(
          { url: 'https://charts.example.com/stable', insecureSkipTLSVerify: true },
          { categories: { nginx: 'Web & Proxy', redis: 'kubesphere-app-uncategorized' } },
        ),
        ['nginx', 'redis'],
      ),
      needsCredentials: true,
    };
    const query = prefillQuery(prefill);
    expect(query.startsWith('?url=https%3A%2F%2Fcharts.example.com%2Fstable')).toBe(true);
    expect(readPrefill(query)).toEqual(prefill);
  });

  it('round-trips passCredentials, and leaves it out of the query when off', () => {
    const prefill = prefillOf(
      specOf({ url: 'oci://registry-1.docker.io/bitnamicharts', passCredentials: true }),
    );
    expect(prefill.source).toEqual({
      url: 'oci://registry-1.docker.io/bitnamicharts',
      insecureSkipTLSVerify: false,
      plainHttp: false,
      passCredentials: true,
    });
    expect(new URLSearchParams(prefillQuery(prefill)).get('passCredentials')).toBe('1');
    expect(readPrefill(prefillQuery(prefill))).toEqual(prefill);
    const off = prefillOf(specOf({ url: 'oci://registry-1.docker.io/bitnamicharts' }));
    expect(prefillQuery(off)).not.toContain('passCredentials');
    expect(readPrefill(prefillQuery(off))).toEqual(off);
  });

  it('round-trips prune and adopt, through "Retry failed" and "Import again", and leaves them out when off', () => {
    const spec = specOf({ url: 'https://charts.example.com' }, { prune: true, adopt: true });
    const prefill = prefillOf(spec, ['nginx']);
    expect(prefill).toMatchObject({ prune: true, adopt: true });
    const query = prefillQuery(prefill);
    expect(new URLSearchParams(query).get('prune')).toBe('1');
    expect(new URLSearchParams(query).get('adopt')).toBe('1');
    expect(readPrefill(query)).toEqual(prefill);
    expect(prefillOptions(readPrefill(query))).toMatchObject({ prune: true, adopt: true });
    // A job the wizard must finish (stored credentials): the same.
    const record = jobRecord({
      spec: { ...PAST, source: { url: 'https://p.example.com', secretRef: { name: 'gone' } } },
    });
    Object.assign(record.spec, { prune: true, adopt: true });
    expect(credentialsPrefill(record)).toMatchObject({ prune: true, adopt: true, needsCredentials: true });
    // Off: not in the prefill, the address, nor the options.
    const off = prefillOf(specOf({ url: 'https://charts.example.com' }, { prune: false, adopt: false }));
    expect(off).not.toHaveProperty('prune');
    expect(off).not.toHaveProperty('adopt');
    expect(prefillQuery(off)).not.toMatch(/prune|adopt/);
    expect(prefillOptions(readPrefill(prefillQuery(off)))).not.toHaveProperty('prune');
    expect(readPrefill('?prune=0&adopt=yes')).toEqual({ prune: false, adopt: false });
  });

  it('round-trips a configured repository', () => {
    const prefill = prefillOf(specOf({ url: 'https://x.example.com', configuredRepo: { name: 'bitnami' } }));
    expect(prefill.source).toEqual({ repo: { name: 'bitnami' } });
    expect(readPrefill(prefillQuery(prefill))).toEqual(prefill);
  });

  it("asks for credentials again when the job read the repository with a sync's stored ones", () => {
    const prefill = prefillOf(specOf({ url: 'https://private.example.com', secretRef: { name: 'sync-a' } }));
    expect(prefill.needsCredentials).toBe(true);
    expect(prefillOf(specOf({ url: 'https://charts.example.com' })).needsCredentials).toBeUndefined();
  });

  it('never carries userinfo of a URL', () => {
    const prefill = prefillOf(specOf({ url: 'https://user:secret@charts.example.com/' }));
    expect(prefillQuery(prefill)).not.toContain('secret');
  });

  it('uses only the keys the address state names', () => {
    const query = new URLSearchParams(
      prefillQuery({
        ...prefillOf(
          specOf({
            url: 'oci://r.example.com/c/app',
            insecureSkipTLSVerify: true,
            plainHttp: true,
            passCredentials: true,
          }),
          ['app'],
        ),
        categories: { app: 'Tools' },
        needsCredentials: true,
        prune: true,
        adopt: true,
        verify: { policy: 'warn' },
        keysDropped: true,
      }),
    );
    const keys: readonly string[] = PREFILL_KEYS;
    expect([...query.keys()].length).toBeGreaterThan(8);
    for (const key of query.keys()) expect(keys).toContain(key);
  });

  it('drops what is not valid in a typed query string', () => {
    expect(
      readPrefill(
        '?url=javascript:alert(1)&versions=0&publish=everywhere&workspace=Team_A&charts=ok,-bad,ok,x/y&includeDeprecated=yes',
      ),
    ).toEqual({ charts: ['ok'], includeDeprecated: false });
    expect(readPrefill('?url=https://u:p@h.example.com')).toEqual({});
    expect(readPrefill('')).toEqual({});
    const categories = JSON.stringify({
      ok: 'Web',
      '-bad': 'Web',
      blank: ' padded ',
      long: 'x'.repeat(65),
      n: 1,
    });
    expect(readPrefill(`?categories=${encodeURIComponent(categories)}`)).toEqual({
      categories: { ok: 'Web' },
    });
    expect(readPrefill('?categories=%5B%22Web%22%5D')).toEqual({});
    expect(readPrefill('?categories=%7Bnot%20json')).toEqual({});
  });
});

describe('the wizard started from a prefill', () => {
  it('starts from a blank URL source and the default options without one', () => {
    expect(hasPrefill({})).toBe(false);
    expect(prefillSource({})).toEqual(EMPTY_URL_SOURCE);
    expect(prefillOptions({})).toEqual(DEFAULT_OPTIONS);
  });

  it('fills in a URL source with its TLS settings, never credentials', () => {
    const prefill = readPrefill('?url=oci://r.example.com/c/app&plainHttp=1&needsCredentials=1');
    expect(hasPrefill(prefill)).toBe(true);
    expect(prefillSource(prefill)).toEqual({
      ...EMPTY_URL_SOURCE,
      url: 'oci://r.example.com/c/app',
      plainHttp: true,
    });
  });

  it('keeps passCredentials: the request carries it once the credentials are typed again', () => {
    const prefill = readPrefill(
      prefillQuery(
        credentialsPrefill(
          jobRecord({
            spec: {
              source: {
                url: 'oci://registry-1.docker.io/org/app',
                secretRef: { name: 'gone' },
                passCredentials: true,
              },
            },
          }),
        ),
      ),
    );
    const source = prefillSource(prefill);
    expect(source).toEqual({
      ...EMPTY_URL_SOURCE,
      url: 'oci://registry-1.docker.io/org/app',
      passCredentials: true,
    });
    if (source.kind !== 'url') throw new Error('expected a URL source');
    // As the wizard shows it: no credentials yet, so nothing to pass.
    expect(toSourceRequest(source)).toEqual({ url: 'oci://registry-1.docker.io/org/app' });
    expect(toSourceRequest({ ...source, auth: 'basic', username: 'me', password: 'pw' })).toEqual({
      url: 'oci://registry-1.docker.io/org/app',
      username: 'me',
      password: 'pw',
      passCredentials: true,
    });
  });

  it('fills in a configured repository', () => {
    expect(prefillSource({ source: { repo: { name: 'main', workspace: 'team-a' } } })).toEqual({
      kind: 'configured',
      repo: { name: 'main', workspace: 'team-a' },
    });
  });

  it("fills in the job's options: N versions, publish mode, workspace, deprecated charts", () => {
    expect(prefillOptions(prefillOf(specOf({ url: 'https://charts.example.com' })))).toEqual({
      versions: 'count',
      count: 3,
      publish: 'review',
      target: 'workspace',
      workspace: 'team-a',
      includeDeprecated: true,
    });
    expect(prefillOptions({ versions: 'all', publish: 'draft' })).toEqual({
      ...DEFAULT_OPTIONS,
      versions: 'all',
      publish: 'draft',
    });
  });

  const chart = (name: string, deprecated = false): PreviewChart => ({
    name,
    app: `${name}-abcde`,
    categorySource: { kind: 'none' },
    deprecated,
    versions: [{ version: '1.0.0', deprecated, prerelease: false, action: 'create' }],
  });
  const rows = toRows(previewOf([chart('nginx'), chart('redis'), chart('legacy', true), chart('mysql')]));

  it("selects the job's charts the repository still lists, and says which it does not", () => {
    const picked = prefilledCharts(
      { charts: ['redis', 'legacy', 'gone', 'nginx'], categories: { redis: 'Cache', gone: 'Old' } },
      rows,
      false,
    );
    expect([...picked.selected].sort()).toEqual(['nginx', 'redis']);
    expect(picked.overrides).toEqual({ redis: 'Cache' });
    expect(picked.missing).toEqual(['gone']);
    // Deprecated charts only when the job imported them.
    expect([...prefilledCharts({ charts: ['legacy'] }, rows, true).selected]).toEqual(['legacy']);
  });

  it('selects every chart when the job named none (deprecated ones only when imported)', () => {
    expect([...prefilledCharts({}, rows, false).selected].sort()).toEqual(['mysql', 'nginx', 'redis']);
    expect([...prefilledCharts({}, rows, true).selected].sort()).toEqual([
      'legacy',
      'mysql',
      'nginx',
      'redis',
    ]);
    expect(prefilledCharts({}, rows, true).missing).toEqual([]);
  });
});
