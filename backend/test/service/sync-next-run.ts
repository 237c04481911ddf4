// A sync's next run time through the API, for any state store: shown from creation (none while
// paused), planned again from the new schedule when the schedule changes, dropped by a pause and
// planned from then on a resume; the scheduler's passes keep what the API planned. Expected
// times are worked out by hand here, not with the cron library the service uses.
import { expect, it } from 'vitest';

import type { SyncRecord } from '../../src/service/jobs/types.js';
import { createScheduler } from '../../src/service/schedule/scheduler.js';
import type { StateStores } from '../../src/service/state/types.js';
import type { ServiceHarness } from './support.js';

export interface NextRunContext {
  api: ServiceHarness['api'];
  stores: StateStores;
  repoUrl: string;
}

/** The first UTC time at `hour`:00 strictly after now, on one of `weekdays` (0 is Sunday). */
function nextUtc(hour: number, weekdays = [0, 1, 2, 3, 4, 5, 6]): string {
  const now = new Date();
  const time = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  while (time <= now || !weekdays.includes(time.getUTCDay())) time.setUTCDate(time.getUTCDate() + 1);
  return time.toISOString();
}

export function nextRunTimeTests(context: () => NextRunContext): void {
  const fields = (overrides: Record<string, unknown> = {}) => ({
    source: { url: context().repoUrl },
    versions: 'latest',
    schedule: '0 2 * * *',
    ...overrides,
  });
  const create = async (name: string, overrides?: Record<string, unknown>): Promise<SyncRecord> => {
    const response = await context().api('POST', '/syncs', { body: { name, ...fields(overrides) } });
    expect(response.status, response.text).toBe(201);
    return response.body as SyncRecord;
  };
  const read = async (name: string): Promise<SyncRecord> =>
    (await context().api('GET', `/syncs/${name}`)).body as SyncRecord;
  /** PUT with the current resourceVersion; answers the sync as the PUT returned it. */
  const edit = async (name: string, overrides: Record<string, unknown>): Promise<SyncRecord> => {
    const { resourceVersion } = await read(name);
    const response = await context().api('PUT', `/syncs/${name}`, {
      body: { ...fields(overrides), resourceVersion },
    });
    expect(response.status, response.text).toBe(200);
    return response.body as SyncRecord;
  };
  /** One pass of the scheduler, as the leader; no sync here is due, so none may start. */
  const schedulerPass = async (): Promise<void> => {
    const { stores } = context();
    await createScheduler({
      syncs: stores.syncs,
      jobs: stores.jobs,
      isLeader: () => true,
      startSyncJob: (sync) => Promise.reject(new Error(`sync ${sync.name} is not due`)),
      onError: (error) => {
        throw error;
      },
    }).tick();
  };

  it('a new sync shows its next run at once; a paused one has none', async () => {
    const daily = await create('daily');
    expect(daily.status.nextRunTime).toBe(nextUtc(2));
    expect((await read('daily')).status.nextRunTime).toBe(nextUtc(2));
    const paused = await create('paused', { suspend: true });
    expect(paused.status).not.toHaveProperty('nextRunTime');
    await schedulerPass();
    expect((await read('daily')).status.nextRunTime).toBe(nextUtc(2));
    expect((await read('paused')).status).not.toHaveProperty('nextRunTime');
  });

  it('a new schedule replaces the next run planned under the old one', async () => {
    await create('nightly');
    await schedulerPass();
    expect((await read('nightly')).status.nextRunTime).toBe(nextUtc(2));
    const weekly = await edit('nightly', { schedule: '0 3 * * 1' });
    expect(weekly.spec.schedule).toBe('0 3 * * 1');
    expect(weekly.status.nextRunTime).toBe(nextUtc(3, [1]));
    await schedulerPass();
    expect((await read('nightly')).status.nextRunTime).toBe(nextUtc(3, [1]));
    // An edit that leaves the schedule alone leaves the next run alone.
    const other = await edit('nightly', { schedule: '0 3 * * 1', versions: 'all' });
    expect(other.spec.versions).toBe('all');
    expect(other.status.nextRunTime).toBe(nextUtc(3, [1]));
  });

  it('a pause drops the next run; a resume plans it from the schedule', async () => {
    await create('nightly');
    const paused = await edit('nightly', { suspend: true });
    expect(paused.spec.suspend).toBe(true);
    expect(paused.status).not.toHaveProperty('nextRunTime');
    await schedulerPass();
    expect((await read('nightly')).status).not.toHaveProperty('nextRunTime');
    const resumed = await edit('nightly', { suspend: false });
    expect(resumed.status.nextRunTime).toBe(nextUtc(2));
    expect((await read('nightly')).status.nextRunTime).toBe(nextUtc(2));
  });
}
