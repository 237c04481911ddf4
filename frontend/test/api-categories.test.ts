// The API additions the wizard uses: GET /categories, preview sizes and category mapping, job categories.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createJob, createPreview, http, listCategories } from '../src/api';
import { RecordingServer, status } from './support/recording-server';

const PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const server = new RecordingServer();
const originalBaseURL = http.defaults.baseURL;

beforeAll(async () => {
  http.defaults.baseURL = await server.start();
});

afterAll(async () => {
  http.defaults.baseURL = originalBaseURL;
  await server.stop();
});

beforeEach(() => {
  server.requests.length = 0;
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
