import { describe, expect, it } from 'vitest';

import { messageCodeValues } from '../../contract/index.js';
import { OutboundBlockedError } from '../../service/outbound/errors.js';
import {
  CancelledError,
  ChartNotFoundError,
  ChartError,
  InputError,
  RepoError,
  StoreError,
  StoreMissingError,
} from '../errors.js';
import type { HttpFailureKind } from '../http/failure.js';
import type { ChartVersionRef } from '../repo/types.js';
import { findChartVersion } from '../run/details.js';
import { causeParams, describeError } from './describe.js';
import { catalog, failedWith, noted, remedyOf, say, shown, type Message, type MessageCode } from './index.js';

const codes = Object.keys(catalog) as MessageCode[];

/** A value for every parameter any message takes: a text that uses another name shows "undefined". */
const EVERY_PARAM = {
  chart: 'nginx',
  version: '1.2.3',
  signer: 'Test Signer <signer@example.test>',
  fingerprint: '44D6ECC7498BB240E30AB884DA0468DBBFE4E1FB',
  url: 'ftp://x',
  name: 'nginx-abcde-1.2.3',
  type: 'plugin',
  count: 3,
  registry: 'oci://registry.example/charts',
  problem: 'it broke',
  max: 10,
  first: 'HTTP 500',
  rules: 'v4.1.3',
  gib: 2,
  app: 'nginx-abcde',
  apps: 'nginx-abcde, nginx-fghij',
  deadline: '1h',
  fullRunAt: '2025-06-01T11:59:00.000Z',
  versions: 4,
  charts: 2,
  releases: 2,
  sizeBytes: 2_000_000,
  limitBytes: 1_000_000,
  fromBytes: 2_000_000,
  toBytes: 900_000,
  removed: 'charts/big.tgz',
  expected: 'sha256:aaaa',
  actual: 'bbbb',
  held: 'other',
  server: 'v4.1.2',
  holder: '1.0.0-build.1',
  kind: 'timed-out',
  status: 504,
  text: 'an earlier warning',
  removedEntries: 2,
  filesKept: 1,
  packageName: 'nginx',
  packageVersion: '1.2.4',
  indexName: 'nginx',
  indexVersion: '1.2.3',
  attempts: 3,
  firstHex: '0x3c68746d',
  offset: 1536,
  entryName: 'demo/x',
  streamBytes: 3_000_000,
  target: '/etc/passwd',
  tarType: '3',
  root: 'demo',
  second: 'demo/sub/Chart.yaml',
  file: 'demo/Chart.yaml',
  field: 'name',
  path: 'maintainers[0]',
  expectedKind: 'mapping',
  actualKind: 'list',
  value: 'Infinity',
};

describe('the catalog and the contract', () => {
  it('has every code of the OpenAPI MessageCode enum, and no other', () => {
    expect(new Set(messageCodeValues).size).toBe(messageCodeValues.length);
    expect([...codes].sort()).toEqual([...messageCodeValues].sort());
  });

  it.each(codes)('%s has an English text made of its parameters only', (code) => {
    const text = (catalog[code].text as (params: typeof EVERY_PARAM) => string)(EVERY_PARAM);
    expect(text).not.toBe('');
    expect(text).not.toMatch(/undefined|NaN|\[object /);
  });
});

describe('say', () => {
  it('gives the code, the parameters and the English text of the catalog', () => {
    expect(say('index-entry-bad-name', { chart: 'a', version: '1.0.0', name: '../x' })).toEqual({
      code: 'index-entry-bad-name',
      params: { chart: 'a', version: '1.0.0', name: '../x' },
      message: 'Chart "a": skipped version "1.0.0" because its name "../x" is invalid.',
    });
    expect(say('job-interrupted')).toEqual({
      code: 'job-interrupted',
      params: {},
      message: 'interrupted by a restart of the service; start it again: nothing will be duplicated',
    });
  });

  it('says "an entry" for an index entry without a version, and names an empty one', () => {
    expect(say('index-entry-empty', { chart: 'a' }).message).toBe(
      'Chart "a": skipped an entry because empty entry.',
    );
    expect(say('index-entry-no-url', { chart: 'a', version: '' }).message).toBe(
      'Chart "a": skipped version "" because it has no download URL.',
    );
  });

  it.each<[Message, string]>([
    [say('warnings-left-out', { count: 10 }), '10 more warnings were left out.'],
    [
      say('oci-tags-ignored', { count: 1, registry: 'oci://r/c' }),
      '1 tag of oci://r/c is not a chart version and was ignored.',
    ],
    [
      say('oci-tags-ignored', { count: 2, registry: 'oci://r/c' }),
      '2 tags of oci://r/c are not chart versions and were ignored.',
    ],
    [
      say('sizes-over-lookup-limit', { count: 1, max: 500 }),
      'Package sizes: 1 version was not looked up (at most 500 per preview); its size is unknown.',
    ],
    [
      say('sizes-over-lookup-limit', { count: 2, max: 500 }),
      'Package sizes: 2 versions were not looked up (at most 500 per preview); their sizes are unknown.',
    ],
    [
      say('sizes-lookups-failed', { count: 1, first: 'HTTP 500' }),
      'Package sizes: 1 lookup failed, its size is unknown (first: HTTP 500).',
    ],
    [
      say('sizes-out-of-time', { count: 3 }),
      'Package sizes: 3 versions were not looked up in the time a preview has; their sizes are unknown.',
    ],
    [
      say('large-plan', { count: 3000, gib: 3 }),
      '3000 versions to upload: without S3 each is kept in etcd as a ConfigMap of up to 1 MiB (up to 3 GiB). Prefer --versions latest or a number.',
    ],
    [say('slimmed', { fromBytes: 2000, toBytes: 1000, removed: '' }), 'slimmed from 2000 to 1000 bytes'],
    [
      say('slimmed', { fromBytes: 2000, toBytes: 1000, removed: 'a.tgz, b.tgz' }),
      'slimmed from 2000 to 1000 bytes, removed a.tgz, b.tgz',
    ],
    [
      say('run-unchanged', { fullRunAt: '2025-06-01T00:00:00Z', versions: 1, charts: 1 }),
      'the repository has not changed since the full run of 2025-06-01T00:00:00Z and the store still holds what that run recorded: 1 version of 1 chart already in the store (nothing was read per chart)',
    ],
    [say('job-all-failed', { count: 2 }), 'every item failed (2); see the failures'],
    [
      say('package-too-large', { sizeBytes: 1135426, limitBytes: 1048576, removedEntries: 1, filesKept: 1 }),
      'chart package is 1135426 bytes (1.08 MiB) even after slimming, over the limit of 1048576 bytes (1.00 MiB); removed 1 entry; docs and images were kept because its templates read .Files',
    ],
    [
      say('package-too-large', { sizeBytes: 3145728, limitBytes: 1048576, removedEntries: 0, filesKept: 0 }),
      'chart package is 3145728 bytes (3.00 MiB) even after slimming, over the limit of 1048576 bytes (1.00 MiB)',
    ],
    [say('chart-missing'), 'no chart of this name in the repository'],
    [say('upload-in-progress'), 'another import is uploading this version now; run again later'],
    [say('repo-failed', { problem: 'HTTP 404', kind: 'not-found' }), 'HTTP 404'],
    [say('earlier-text', { text: 'as it was kept' }), 'as it was kept'],
  ])('%# says %j', (message, text) => {
    expect(message.message).toBe(text);
  });
});

describe('remedyOf', () => {
  it.each(['timed-out', 'refused', 'server-failed'] satisfies HttpFailureKind[])(
    'retries a failed call of kind %s',
    (kind) => {
      expect(remedyOf(say('repo-failed', { problem: 'x', kind }))).toBe('retry');
      expect(remedyOf(say('store-failed', { problem: 'x', kind, status: 0 }))).toBe('retry');
    },
  );

  it.each(['not-found', 'forbidden', 'unauthorized', 'invalid'])(
    'wants a change for a call of kind %s',
    (kind) => {
      expect(remedyOf(say('repo-failed', { problem: 'x', kind }))).toBe('change');
      expect(remedyOf(say('store-failed', { problem: 'x', kind, status: 404 }))).toBe('change');
    },
  );

  it.each<[Message, 'retry' | 'change']>([
    [say('upload-in-progress'), 'retry'],
    [say('version-unfinished', { version: '1.0.0' }), 'retry'],
    [say('internal-error', { problem: 'x' }), 'retry'],
    [say('chart-missing'), 'change'],
    [say('package-invalid', { problem: 'x' }), 'change'],
    [say('package-too-large', { sizeBytes: 2, limitBytes: 1, removedEntries: 0, filesKept: 0 }), 'change'],
    [
      say('package-identity-mismatch', {
        packageName: 'a',
        packageVersion: '1.0.0',
        indexName: 'a',
        indexVersion: '1.0.1',
      }),
      'change',
    ],
    [say('repo-fetch-failed', { problem: 'x', url: 'http://r/i', kind: 'timed-out', attempts: 3 }), 'retry'],
    [
      say('repo-fetch-failed', {
        problem: 'x',
        url: 'http://r/i',
        kind: 'not-found',
        attempts: 1,
        status: 404,
      }),
      'change',
    ],
    [
      say('address-blocked', { problem: 'x', host: 'h', category: 'private', address: '', range: '' }),
      'change',
    ],
    [say('chart-held-by-other', { chart: 'a', app: 'a-x', held: 'b' }), 'change'],
    [say('version-unstorable', { server: 'v4.1.2', version: 'V1', name: 'a--1' }), 'change'],
  ])('%# %j: %s', (message, remedy) => {
    expect(remedyOf(message)).toBe(remedy);
  });

  it('goes with the message of a failed item, whose reason is its text', () => {
    const message = say('chart-missing');
    expect(failedWith(message)).toEqual({ reason: message.message, reasons: [message], remedy: 'change' });
  });
});

describe('noted', () => {
  it('joins the texts with "; " and keeps the messages', () => {
    const notes = [say('draft-completed'), say('written-despite-error', { problem: 'HTTP 500' })];
    expect(noted(notes)).toEqual({
      reason:
        'completed a draft left by an earlier run; KubeSphere answered an error after writing (HTTP 500); the store has it',
      reasons: notes,
    });
  });

  it('gives an empty reason and no messages when there are none', () => {
    expect(noted([])).toEqual({ reason: '' });
  });
});

describe('shown', () => {
  it('replaces control characters and cuts long text', () => {
    expect(shown('a\u0007b')).toBe('a?b');
    expect(shown('x'.repeat(100))).toBe(`${'x'.repeat(80)}...`);
    expect(shown('abc', 2)).toBe('ab...');
  });
});

describe('causeParams', () => {
  it("carries a coded error's code and parameters under cause., and nothing of an uncoded one", () => {
    const coded = new RepoError(say('registry-token-missing', { problem: 'no token', registry: 'r.io' }));
    expect(causeParams(coded)).toEqual({
      causeCode: 'registry-token-missing',
      'cause.problem': 'no token',
      'cause.registry': 'r.io',
    });
    expect(causeParams(new RepoError('plain English'))).toEqual({});
    expect(causeParams(new Error('not ours'))).toEqual({});
  });
});

describe('describeError', () => {
  it('gives the message an error was made from', () => {
    const message = say('version-unfinished', { version: '1.0.0' });
    expect(describeError(new StoreError(message, 409))).toBe(message);
    expect(describeError(new RepoError(say('chart-missing')))).toEqual(say('chart-missing'));
  });

  it.each<[string, unknown, Message]>([
    [
      'CancelledError',
      new CancelledError('the import was cancelled'),
      say('cancelled', { problem: 'the import was cancelled' }),
    ],
    [
      'StoreMissingError',
      new StoreMissingError('no App Store', 404),
      say('store-missing', { problem: 'no App Store' }),
    ],
    [
      'StoreError with a status',
      new StoreError('HTTP 503', 503),
      say('store-failed', { problem: 'HTTP 503', kind: 'server-failed', status: 503 }),
    ],
    [
      'StoreError without an answer',
      new StoreError('connection reset', 0),
      say('store-failed', { problem: 'connection reset', kind: 'unreachable', status: 0 }),
    ],
    [
      'StoreError with its failure',
      new StoreError('too slow', 0, { failure: { kind: 'timed-out', attempts: 3 } }),
      say('store-failed', { problem: 'too slow', kind: 'timed-out', status: 0 }),
    ],
    [
      'OutboundBlockedError',
      new OutboundBlockedError('10.0.0.1 is a private address', {
        host: 'repo.internal',
        address: '10.0.0.1',
        range: '10.0.0.0/8',
        category: 'private',
      }),
      say('address-blocked', {
        problem: '10.0.0.1 is a private address',
        host: 'repo.internal',
        category: 'private',
        address: '10.0.0.1',
        range: '10.0.0.0/8',
      }),
    ],
    [
      'RepoError with its failure',
      new RepoError('HTTP 404', { failure: { kind: 'not-found', status: 404, attempts: 1 } }),
      say('repo-failed', { problem: 'HTTP 404', kind: 'not-found' }),
    ],
    [
      'RepoError of what the repository sent',
      new RepoError('not a Helm repository index'),
      say('repo-failed', { problem: 'not a Helm repository index', kind: 'invalid' }),
    ],
    ['ChartError', new ChartError('not a gzip tar'), say('package-invalid', { problem: 'not a gzip tar' })],
    [
      'ChartError with its problem as a message',
      new ChartError(say('package-entry-absolute', { entryName: '/etc/passwd' })),
      say('package-entry-absolute', { entryName: '/etc/passwd' }),
    ],
    ['InputError', new InputError('bad flag'), say('input-invalid', { problem: 'bad flag' })],
    [
      'any other Error',
      new TypeError('x is undefined'),
      say('internal-error', { problem: 'x is undefined' }),
    ],
    ['a thrown value', 'just text', say('internal-error', { problem: 'just text' })],
  ])('%s', (_name, error, expected) => {
    expect(describeError(error)).toEqual(expected);
    // The English text is always the error's own.
    if (error instanceof Error) expect(describeError(error).message).toBe(error.message);
  });

  it('wants a change for every problem of a package', () => {
    const problems = codes.filter((code) => code.startsWith('package-') || code.startsWith('chart-yaml-'));
    expect(problems.length).toBeGreaterThan(40);
    for (const code of problems.filter((code) => code !== 'package-over-limit'))
      expect([code, remedyOf({ code, params: {}, message: '' })]).toEqual([code, 'change']);
  });

  it('wants a change for a blocked address and a missing repository, and retries a timed-out one', () => {
    const blocked = new OutboundBlockedError('blocked', { host: 'localhost', category: 'internalName' });
    expect(remedyOf(describeError(blocked))).toBe('change');
    const missing = new RepoError('HTTP 404', { failure: { kind: 'not-found', status: 404, attempts: 1 } });
    expect(remedyOf(describeError(missing))).toBe('change');
    const slow = new RepoError('timed out', { failure: { kind: 'timed-out', attempts: 3 } });
    expect(remedyOf(describeError(slow))).toBe('retry');
  });

  it('says a chart version the repository does not list needs another version, not a retry', () => {
    const index = new Map([['web', [{ name: 'web', version: '1.0.0' } as ChartVersionRef]]]);
    let thrown: unknown;
    try {
      findChartVersion(index, 'web', '9.9.9');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ChartNotFoundError);
    const message = describeError(thrown);
    expect(message).toMatchObject({
      code: 'chart-version-not-found',
      params: { chart: 'web', version: '9.9.9' },
    });
    expect(message.message).toContain('it lists 1.0.0');
    expect(remedyOf(message)).toBe('change');
  });
});
