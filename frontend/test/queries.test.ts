// The react-query layer (src/api/queries.ts) against a real HTTP server: what each read polls or
// retries, what each write makes stale, and that a preview's request is not kept.
import { MutationObserver, QueryClient, QueryObserver, setLogger, type QueryKey } from 'react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type JobRecord } from '../src/api';
import {
  ACCESS_WORKSPACES_ASKED,
  accessQuery,
  jobListQuery,
  jobQuery,
  JOBS_REFRESH_MS,
  manageAnywhere,
  previewQuery,
  queryKeys,
  syncListQuery,
  writeOptions,
  writes,
  type Write,
} from '../src/api/queries';
import { jobRecord } from './jobs-fixtures';
import { recordingServerForFile, status } from './support/recording-server';

const PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const server = recordingServerForFile();
let client: QueryClient;

// react-query logs each failed request; this file fails many on purpose.
setLogger({ log: () => undefined, warn: () => undefined, error: () => undefined });

beforeEach(() => {
  client = new QueryClient();
});

afterEach(() => {
  client.clear();
});

const requested = (): string[] => server.requests.map(({ method, url }) => `${method} ${url}`);
const invalidated = (key: QueryKey): boolean | undefined => client.getQueryState(key)?.isInvalidated;

function running(id: string): JobRecord {
  return jobRecord({ id, status: { phase: 'Running' } });
}
function ended(id: string): JobRecord {
  return jobRecord({ id, status: { phase: 'Succeeded' } });
}

/** Runs a write as the page's mutation hooks do; resolves with its result or rejects. */
function mutate<TData, TVariables>(write: Write<TData, TVariables>, variables: TVariables): Promise<TData> {
  return new MutationObserver(client, writeOptions(client, write)).mutate(variables);
}

/** Seeds the reads a write may make stale. */
function seedLists(): void {
  client.setQueryData(queryKeys.syncList, []);
  client.setQueryData(queryKeys.jobList({ limit: 200 }), []);
  client.setQueryData(queryKeys.job('job-1'), running('job-1'));
}

describe('job list', () => {
  it('reads the jobs of a sync, and polls only while one of them runs', async () => {
    const options = jobListQuery({ sync: 'nightly', limit: 200 });
    server.reply({ status: 200, body: { items: [running('a')] } });
    await client.fetchQuery(options);
    expect(requested()).toEqual([`GET ${PREFIX}/jobs?sync=nightly&limit=200`]);

    const interval = options.refetchInterval;
    if (typeof interval !== 'function') throw new Error('the job list polls on its data');
    const query = client.getQueryCache().build(client, options);
    expect(interval([ended('b'), running('a')], query)).toBe(JOBS_REFRESH_MS);
    expect(interval([ended('b'), jobRecord({ id: 'c', status: { phase: 'Cancelled' } })], query)).toBe(false);
    expect(interval(undefined, query)).toBe(false);
  });
});

describe('one job', () => {
  it('shows a failed first read at once, and retries a failed re-read of a job on screen', async () => {
    const options = jobQuery(client, 'job-1');
    server.reply(status(503, 'ServiceUnavailable', 'busy'));
    await expect(client.fetchQuery(options)).rejects.toMatchObject({ reason: 'ServiceUnavailable' });
    expect(requested()).toHaveLength(1);

    const retry = options.retry;
    if (typeof retry !== 'function') throw new Error('the job read decides per failure');
    const unavailable = new ApiError('busy', 503, 'ServiceUnavailable');
    const gone = new ApiError('gone', 404, 'NotFound');
    expect(retry(1, unavailable)).toBe(false);
    client.setQueryData(queryKeys.job('job-1'), running('job-1'));
    expect(retry(1, unavailable)).toBe(true);
    expect(retry(7, unavailable)).toBe(true);
    expect(retry(1, gone)).toBe(false);
  });
});

describe('writes', () => {
  it('creating a sync reads the list on screen again, and leaves the jobs alone', async () => {
    server.reply({ status: 200, body: { items: [] } });
    const list = new QueryObserver(client, syncListQuery());
    const stop = list.subscribe(() => undefined);
    await vi.waitFor(() => {
      expect(list.getCurrentResult().isSuccess).toBe(true);
    });
    client.setQueryData(queryKeys.jobList({ limit: 200 }), []);

    server.reply({ status: 201, body: { name: 'nightly' } });
    server.reply({ status: 200, body: { items: [{ name: 'nightly' }] } });
    await mutate(writes.createSync, { name: 'nightly' } as Parameters<typeof writes.createSync.write>[0]);
    await vi.waitFor(() => {
      expect(list.getCurrentResult().data).toEqual([{ name: 'nightly' }]);
    });
    expect(requested()).toEqual([`GET ${PREFIX}/syncs`, `POST ${PREFIX}/syncs`, `GET ${PREFIX}/syncs`]);
    expect(invalidated(queryKeys.jobList({ limit: 200 }))).toBe(false);
    stop();
  });

  it('a sync changed or gone meanwhile makes the syncs stale; another failure does not', async () => {
    const request = {
      name: 'nightly',
      request: {} as Parameters<typeof writes.updateSync.write>[0]['request'],
    };
    seedLists();
    server.reply(status(500, 'InternalError', 'boom'));
    await expect(mutate(writes.updateSync, request)).rejects.toMatchObject({ reason: 'InternalError' });
    expect(invalidated(queryKeys.syncList)).toBe(false);

    server.reply(status(409, 'Conflict', 'changed'));
    await expect(mutate(writes.updateSync, request)).rejects.toMatchObject({ reason: 'Conflict' });
    expect(invalidated(queryKeys.syncList)).toBe(true);
    expect(requested()).toEqual([`PUT ${PREFIX}/syncs/nightly`, `PUT ${PREFIX}/syncs/nightly`]);
  });

  it('deleting a sync already gone is a success; other failures are not', async () => {
    seedLists();
    server.reply(status(500, 'InternalError', 'boom'));
    await expect(mutate(writes.deleteSync, 'nightly')).rejects.toMatchObject({ reason: 'InternalError' });
    expect(invalidated(queryKeys.syncList)).toBe(false);

    server.reply(status(404, 'NotFound', 'gone'));
    await expect(mutate(writes.deleteSync, 'nightly')).resolves.toBeUndefined();
    expect(invalidated(queryKeys.syncList)).toBe(true);
  });

  it('running a sync makes its list and the jobs stale', async () => {
    seedLists();
    server.reply({ status: 202, body: running('job-2') });
    await expect(mutate(writes.runSync, 'nightly')).resolves.toMatchObject({ id: 'job-2' });
    expect(requested()).toEqual([`POST ${PREFIX}/syncs/nightly/run`]);
    expect(invalidated(queryKeys.syncList)).toBe(true);
    expect(invalidated(queryKeys.jobList({ limit: 200 }))).toBe(true);
  });

  it('a cancel is requested, or finds the job ended (409); either way the jobs are read again', async () => {
    seedLists();
    server.reply({ status: 200, body: running('job-1') });
    await expect(mutate(writes.cancelJob, 'job-1')).resolves.toBe('requested');
    expect(invalidated(queryKeys.job('job-1'))).toBe(true);

    seedLists();
    server.reply(status(409, 'Conflict', 'ended'));
    await expect(mutate(writes.cancelJob, 'job-1')).resolves.toBe('ended');
    expect(invalidated(queryKeys.jobList({ limit: 200 }))).toBe(true);
    expect(invalidated(queryKeys.syncList)).toBe(false);

    server.reply(status(403, 'Forbidden', 'no'));
    await expect(mutate(writes.cancelJob, 'job-1')).rejects.toMatchObject({ reason: 'Forbidden' });
  });
});

describe('previews', () => {
  const request = {
    source: { url: 'https://charts.example.com', password: 'secret' },
    sizes: 'latest' as const,
  };

  it('reads nothing until asked, and keeps no request (credentials) once nothing shows it', async () => {
    const idle = new QueryObserver(client, previewQuery(undefined));
    const stopIdle = idle.subscribe(() => undefined);
    expect(idle.getCurrentResult().isIdle).toBe(true);
    stopIdle();

    server.reply({ status: 200, body: { charts: [] } });
    const shown = new QueryObserver(client, previewQuery(request, 1));
    const stop = shown.subscribe(() => undefined);
    await vi.waitFor(() => {
      expect(shown.getCurrentResult().data).toEqual({ charts: [] });
    });
    expect(requested()).toEqual([`POST ${PREFIX}/previews`]);
    expect(client.getQueryCache().find(queryKeys.preview(request, 1))).toBeDefined();
    stop();
    await vi.waitFor(() => {
      expect(client.getQueryCache().find(queryKeys.preview(request, 1))).toBeUndefined();
    });
  });

  it('reads the repository again on the next attempt with the same source', async () => {
    server.reply({ status: 200, body: { charts: [] } });
    server.reply({ status: 200, body: { charts: [] } });
    await client.fetchQuery(previewQuery(request, 1));
    await client.fetchQuery(previewQuery(request, 2));
    expect(requested()).toEqual([`POST ${PREFIX}/previews`, `POST ${PREFIX}/previews`]);
  });
});

describe('access', () => {
  it("asks about the global store or a workspace, and keeps KubeSphere's answer a while", async () => {
    server.reply({ status: 200, body: { manage: false } });
    server.reply({ status: 200, body: { manage: true, workspace: 'team' } });
    expect(await client.fetchQuery(accessQuery())).toBe(false);
    expect(await client.fetchQuery(accessQuery('team'))).toBe(true);
    expect(await client.fetchQuery(accessQuery())).toBe(false);
    expect(requested()).toEqual([`POST ${PREFIX}/accessreviews`, `POST ${PREFIX}/accessreviews`]);
    expect(server.requests.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      {},
      { workspace: 'team' },
    ]);
  });

  it("takes ks-apiserver's refusal (403: no manage role template of the extension) as no", async () => {
    server.reply(
      status(
        403,
        'Forbidden',
        'accessreviews.storeimporter.kubesphere.io is forbidden: User "viewer" cannot create resource "accessreviews"',
      ),
    );
    expect(await client.fetchQuery(accessQuery('team'))).toBe(false);
  });

  it('fails as the service answered: no answer is no answer, never a guess', async () => {
    server.reply(status(502, 'BadGateway', 'KubeSphere cannot be reached'));
    await expect(client.fetchQuery(accessQuery())).rejects.toMatchObject({ reason: 'BadGateway' });
    server.reply(status(500, 'InternalError', 'broken'));
    await expect(client.fetchQuery(accessQuery('team'))).rejects.toMatchObject({ code: 500 });
  });

  it('tells where the caller manages something: the global store, else a workspace they see', () => {
    const workspaces = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ name: `ws-${index}`, displayName: `ws-${index}` }));
    expect(manageAnywhere(true, undefined, [])).toBe(true);
    expect(manageAnywhere(undefined, undefined, [])).toBeUndefined();
    // Refused globally: the workspaces decide, once each answered.
    expect(manageAnywhere(false, workspaces(0), [])).toBe(false);
    expect(manageAnywhere(false, undefined, [])).toBeUndefined();
    expect(manageAnywhere(false, workspaces(2), [false, true])).toBe(true);
    expect(manageAnywhere(false, workspaces(2), [false, undefined])).toBeUndefined();
    expect(manageAnywhere(false, workspaces(2), [false, false])).toBe(false);
    expect(manageAnywhere(false, workspaces(2), [])).toBeUndefined();
    // Too many to ask one by one: unknown, so nothing is disabled.
    expect(manageAnywhere(false, workspaces(ACCESS_WORKSPACES_ASKED + 1), [])).toBeUndefined();
  });
});
