// The cron scheduler: first runs, due runs, no overlap with a running job, suspension, leadership,
// and a next run planned under an earlier schedule or before a pause, which the schedule overrides.
import { describe, expect, it } from 'vitest';

import type { JobRecord, SyncRecord } from '../../src/service/jobs/types.js';
import { followsSchedule, isValidSchedule, nextRun } from '../../src/service/schedule/cron.js';
import { createScheduler } from '../../src/service/schedule/scheduler.js';
import { createMemoryStores } from '../../src/service/state/memory.js';

function sync(
  name: string,
  schedule: string,
  status: SyncRecord['status'] = {},
  suspend = false,
): SyncRecord {
  return {
    name,
    spec: {
      source: { url: 'https://charts.example.com' },
      versions: 'latest',
      includeDeprecated: false,
      publish: 'active',
      dryRun: false,
      concurrency: 4,
      schedule,
      suspend,
    },
    status,
  };
}

function job(
  id: string,
  phase: JobRecord['status']['phase'],
  syncName: string,
  createdAt = new Date(),
): JobRecord {
  return {
    id,
    spec: sync(syncName, '* * * * *').spec,
    syncName,
    requestedBy: 'scheduler',
    runAs: 'service',
    createdAt: createdAt.toISOString(),
    status: {
      phase,
      progress: { done: 0, total: 0 },
      summary: { created: 0, exists: 0, failed: 0, planned: 0 },
      failures: [],
      warnings: [],
    },
  };
}

/** A sync that ran before: its last job (in `phase`) and its status with the times given. */
async function syncThatRan(
  stores: ReturnType<typeof createMemoryStores>,
  name: string,
  schedule: string,
  times: { lastRunTime: string; nextRunTime: string },
  phase: JobRecord['status']['phase'] = 'Succeeded',
): Promise<void> {
  await stores.jobs.create(job(`${name}-last`, phase, name));
  await stores.syncs.create(sync(name, schedule, { lastJobId: `${name}-last`, ...times }));
}

function setup(now: Date, leader = true) {
  const stores = createMemoryStores();
  const started: string[] = [];
  let clock = now;
  const scheduler = createScheduler({
    syncs: stores.syncs,
    jobs: stores.jobs,
    isLeader: () => leader,
    now: () => clock,
    startSyncJob: async (record) => {
      const created = job(`job-${started.length + 1}`, 'Running', record.name, clock);
      started.push(record.name);
      await stores.jobs.create(created);
      return created;
    },
  });
  return { stores, started, scheduler, setClock: (date: Date) => (clock = date) };
}

describe('nextRun and isValidSchedule', () => {
  it('computes the next time in UTC', () => {
    expect(nextRun('0 3 * * *', new Date('2026-11-23T02:59:00Z'))).toEqual(new Date('2026-11-23T03:00:00Z'));
    expect(nextRun('*/15 * * * *', new Date('2026-11-23T10:01:00Z'))).toEqual(
      new Date('2026-11-23T10:15:00Z'),
    );
  });
  it.each(['0 3 * * *', '*/5 * * * *', '0 0 1 * *'])('accepts %s', (expression) => {
    expect(isValidSchedule(expression)).toBe(true);
  });
  it.each(['', 'every day', '61 * * * *', '* * * *', '0 0 * * * *'])('refuses %j', (expression) => {
    expect(isValidSchedule(expression)).toBe(false);
  });
});

describe('followsSchedule', () => {
  const now = new Date('2026-11-24T01:00:00Z');
  it('keeps the next time of the schedule, and a past one not run yet (a missed run)', () => {
    expect(followsSchedule('0 2 * * *', new Date('2026-11-24T02:00:00Z'), now)).toBe(true);
    expect(followsSchedule('0 2 * * *', new Date('2026-11-20T02:00:00Z'), now)).toBe(true);
  });
  it('refuses a time the schedule does not have, or one past its next time', () => {
    expect(followsSchedule('0 3 * * 1', new Date('2026-11-24T02:00:00Z'), now)).toBe(false);
    expect(followsSchedule('0 2 * * *', new Date('2026-11-25T02:00:00Z'), now)).toBe(false);
    expect(followsSchedule('0 2 * * *', new Date('2026-11-24T02:00:00.500Z'), now)).toBe(false);
  });
});

describe('the scheduler', () => {
  it('gives a new sync its first run time instead of running it at once', async () => {
    const { stores, started, scheduler } = setup(new Date('2026-11-23T10:01:00Z'));
    await stores.syncs.create(sync('hourly', '0 * * * *'));
    await scheduler.tick();
    expect(started).toEqual([]);
    expect((await stores.syncs.get('hourly'))?.status.nextRunTime).toBe('2026-11-23T11:00:00.000Z');
  });

  it('runs a due sync once, records it, and plans the next run', async () => {
    const { stores, started, scheduler, setClock } = setup(new Date('2026-11-23T10:01:00Z'));
    await stores.syncs.create(sync('hourly', '0 * * * *'));
    await scheduler.tick();
    setClock(new Date('2026-11-23T11:00:05Z'));
    await scheduler.tick();
    await scheduler.tick();
    expect(started).toEqual(['hourly']);
    const status = (await stores.syncs.get('hourly'))?.status;
    expect(status).toMatchObject({
      lastJobId: 'job-1',
      lastRunTime: '2026-11-23T11:00:05.000Z',
      nextRunTime: '2026-11-23T12:00:00.000Z',
    });
  });

  it('does not start a sync whose last job still runs', async () => {
    const { stores, started, scheduler } = setup(new Date('2026-11-23T12:00:30Z'));
    await syncThatRan(
      stores,
      'busy',
      '* * * * *',
      { lastRunTime: '2026-11-23T11:58:00Z', nextRunTime: '2026-11-23T11:59:00.000Z' },
      'Running',
    );
    await scheduler.tick();
    expect(started).toEqual([]);
  });

  it('runs a missed sync once after a long outage, not once per missed time', async () => {
    const { stores, started, scheduler } = setup(new Date('2026-11-30T00:00:00Z'));
    await syncThatRan(stores, 'daily', '0 3 * * *', {
      lastRunTime: '2026-11-20T03:00:00Z',
      nextRunTime: '2026-11-21T03:00:00.000Z',
    });
    await scheduler.tick();
    await scheduler.tick();
    expect(started).toEqual(['daily']);
    expect((await stores.syncs.get('daily'))?.status.nextRunTime).toBe('2026-11-30T03:00:00.000Z');
  });

  it('plans a sync again from its schedule when its next run was planned under another one', async () => {
    // Planned for 02:00 by "0 2 * * *", then changed to Mondays at 03:00 (outside the API, or
    // before the API planned edits itself).
    const { stores, started, scheduler, setClock } = setup(new Date('2026-11-24T01:00:00Z'));
    await stores.syncs.create(sync('weekly', '0 3 * * 1', { nextRunTime: '2026-11-24T02:00:00.000Z' }));
    await syncThatRan(stores, 'ran', '0 3 * * 1', {
      lastRunTime: '2026-11-23T02:00:00.000Z',
      nextRunTime: '2026-11-24T02:00:00.000Z',
    });
    await scheduler.tick();
    for (const name of ['weekly', 'ran'])
      expect((await stores.syncs.get(name))?.status.nextRunTime, name).toBe('2026-11-30T03:00:00.000Z');
    setClock(new Date('2026-11-24T02:00:05Z'));
    await scheduler.tick();
    expect(started).toEqual([]);
    setClock(new Date('2026-11-30T03:00:05Z'));
    await scheduler.tick();
    expect(started).toEqual(['ran', 'weekly']);
  });

  it('a paused sync has no next run; resumed, it runs at the next time from then, not at once', async () => {
    const { stores, started, scheduler, setClock } = setup(new Date('2026-11-23T12:00:30Z'));
    await stores.syncs.create(
      sync(
        'paused',
        '0 3 * * *',
        { lastRunTime: '2026-11-20T03:00:00Z', nextRunTime: '2026-11-21T03:00:00.000Z' },
        true,
      ),
    );
    await scheduler.tick();
    expect(started).toEqual([]);
    expect((await stores.syncs.get('paused'))?.status).toEqual({ lastRunTime: '2026-11-20T03:00:00Z' });

    const paused = await stores.syncs.get('paused');
    if (!paused) throw new Error('the sync is gone');
    await stores.syncs.update({ ...paused, spec: { ...paused.spec, suspend: false } });
    setClock(new Date('2026-11-23T12:01:00Z'));
    await scheduler.tick();
    expect(started).toEqual([]);
    expect((await stores.syncs.get('paused'))?.status.nextRunTime).toBe('2026-11-24T03:00:00.000Z');
  });

  it('leaves suspended syncs alone, and does nothing when not the leader', async () => {
    const suspended = setup(new Date('2026-11-23T12:00:30Z'));
    await suspended.stores.syncs.create(
      sync(
        'paused',
        '* * * * *',
        { lastRunTime: '2026-11-23T11:00:00Z', nextRunTime: '2026-11-23T11:01:00.000Z' },
        true,
      ),
    );
    await suspended.scheduler.tick();
    expect(suspended.started).toEqual([]);

    const follower = setup(new Date('2026-11-23T12:00:30Z'), false);
    await follower.stores.syncs.create(
      sync('due', '* * * * *', {
        lastRunTime: '2026-11-23T11:00:00Z',
        nextRunTime: '2026-11-23T11:01:00.000Z',
      }),
    );
    await follower.scheduler.tick();
    expect(follower.started).toEqual([]);
  });
});
