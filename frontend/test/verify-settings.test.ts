// The signature policy in the page's forms: what a request carries (nothing when off), what stops
// the form (a policy without keys), a sync edited keeps its keys, "Import again" and "Retry failed"
// keep the job's policy and keys (only the policy when the address is too long), the review says it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportSpec, JobRecord, SyncRecord } from '../src/api';
import { DEFAULT_OPTIONS, optionsProblem, toSelection } from '../src/components/options';
import { verifyProblem, verifyRequest } from '../src/components/verify';
import { rerunRequest } from '../src/pages/ImportFromRepo/jobs/rerun';
import { syncFormOf, updateRequestOf } from '../src/pages/ImportFromRepo/syncs/form';
import { prefillOptions } from '../src/pages/ImportFromRepo/wizard/fromPrefill';
import {
  MAX_QUERY_LENGTH,
  prefillOf,
  prefillQuery,
  readPrefill,
} from '../src/pages/ImportFromRepo/wizard/prefill';
import { reviewRequest } from '../src/pages/ImportFromRepo/wizard/request';

beforeAll(() => {
  vi.stubGlobal('t', (key: string) => key);
});

const KEYRING = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGc...\n-----END PGP PUBLIC KEY BLOCK-----';
const spec: ImportSpec = {
  source: { url: 'https://charts.example.com' },
  versions: 'latest',
  includeDeprecated: false,
  publish: 'active',
  dryRun: false,
  concurrency: 4,
  verify: { policy: 'require', keyring: KEYRING },
};

describe('verify settings', () => {
  it('sends nothing when off, trimmed keys otherwise, and needs a key for warn and require', () => {
    expect(verifyRequest({ policy: 'off', keyring: KEYRING })).toBeUndefined();
    expect(verifyRequest({ policy: 'warn', keyring: `  ${KEYRING}\n`, cosignKey: ' ' })).toEqual({
      policy: 'warn',
      keyring: KEYRING,
    });
    expect(verifyProblem({ policy: 'require', keyring: '  ' })).toBe('VERIFY_KEYS_REQUIRED');
    expect(verifyProblem({ policy: 'off' })).toBeUndefined();
    expect(optionsProblem({ ...DEFAULT_OPTIONS, verify: { policy: 'warn' } })).toBe('VERIFY_KEYS_REQUIRED');
    expect(
      toSelection({ ...DEFAULT_OPTIONS, verify: { policy: 'off', keyring: KEYRING } }),
    ).not.toHaveProperty('verify');
    const job = {
      source: { url: 'https://charts.example.com' },
      ...toSelection({ ...DEFAULT_OPTIONS, verify: spec.verify }),
    };
    expect(job.verify).toEqual(spec.verify);
    expect(reviewRequest(job).verify).toEqual(spec.verify);
  });

  it("keeps a sync's policy and keys through an edit", () => {
    const sync: SyncRecord = {
      name: 'nightly',
      spec: { ...spec, schedule: '0 3 * * *', suspend: false },
      status: {},
      resourceVersion: '1',
    };
    const form = syncFormOf(sync);
    expect(form.options.verify).toEqual(spec.verify);
    expect(updateRequestOf(form, sync).verify).toEqual(spec.verify);
  });

  it("repeats the job's policy and keys: retry, and the wizard's address (keys dropped before the selection)", () => {
    const job = { id: 'imp-1', spec } as unknown as JobRecord;
    expect(rerunRequest(job, { url: 'https://charts.example.com' }).verify).toEqual(spec.verify);
    const prefill = readPrefill(prefillQuery(prefillOf(spec)));
    expect(prefill.verify).toEqual(spec.verify);
    expect(prefillOptions(prefill).verify).toEqual(spec.verify);
    const many = Array.from({ length: 400 }, (_, i) => `chart-number-${i}`);
    // The selection must go anyway: short keys fit beside what is left, and stay.
    const trimmed = readPrefill(prefillQuery(prefillOf({ ...spec, charts: many })));
    expect(trimmed).toMatchObject({ trimmed: true, verify: spec.verify });
    expect(trimmed).not.toHaveProperty('keysDropped');
    // Long keys go first: the selection stays, the policy too, and the wizard asks for the keys.
    const longKeys = { policy: 'warn' as const, keyring: `${KEYRING}\n${'k'.repeat(60 * 1024)}` };
    const keyless = readPrefill(prefillQuery(prefillOf({ ...spec, verify: longKeys, charts: ['a', 'b'] })));
    expect(keyless).toMatchObject({ charts: ['a', 'b'], verify: { policy: 'warn' }, keysDropped: true });
    expect(keyless).not.toHaveProperty('trimmed');
    expect(keyless.verify).toEqual({ policy: 'warn' });
    expect(optionsProblem(prefillOptions(keyless))).toBe('VERIFY_KEYS_REQUIRED');
    // Both too long: both left out, each said so.
    const both = prefillQuery(prefillOf({ ...spec, verify: longKeys, charts: many }));
    expect(both.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH + 1);
    expect(readPrefill(both)).toMatchObject({ trimmed: true, keysDropped: true, verify: { policy: 'warn' } });
    // The flag means nothing without a policy, or beside keys.
    expect(readPrefill('?keysDropped=1')).toEqual({});
    expect(readPrefill(`?keysDropped=1&verify=${encodeURIComponent(JSON.stringify(spec.verify))}`)).toEqual({
      verify: spec.verify,
    });
    expect(readPrefill('?verify=%7B%22policy%22%3A%22sometimes%22%7D').verify).toBeUndefined();
  });
});
