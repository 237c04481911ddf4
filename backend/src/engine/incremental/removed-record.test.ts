// The count of versions the repository no longer lists travels with a run record, so that an
// unchanged run repeats the warning of the full run it stands for.
import { describe, expect, it } from 'vitest';

import { say, type Message } from '../messages/index.js';
import type { ImportReport } from '../run/types.js';
import type { StoreApp } from '../store/types.js';
import { parseRunRecord, pruneLeftWork, recordOfRun } from './record.js';

const APP: StoreApp = {
  name: 'nginx-abcde',
  state: 'active',
  workspace: '',
  categoryName: '',
  originalName: 'nginx',
};
const report = (removed: ImportReport['removedUpstream']): ImportReport => ({
  repo: 'http://repo.test',
  items: [{ chart: 'nginx', version: '1.0.0', status: 'exists', app: APP.name, reason: '' }],
  summary: { created: 0, exists: 1, failed: 0, planned: 0 },
  warnings: [],
  ...(removed ? { removedUpstream: removed } : {}),
});
const fields = { indexDigest: 'd', settings: 's', fullRunAt: '2025-06-01T12:00:00.000Z' };

describe('a run record and the versions removed upstream', () => {
  it('counts them, and reads the count back; none is no field', () => {
    const removed = [
      { chart: 'nginx', app: APP.name, versions: ['0.9.0', '0.8.0'], chartGone: false },
      { chart: 'redis', app: 'redis-fghij', versions: ['7.0.0'], chartGone: true },
    ];
    const record = recordOfRun(report(removed), [APP], fields);
    expect(record?.removedUpstream).toEqual({ count: 3, charts: 2 });
    expect(parseRunRecord(JSON.parse(JSON.stringify(record)))?.removedUpstream).toEqual({
      count: 3,
      charts: 2,
    });
    const none = recordOfRun(report(undefined), [APP], fields);
    expect(none).not.toHaveProperty('removedUpstream');
    expect(parseRunRecord({ ...none, removedUpstream: { count: 'x', charts: 1 } })).not.toHaveProperty(
      'removedUpstream',
    );
  });

  it('a prune that left work for a run again leaves no record: the next run prunes again', () => {
    const removed = [{ chart: 'nginx', app: APP.name, versions: ['0.9.0'], chartGone: false }];
    const kept = (reason: Message): ImportReport => ({
      ...report(removed),
      pruned: [
        {
          chart: 'nginx',
          version: '0.9.0',
          app: APP.name,
          status: 'kept',
          reason: '',
          reasons: [reason],
        },
      ],
    });
    // KubeSphere could not say what is in use; a delete failed; the prune did not run (cancelled).
    expect(pruneLeftWork(kept(say('prune-kept-unverified')), true)).toBe(true);
    expect(pruneLeftWork(kept(say('prune-delete-failed', { problem: 'HTTP 500' })), true)).toBe(true);
    expect(pruneLeftWork(report(removed), true)).toBe(true);
    // Kept for good (the app's last version, in use), removed, or nothing removed upstream.
    expect(pruneLeftWork(kept(say('prune-kept-last-version')), true)).toBe(false);
    expect(pruneLeftWork(kept(say('prune-kept-in-use', { releases: 1 })), true)).toBe(false);
    expect(pruneLeftWork({ ...report(removed), pruned: [] }, true)).toBe(false);
    expect(pruneLeftWork(report(undefined), true)).toBe(false);
    // Without --prune nothing was to be pruned.
    expect(pruneLeftWork(kept(say('prune-kept-unverified')), false)).toBe(false);
    expect(pruneLeftWork(report(removed), undefined)).toBe(false);
  });
});
