// The wizard's work in its address: what it writes (never a secret, bounded), what it reads back
// (a round trip to the same choices; what is not valid left out), and how the selection comes back
// once the preview lists the charts again.
import { describe, expect, it } from 'vitest';
import type { PreviewChart } from '../src/api';
import { DEFAULT_OPTIONS, type ImportOptions } from '../src/components/options';
import { EMPTY_URL_SOURCE, type SourceValue } from '../src/components/source';
import {
  prefilledCharts,
  prefillOfWork,
  prefillOptions,
  prefillSource,
  restoreSecrets,
  secretsOf,
  type WizardWork,
} from '../src/pages/ImportFromRepo/wizard/fromPrefill';
import { toRows } from '../src/pages/ImportFromRepo/wizard/model';
import { MAX_QUERY_LENGTH, prefillQuery, readPrefill } from '../src/pages/ImportFromRepo/wizard/prefill';
import { previewOf } from './support/preview';

const chart = (name: string, deprecated = false, category?: string): PreviewChart => ({
  name,
  app: `${name}-abcde`,
  categorySource: { kind: 'none' },
  deprecated,
  ...(category === undefined ? {} : { category }),
  versions: [{ version: '1.0.0', action: 'create', deprecated, prerelease: false }],
});

const rows = toRows(
  previewOf([
    chart('nginx', false, 'Web'),
    chart('redis'),
    chart('kafka'),
    chart('old', true),
    chart('etcd'),
  ]),
);

const SECRET = 'S3cr3t-pa55';
const TOKEN = 'tok-9f8e7d';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBcaonly\n-----END CERTIFICATE-----';

const basicSource: SourceValue = {
  ...EMPTY_URL_SOURCE,
  url: 'https://charts.example.com/stable',
  auth: 'basic',
  username: 'deployer',
  password: SECRET,
  caPem: CA,
  // A client certificate and its key: kept in memory like the password, never in the address.
  certPem: CA,
  keyPem: '-----BEGIN PRIVATE KEY-----\nMIIEbasickey\n-----END PRIVATE KEY-----',
  insecureSkipTLSVerify: true,
};

const options: ImportOptions = {
  ...DEFAULT_OPTIONS,
  versions: 'count',
  count: 5,
  publish: 'draft',
  target: 'workspace',
  workspace: 'team-a',
};

const work = (patch: Partial<WizardWork> = {}): WizardWork => ({
  step: 'options',
  source: basicSource,
  options,
  charts: { rows, selected: new Set(['nginx', 'kafka']) },
  overrides: { nginx: 'Proxies', redis: 'Cache' },
  ...patch,
});

/** The wizard's choices after writing `w` into an address and opening the wizard on it again. */
function reopen(w: WizardWork) {
  const prefill = readPrefill(prefillQuery(prefillOfWork(w)));
  const source = prefillSource(prefill);
  const opts = prefillOptions(prefill);
  return { prefill, source, options: opts, charts: prefilledCharts(prefill, rows, opts.includeDeprecated) };
}

describe('the wizard in its address', () => {
  it('round-trips the step, the source, the options, the selection and the changed categories', () => {
    const back = reopen(work());
    expect(back.prefill.step).toBe('options');
    expect(back.options).toEqual(options);
    expect([...back.charts.selected].sort()).toEqual(['kafka', 'nginx']);
    // redis is not selected: its category is not carried.
    expect(back.charts.overrides).toEqual({ nginx: 'Proxies' });
    expect(back.source).toEqual({
      ...EMPTY_URL_SOURCE,
      url: 'https://charts.example.com/stable',
      auth: 'basic',
      insecureSkipTLSVerify: true,
    });
    expect(back.prefill.needsCredentials).toBe(true);
  });

  it('never writes a password, token, username, CA or userinfo', () => {
    const tokenSource: SourceValue = {
      ...EMPTY_URL_SOURCE,
      url: 'oci://r.example.com/c',
      auth: 'token',
      token: TOKEN,
    };
    const withUserinfo: SourceValue = {
      ...EMPTY_URL_SOURCE,
      url: `https://bob:${SECRET}@charts.example.com/`,
    };
    for (const source of [basicSource, tokenSource, withUserinfo]) {
      const query = decodeURIComponent(prefillQuery(prefillOfWork(work({ source }))));
      for (const secret of [SECRET, TOKEN, 'deployer', 'bob', 'MIIB', 'MIIEbasickey', 'BEGIN'])
        expect(query, secret).not.toContain(secret);
    }
    const token = reopen(work({ source: tokenSource }));
    expect(token.source).toMatchObject({ auth: 'token', token: '' });
  });

  it('asks for credentials again for a CA alone, and not for a source without any', () => {
    const caOnly = { ...EMPTY_URL_SOURCE, url: 'https://c.example.com', caPem: CA };
    expect(reopen(work({ source: caOnly })).prefill.needsCredentials).toBe(true);
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEkeyonly\n-----END PRIVATE KEY-----';
    const mutual = { ...EMPTY_URL_SOURCE, url: 'https://c.example.com', certPem: CA, keyPem: key };
    const query = decodeURIComponent(prefillQuery(prefillOfWork(work({ source: mutual }))));
    expect(query).not.toContain('MIIEkeyonly');
    expect(query).not.toContain('BEGIN');
    expect(reopen(work({ source: mutual })).prefill.needsCredentials).toBe(true);
    expect(reopen(work({ source: mutual })).source).toMatchObject({ certPem: '', keyPem: '' });
    const open = { ...EMPTY_URL_SOURCE, url: 'https://c.example.com' };
    expect(reopen(work({ source: open })).prefill).not.toHaveProperty('needsCredentials');
  });

  it('keeps an empty selection empty, and every chart as no list at all', () => {
    expect(reopen(work({ charts: { rows, selected: new Set() } })).charts.selected.size).toBe(0);
    const all = new Set(['nginx', 'redis', 'kafka', 'etcd']);
    expect(prefillOfWork(work({ charts: { rows, selected: all } }))).not.toHaveProperty('charts');
    expect([...reopen(work({ charts: { rows, selected: all } })).charts.selected].sort()).toEqual([
      'etcd',
      'kafka',
      'nginx',
      'redis',
    ]);
  });

  it('writes "all but" when that is shorter, and reads it back to the same charts', () => {
    const most = new Set(['nginx', 'redis', 'etcd']);
    const prefill = prefillOfWork(work({ charts: { rows, selected: most } }));
    expect(prefill).toMatchObject({ except: ['kafka'] });
    expect(prefill).not.toHaveProperty('charts');
    expect([...reopen(work({ charts: { rows, selected: most } })).charts.selected].sort()).toEqual([
      'etcd',
      'nginx',
      'redis',
    ]);
  });

  it('keeps the deprecated charts the options include, and a configured repository', () => {
    const withOld = work({
      source: { kind: 'configured', repo: { name: 'main', workspace: 'team-a' } },
      options: { ...options, includeDeprecated: true },
      charts: { rows, selected: new Set(['old', 'nginx']) },
    });
    const back = reopen(withOld);
    expect(back.source).toEqual({ kind: 'configured', repo: { name: 'main', workspace: 'team-a' } });
    expect(back.options.includeDeprecated).toBe(true);
    expect([...back.charts.selected].sort()).toEqual(['nginx', 'old']);
  });

  it('writes a selection still to apply as it was read (before the first preview)', () => {
    const pending = readPrefill('?step=review&url=https://x.example.com&charts=a,b&categories={"a":"Web"}');
    const again = prefillOfWork(
      work({ step: 'review', charts: { pending }, source: prefillSource(pending) }),
    );
    expect(again).toMatchObject({ step: 'review', charts: ['a', 'b'], categories: { a: 'Web' } });
  });

  it('stays under its bound with many charts: the selection is left out, and said so', () => {
    const many = toRows(previewOf(Array.from({ length: 900 }, (_, i) => chart(`chart-number-${i}`))));
    const half = new Set(many.filter((_, i) => i % 2 === 0).map((row) => row.name));
    const prefill = prefillOfWork(work({ charts: { rows: many, selected: half } }));
    expect(prefill.charts).toHaveLength(450);
    const query = prefillQuery(prefill);
    expect(query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH + 1);
    const back = readPrefill(query);
    expect(back).toMatchObject({ trimmed: true, step: 'options', versions: '5', workspace: 'team-a' });
    expect(back).not.toHaveProperty('charts');
    // A selection that fits is kept whole.
    const few = new Set([...half].slice(0, 50));
    expect(
      readPrefill(prefillQuery(prefillOfWork(work({ charts: { rows: many, selected: few } })))),
    ).toMatchObject({ charts: [...few] });
  });

  it('keeps the signature policy and keys, prune and adopt through a reload', () => {
    const verify = { policy: 'require' as const, keyring: '  -----BEGIN PGP PUBLIC KEY BLOCK-----\nK\n ' };
    const withAll: ImportOptions = { ...options, prune: true, adopt: true, verify };
    const back = reopen(work({ options: withAll }));
    // The keys as a request sends them: trimmed.
    expect(back.options).toEqual({
      ...withAll,
      verify: { policy: 'require', keyring: verify.keyring.trim() },
    });
    expect(back.prefill).not.toHaveProperty('keysDropped');
    // Off: nothing written, nothing turned on by a reload.
    const off = prefillOfWork(
      work({ options: { ...options, prune: false, verify: { policy: 'off', keyring: 'K' } } }),
    );
    expect(off).not.toHaveProperty('verify');
    expect(off).not.toHaveProperty('prune');
    expect(reopen(work()).options).toEqual(options);
  });

  it('leaves out keys too long for the address first, keeps the selection, and asks for the keys again', () => {
    const keyring = `-----BEGIN PGP PUBLIC KEY BLOCK-----\n${'k'.repeat(64 * 1024 - 100)}`;
    const withKeys: ImportOptions = { ...options, verify: { policy: 'warn', keyring } };
    const query = prefillQuery(prefillOfWork(work({ options: withKeys })));
    expect(query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH + 1);
    const prefill = readPrefill(query);
    expect(prefill).toMatchObject({ keysDropped: true, verify: { policy: 'warn' } });
    expect(prefill).not.toHaveProperty('trimmed');
    expect([...prefilledCharts(prefill, rows, false).selected].sort()).toEqual(['kafka', 'nginx']);
    // Written again before the keys are given: still said; once given, they go into the address.
    const again = work({ options: prefillOptions(prefill), keysDropped: true });
    expect(readPrefill(prefillQuery(prefillOfWork(again)))).toMatchObject({ keysDropped: true });
    const given = {
      ...again,
      options: { ...again.options, verify: { policy: 'warn' as const, keyring: 'K' } },
    };
    expect(readPrefill(prefillQuery(prefillOfWork(given)))).toMatchObject({ verify: { keyring: 'K' } });
    expect(prefillOfWork(given)).not.toHaveProperty('keysDropped');
  });

  it('ignores what is not valid: an unknown step, a bad auth kind, bad names', () => {
    expect(readPrefill('?step=finish&url=https://x.example.com&auth=cookie&except=-x,ok')).toEqual({
      source: {
        url: 'https://x.example.com',
        insecureSkipTLSVerify: false,
        plainHttp: false,
        passCredentials: false,
      },
      except: ['ok'],
    });
    expect(readPrefill('?step=charts&charts=&trimmed=1&categories=%7B%22a%22%3A%22Web%22%7D')).toEqual({
      step: 'charts',
      trimmed: true,
    });
    expect(readPrefill('?repo=main&auth=basic')).toEqual({ source: { repo: { name: 'main' } } });
  });
});

describe('the credentials kept in memory', () => {
  it('come back only for the URL they were typed for', () => {
    const secrets = secretsOf(basicSource);
    if (secrets === undefined) throw new Error('a URL source has secrets');
    const kept = { url: 'https://charts.example.com/stable', secrets };
    const reopened = prefillSource(readPrefill(prefillQuery(prefillOfWork(work()))));
    expect(restoreSecrets(reopened, kept)).toEqual(basicSource);
    expect(
      restoreSecrets({ ...reopened, url: 'https://other.example.com' } as SourceValue, kept),
    ).toBeUndefined();
    expect(restoreSecrets(reopened, undefined)).toBeUndefined();
    expect(secretsOf({ kind: 'configured' })).toBeUndefined();
  });
});
