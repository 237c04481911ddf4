import { describe, expect, it } from 'vitest';
import {
  ApiError,
  cancelJob,
  createJob,
  createPreview,
  createSync,
  deleteSync,
  getJob,
  getSync,
  http,
  listCategories,
  listJobs,
  listRepos,
  listSyncs,
  runSync,
  updateSync,
} from '../src/api';
import { jobRecord } from './jobs-fixtures';
import { RecordingServer, recordingServerForFile, status } from './support/recording-server';

const PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';

const job = jobRecord({ status: { phase: 'Pending' } });

const server = recordingServerForFile();

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('the request did not fail');
}

describe('previews', () => {
  it('posts the selection as JSON and returns the preview', async () => {
    const preview = {
      repo: 'https://charts.example.com',
      charts: [],
      warnings: [],
      totals: { charts: 0, versions: 0, selected: 0, toCreate: 0, inStore: 0 },
    };
    server.reply({ status: 200, body: preview });
    const request = {
      source: { url: 'https://charts.example.com', username: 'u', password: 'p' },
      versions: '3',
    };

    await expect(createPreview(request)).resolves.toEqual(preview);

    const sent = server.last();
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(`${PREFIX}/previews`);
    expect(sent.json).toEqual(request);
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sends a configured repository by reference', async () => {
    server.reply({ status: 200, body: { repo: 'x', charts: [], warnings: [], totals: {} } });
    await createPreview({ source: { repo: { name: 'bitnami', workspace: 'ws1' } }, charts: ['nginx'] });
    expect(server.last().json).toEqual({
      source: { repo: { name: 'bitnami', workspace: 'ws1' } },
      charts: ['nginx'],
    });
  });
});

describe('repos', () => {
  it('lists the configured repositories', async () => {
    const items = [
      {
        name: 'bitnami',
        url: 'https://charts.bitnami.com',
        workspace: 'system-workspace',
        hasCredentials: false,
      },
    ];
    server.reply({ status: 200, body: { items } });
    await expect(listRepos()).resolves.toEqual(items);
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/repos`, json: undefined });
  });
});

describe('jobs', () => {
  it('starts a job', async () => {
    server.reply({ status: 202, body: job });
    const request = {
      source: { url: 'https://charts.example.com' },
      publish: 'draft' as const,
      dryRun: true,
    };
    await expect(createJob(request)).resolves.toEqual(job);
    expect(server.last()).toMatchObject({ method: 'POST', url: `${PREFIX}/jobs`, json: request });
  });

  it('lists jobs with and without a query', async () => {
    server.reply({ status: 200, body: { items: [job] } });
    await expect(listJobs()).resolves.toEqual([job]);
    expect(server.last().url).toBe(`${PREFIX}/jobs`);

    server.reply({ status: 200, body: { items: [] } });
    await listJobs({ sync: 'nightly', limit: 5 });
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/jobs?sync=nightly&limit=5` });
  });

  it('reads and cancels one job, encoding its id', async () => {
    server.reply({ status: 200, body: job });
    await getJob('job 1/x');
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/jobs/job%201%2Fx` });

    server.reply({ status: 202, body: job });
    await expect(cancelJob('job-1')).resolves.toEqual(job);
    expect(server.last()).toMatchObject({
      method: 'POST',
      url: `${PREFIX}/jobs/job-1/cancel`,
      json: undefined,
    });
  });
});

describe('syncs', () => {
  const sync = {
    name: 'nightly',
    spec: { ...job.spec, schedule: '0 3 * * *', suspend: false },
    status: {},
    resourceVersion: '7',
  };

  it('creates, lists, reads, updates, runs and deletes', async () => {
    const create = {
      name: 'nightly',
      source: { url: 'https://charts.example.com', token: 't' },
      schedule: '0 3 * * *',
    };
    server.reply({ status: 201, body: sync });
    await expect(createSync(create)).resolves.toEqual(sync);
    expect(server.last()).toMatchObject({ method: 'POST', url: `${PREFIX}/syncs`, json: create });

    server.reply({ status: 200, body: { items: [sync] } });
    await expect(listSyncs()).resolves.toEqual([sync]);
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/syncs` });

    server.reply({ status: 200, body: sync });
    await getSync('nightly');
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/syncs/nightly` });

    const update = {
      resourceVersion: '7',
      source: { url: 'https://charts.example.com' },
      schedule: '0 4 * * *',
      suspend: true,
    };
    server.reply({ status: 200, body: sync });
    await updateSync('nightly', update);
    expect(server.last()).toMatchObject({ method: 'PUT', url: `${PREFIX}/syncs/nightly`, json: update });

    server.reply({ status: 202, body: job });
    await expect(runSync('nightly')).resolves.toEqual(job);
    expect(server.last()).toMatchObject({
      method: 'POST',
      url: `${PREFIX}/syncs/nightly/run`,
      json: undefined,
    });

    const deleted = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
    server.reply({ status: 200, body: deleted });
    await expect(deleteSync('nightly')).resolves.toEqual(deleted);
    expect(server.last()).toMatchObject({ method: 'DELETE', url: `${PREFIX}/syncs/nightly` });
  });
});

describe('categories', () => {
  it('lists the store categories', async () => {
    const items = [
      { name: 'ctg-1', displayName: 'Database' },
      { name: 'kubesphere-app-uncategorized', displayName: 'kubesphere-app-uncategorized' },
    ];
    server.reply({ status: 200, body: { items } });
    await expect(listCategories()).resolves.toEqual(items);
    expect(server.last()).toMatchObject({ method: 'GET', url: `${PREFIX}/categories` });
  });

  it('rejects with the Status reason', async () => {
    server.reply(status(424, 'StoreMissing', 'App Store Management is not installed'));
    const error = await listCategories().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 424, reason: 'StoreMissing' });
  });
});

describe('sizes and category mapping', () => {
  it('sends them with a preview and with a job', async () => {
    server.reply({ status: 200, body: {} });
    await createPreview({
      source: { url: 'https://charts.example.com' },
      sizes: 'selected',
      categories: { nginx: 'Web' },
    });
    expect(server.last().json).toEqual({
      source: { url: 'https://charts.example.com' },
      sizes: 'selected',
      categories: { nginx: 'Web' },
    });

    server.reply({ status: 202, body: {} });
    await createJob({
      source: { url: 'https://charts.example.com' },
      categories: { nginx: 'Web' },
      publish: 'draft',
    });
    expect(server.last()).toMatchObject({
      method: 'POST',
      url: `${PREFIX}/jobs`,
      json: { source: { url: 'https://charts.example.com' }, categories: { nginx: 'Web' }, publish: 'draft' },
    });
  });
});

describe('errors', () => {
  it('maps a Kubernetes Status body to an ApiError', async () => {
    server.reply(status(409, 'Conflict', 'job job-1 already ended (Succeeded)'));
    const error = await rejection(cancelJob('job-1'));
    expect(error).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'job job-1 already ended (Succeeded)',
    });
  });

  it('keeps the backend reasons that are not HTTP ones', async () => {
    server.reply(
      status(422, 'RepoUnreadable', 'https://charts.example.com/index.yaml: authentication required'),
    );
    const error = await rejection(createPreview({ source: { url: 'https://charts.example.com' } }));
    expect(error).toMatchObject({
      code: 422,
      reason: 'RepoUnreadable',
      message: 'https://charts.example.com/index.yaml: authentication required',
    });
  });

  it('falls back to the HTTP status for a body that is not a Status', async () => {
    server.reply({ status: 502, raw: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' });
    const error = await rejection(listRepos());
    expect(error).toMatchObject({
      code: 502,
      reason: 'BadGateway',
      message: 'Request failed with status 502',
    });
  });

  it('shows a short plain-text body as the message', async () => {
    server.reply({ status: 401, raw: 'Unauthorized: token expired\n', contentType: 'text/plain' });
    const error = await rejection(listSyncs());
    expect(error).toMatchObject({
      code: 401,
      reason: 'Unauthorized',
      message: 'Unauthorized: token expired',
    });
  });

  it('reports a service that cannot be reached', async () => {
    const closed = new RecordingServer();
    const url = await closed.start();
    await closed.stop();
    const baseURL = http.defaults.baseURL;
    http.defaults.baseURL = url;
    try {
      const error = await rejection(listRepos());
      expect(error.code).toBe(0);
      expect(error.reason).toBe('NetworkError');
      expect(error.message).toMatch(/^The service could not be reached/);
    } finally {
      http.defaults.baseURL = baseURL;
    }
  });
});
