import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncRecord } from '../src/api';
import {
  chartsProblem,
  createRequestOf,
  emptySyncForm,
  hasProblem,
  nameProblem,
  parseCharts,
  suspendRequestOf,
  syncFormOf,
  updateRequestOf,
} from '../src/pages/ImportFromRepo/syncs/form';
import {
  describeSchedule,
  SCHEDULE_PRESETS,
  scheduleProblem,
} from '../src/pages/ImportFromRepo/syncs/schedule';

beforeAll(() => {
  // The console's t(): the validation messages only need to be there.
  vi.stubGlobal('t', (key: string) => key);
});

function sync(extra: Partial<SyncRecord['spec']> = {}): SyncRecord {
  return {
    name: 'nightly',
    spec: {
      source: {
        url: 'https://private.example.com/charts',
        secretRef: { name: 'storeimporter-sync-nightly' },
      },
      versions: '5',
      charts: ['nginx', 'redis'],
      includeDeprecated: true,
      workspace: 'team-a',
      publish: 'draft',
      dryRun: false,
      concurrency: 8,
      schedule: '30 1 * * *',
      suspend: false,
      ...extra,
    },
    status: { nextRunTime: '2026-01-02T01:30:00Z' },
    resourceVersion: '42',
  };
}

describe('schedule', () => {
  it('accepts the presets and says them in both languages', () => {
    for (const preset of SCHEDULE_PRESETS) expect(scheduleProblem(preset.cron)).toBeUndefined();
    expect(describeSchedule('0 2 * * *', 'en')).toBe('At 02:00');
    expect(describeSchedule('0 2 * * 1', 'zh_CN')).toContain('星期一');
  });

  it('names what is wrong', () => {
    expect(scheduleProblem('  ')).toBe('required');
    expect(scheduleProblem('0 2 * *')).toBe('fields');
    expect(scheduleProblem('@daily')).toBe('fields');
    expect(scheduleProblem('61 * * * *')).toBe('invalid');
    expect(scheduleProblem('a b c d e')).toBe('invalid');
    expect(describeSchedule('61 * * * *', 'en')).toBeUndefined();
  });
});

describe('sync form', () => {
  it('checks the name as the service does: a DNS-1123 label of at most 52 characters', () => {
    expect(nameProblem('')).toBe('required');
    expect(nameProblem('a'.repeat(53))).toBe('length');
    expect(nameProblem('a'.repeat(52))).toBeUndefined();
    expect(nameProblem('Nightly')).toBe('pattern');
    expect(nameProblem('-nightly')).toBe('pattern');
    expect(nameProblem('nightly-2')).toBeUndefined();
  });

  it('reads a chart list separated by commas or spaces', () => {
    expect(parseCharts(' nginx, redis  nginx,,')).toEqual(['nginx', 'redis']);
    expect(chartsProblem('nginx, re/dis')).toEqual({ kind: 'invalid', name: 're/dis' });
    expect(chartsProblem('')).toBeUndefined();
  });

  it('creates a sync from a filled form', () => {
    const value = {
      ...emptySyncForm(),
      name: 'bitnami',
      source: {
        ...emptySyncForm().source,
        url: 'https://charts.example.com',
        auth: 'basic' as const,
        username: 'u',
        password: 'p',
      },
      charts: 'nginx',
    };
    expect(hasProblem(emptySyncForm())).toBe(true);
    expect(hasProblem(value)).toBe(false);
    expect(createRequestOf(value)).toEqual({
      name: 'bitnami',
      source: { url: 'https://charts.example.com', username: 'u', password: 'p' },
      versions: 'latest',
      publish: 'active',
      charts: ['nginx'],
      schedule: '0 2 * * *',
      suspend: false,
    });
  });

  it('edits a sync without its credentials (kept by the service) and keeps what the form does not show', () => {
    const record = sync({ dryRun: true });
    // Category mapping: set in the wizard, not in this form (the field is the service's newest).
    Object.assign(record.spec, { categories: { nginx: 'Web' } });
    const value = syncFormOf(record);
    expect(value.source).toMatchObject({
      url: 'https://private.example.com/charts',
      auth: 'none',
      password: '',
    });
    expect(value.options).toMatchObject({
      versions: 'count',
      count: 5,
      target: 'workspace',
      workspace: 'team-a',
    });
    expect(value.charts).toBe('nginx, redis');
    const request = updateRequestOf({ ...value, schedule: '0 3 * * *' }, record);
    expect(request).toEqual({
      resourceVersion: '42',
      source: { url: 'https://private.example.com/charts' },
      versions: '5',
      publish: 'draft',
      includeDeprecated: true,
      workspace: 'team-a',
      charts: ['nginx', 'redis'],
      schedule: '0 3 * * *',
      suspend: false,
      dryRun: true,
      concurrency: 8,
      categories: { nginx: 'Web' },
    });
    expect(JSON.stringify(request)).not.toContain('secretRef');
  });

  it('creates a sync with passCredentials only when ticked with credentials', () => {
    const source = {
      ...emptySyncForm().source,
      url: 'oci://registry-1.docker.io/org',
      auth: 'token' as const,
      token: 't',
    };
    const value = { ...emptySyncForm(), name: 'hub', source };
    expect(createRequestOf(value).source).toEqual({ url: source.url, token: 't' });
    expect(createRequestOf({ ...value, source: { ...source, passCredentials: true } }).source).toEqual({
      url: source.url,
      token: 't',
      passCredentials: true,
    });
    const none = { ...value, source: { ...source, auth: 'none' as const, passCredentials: true } };
    expect(createRequestOf(none).source).toEqual({ url: source.url });
  });

  it('keeps passCredentials on edit, pause and resume: it applies to the stored credentials', () => {
    const record = sync();
    record.spec.source.passCredentials = true;
    const value = syncFormOf(record);
    expect(value.source).toMatchObject({ auth: 'none', passCredentials: true });
    expect(updateRequestOf(value, record).source).toEqual({
      url: 'https://private.example.com/charts',
      passCredentials: true,
    });
    expect(suspendRequestOf(record, true).source).toEqual({
      url: 'https://private.example.com/charts',
      passCredentials: true,
    });
    const off = updateRequestOf({ ...value, source: { ...value.source, passCredentials: false } }, record);
    expect(off.source).toEqual({ url: 'https://private.example.com/charts' });
  });

  it('pauses and resumes with the sync as it is', () => {
    const paused = suspendRequestOf(sync(), true);
    expect(paused).toMatchObject({
      suspend: true,
      schedule: '30 1 * * *',
      resourceVersion: '42',
      versions: '5',
    });
    expect(suspendRequestOf(sync({ suspend: true }), false).suspend).toBe(false);
  });
});
