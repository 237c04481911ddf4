import { AxiosError, AxiosHeaders } from 'axios';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toApiError, type JobRecord, type SyncRecord } from '../src/api';
import { EMPTY_URL_SOURCE } from '../src/components/source';
import { newRuleDraft } from '../src/components/categoryRules';
import {
  categoriesOf,
  chartsProblem,
  createRequestOf,
  emptySyncForm,
  hasProblem,
  nameProblem,
  parseCharts,
  suggestedName,
  suspendRequestOf,
  syncFormOf,
  syncFormOfJob,
  updateRequestOf,
} from '../src/pages/ImportFromRepo/syncs/form';
import {
  clockText,
  describeSchedule,
  fixedTimeOf,
  localTimeOf,
  SCHEDULE_PRESETS,
  scheduleProblem,
  utcTimeText,
  zoneText,
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
        ...EMPTY_URL_SOURCE,
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
    // The category mapping comes into the form and goes back with it.
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

  it('edits the category rules of a sync, and holds back a rule that cannot be sent', () => {
    const record = sync();
    const categoryRules = [{ category: 'Databases', names: ['*-db'], keywords: ['sql'] }];
    Object.assign(record.spec, { categoryRules });
    const value = syncFormOf(record);
    expect(value.categoryRules).toMatchObject([{ category: 'Databases', names: '*-db', keywords: 'sql' }]);
    expect(updateRequestOf(value, record).categoryRules).toEqual(categoryRules);
    const without = updateRequestOf({ ...value, categoryRules: [] }, record);
    expect(without).not.toHaveProperty('categoryRules');
    expect(hasProblem({ ...value, categoryRules: [newRuleDraft({ category: 'X' })] })).toBe(true);
  });

  it('creates a sync with passCredentials only when ticked with credentials', () => {
    const source = {
      ...EMPTY_URL_SOURCE,
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
    if (value.source.kind !== 'url') throw new Error('a URL sync reads as a URL form');
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

describe("schedule in the viewer's time zone", () => {
  const winter = new Date('2026-01-15T12:00:00Z');
  const summer = new Date('2026-07-15T12:00:00Z');

  it('finds the one time of day a schedule runs at, in UTC', () => {
    expect(fixedTimeOf('0 3 * * *')).toEqual({ hour: 3, minute: 0 });
    expect(fixedTimeOf('30 23 * * 1')).toEqual({ hour: 23, minute: 30 });
    expect(fixedTimeOf('0 * * * *')).toBeUndefined();
    expect(fixedTimeOf('0 2,14 * * *')).toBeUndefined();
    expect(fixedTimeOf('*/15 3 * * *')).toBeUndefined();
    expect(clockText({ hour: 3, minute: 5 })).toBe('03:05');
  });

  it('says a UTC time in a time zone, with the day it falls on there and daylight saving time', () => {
    expect(localTimeOf({ hour: 3, minute: 0 }, winter, 'Asia/Shanghai')).toEqual({
      time: { hour: 11, minute: 0 },
      dayShift: 0,
    });
    expect(localTimeOf({ hour: 20, minute: 30 }, winter, 'Asia/Shanghai')).toEqual({
      time: { hour: 4, minute: 30 },
      dayShift: 1,
    });
    expect(localTimeOf({ hour: 3, minute: 0 }, winter, 'America/New_York')).toEqual({
      time: { hour: 22, minute: 0 },
      dayShift: -1,
    });
    expect(localTimeOf({ hour: 3, minute: 0 }, summer, 'America/New_York').time).toEqual({
      hour: 23,
      minute: 0,
    });
    expect(localTimeOf({ hour: 3, minute: 0 }, winter, 'UTC')).toEqual({
      time: { hour: 3, minute: 0 },
      dayShift: 0,
    });
  });

  it('names the time zone with its offset, and a time in UTC', () => {
    expect(zoneText(winter, 'Asia/Shanghai')).toBe('Asia/Shanghai, UTC+08:00');
    expect(zoneText(summer, 'Europe/Berlin')).toBe('Europe/Berlin, UTC+02:00');
    expect(zoneText(winter, 'UTC')).toBe('UTC');
    expect(utcTimeText('2026-01-02T01:30:00Z')).toBe('2026-01-02 01:30 UTC');
    expect(utcTimeText('not a date')).toBeUndefined();
    expect(utcTimeText(undefined)).toBeUndefined();
  });
});

describe('sync of a configured repository, with a category mapping', () => {
  it('sends the repository reference, no credentials, and the mapping of its charts only', () => {
    const value = {
      ...emptySyncForm(),
      name: 'from-repo',
      source: { kind: 'configured' as const, repo: { name: 'bitnami', workspace: 'team-a' } },
      charts: 'nginx redis',
      categories: { nginx: 'Web', redis: ' ', kafka: 'Streams' },
    };
    expect(hasProblem(value)).toBe(false);
    expect(createRequestOf(value)).toEqual({
      name: 'from-repo',
      source: { repo: { name: 'bitnami', workspace: 'team-a' } },
      versions: 'latest',
      publish: 'active',
      charts: ['nginx', 'redis'],
      categories: { nginx: 'Web' },
      schedule: '0 2 * * *',
      suspend: false,
    });
    expect(hasProblem({ ...value, source: { kind: 'configured' as const } })).toBe(true);
  });

  it('keeps every mapped chart when the sync takes every chart, and none when all are blank', () => {
    expect(categoriesOf({ nginx: ' Web ', redis: 'Cache' }, [])).toEqual({ nginx: 'Web', redis: 'Cache' });
    expect(categoriesOf({ nginx: '' }, [])).toBeUndefined();
  });

  it('edits a configured-repository sync as such', () => {
    const record = sync();
    record.spec.source = { url: 'https://charts.example.com', configuredRepo: { name: 'bitnami' } };
    record.spec.categories = { nginx: 'Web' };
    const value = syncFormOf(record);
    expect(value.source).toEqual({ kind: 'configured', repo: { name: 'bitnami' } });
    expect(value.categories).toEqual({ nginx: 'Web' });
    const request = updateRequestOf({ ...value, categories: {} }, record);
    expect(request.source).toEqual({ repo: { name: 'bitnami' } });
    expect(request).not.toHaveProperty('categories');
  });
});

describe('"Schedule this import": a sync form filled in from a job', () => {
  function job(source: JobRecord['spec']['source'], extra: Partial<JobRecord> = {}): JobRecord {
    return {
      id: 'job-1',
      runAs: 'user',
      requestedBy: 'admin',
      createdAt: '2026-01-01T00:00:00Z',
      spec: {
        source,
        versions: 'all',
        charts: ['nginx'],
        includeDeprecated: true,
        workspace: 'team-a',
        publish: 'review',
        dryRun: false,
        concurrency: 4,
        categories: { nginx: 'Web' },
      },
      status: { phase: 'Succeeded', summary: { created: 1, exists: 0, failed: 0, planned: 0 } },
      ...extra,
    } as JobRecord;
  }

  it('takes the configured repository, versions, charts, categories, workspace, publish and deprecated', () => {
    const { value, needsCredentials } = syncFormOfJob(
      job({ url: 'https://charts.example.com', configuredRepo: { name: 'bitnami', workspace: 'team-a' } }),
    );
    expect(needsCredentials).toBe(false);
    expect(value).toMatchObject({
      name: 'bitnami-sync',
      source: { kind: 'configured', repo: { name: 'bitnami', workspace: 'team-a' } },
      charts: 'nginx',
      categories: { nginx: 'Web' },
      options: {
        versions: 'all',
        publish: 'review',
        target: 'workspace',
        workspace: 'team-a',
        includeDeprecated: true,
      },
      schedule: '0 2 * * *',
      suspend: false,
    });
    expect(hasProblem(value)).toBe(false);
  });

  it('takes a URL without any credentials, and asks for them again when the job had a Secret', () => {
    const plain = syncFormOfJob(
      job({ url: 'https://charts.example.com/stable', insecureSkipTLSVerify: true }),
    );
    expect(plain.needsCredentials).toBe(false);
    expect(plain.value.source).toMatchObject({
      kind: 'url',
      url: 'https://charts.example.com/stable',
      auth: 'none',
      insecureSkipTLSVerify: true,
    });
    const secret = syncFormOfJob(
      job(
        { url: 'https://private.example.com', secretRef: { name: 'storeimporter-sync-nightly' } },
        { syncName: 'nightly', runAs: 'service' },
      ),
    );
    expect(secret.needsCredentials).toBe(true);
    expect(JSON.stringify(secret.value)).not.toContain('storeimporter-sync-nightly');
    expect(createRequestOf(secret.value).source).toEqual({ url: 'https://private.example.com' });
  });

  it('suggests a name the service takes', () => {
    expect(suggestedName({ url: 'oci://registry-1.docker.io/bitnamicharts' })).toBe(
      'registry-1-docker-io-sync',
    );
    expect(nameProblem(suggestedName({ url: `https://${'a'.repeat(80)}.example.com` }))).toBeUndefined();
    expect(suggestedName({ url: 'not a url' })).toBe('');
  });
});

describe('unknown chart names refused by the service', () => {
  it('come with the error, for the charts field', () => {
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'body.charts names charts the repository does not have: alpah (did you mean alpha?)',
      reason: 'Invalid',
      code: 422,
      unknownCharts: [
        { name: 'alpah', nearest: ['alpha'] },
        { name: 'x', nearest: 'bad' },
      ],
    };
    const error = new AxiosError('422', 'ERR_BAD_REQUEST', undefined, undefined, {
      status: 422,
      statusText: 'Unprocessable Entity',
      data: body,
      headers: {},
      config: { headers: new AxiosHeaders() },
    });
    expect(toApiError(error).unknownCharts).toEqual([{ name: 'alpah', nearest: ['alpha'] }]);
  });
});
