// A chart's details through react-query (src/api/queries.ts) against a real HTTP server: one POST
// per source, chart and version; the answer kept a while for a source without credentials, and
// dropped as soon as nothing shows it when the request carries a password or token.
import { QueryClient, QueryObserver, setLogger } from 'react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartDetailsRequest } from '../src/api';
import { chartDetailsQuery, DETAILS_CACHE_MS, queryKeys } from '../src/api/queries';
import { recordingServerForFile } from './support/recording-server';

const PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const server = recordingServerForFile();
let client: QueryClient;

setLogger({ log: () => undefined, warn: () => undefined, error: () => undefined });

beforeEach(() => {
  client = new QueryClient();
});

afterEach(() => {
  client.clear();
});

const plain: ChartDetailsRequest = {
  source: { url: 'https://charts.example.com' },
  chart: 'web',
  version: '1.0.0',
};
const secret: ChartDetailsRequest = {
  source: { url: 'https://charts.example.com', username: 'u', password: 'p4ss' },
  chart: 'web',
  version: '1.0.0',
};

async function show(request: ChartDetailsRequest): Promise<() => void> {
  server.reply({ status: 200, body: { chart: request.chart, version: request.version } });
  const observer = new QueryObserver(client, chartDetailsQuery(request));
  const stop = observer.subscribe(() => undefined);
  await vi.waitFor(() => {
    expect(observer.getCurrentResult().data).toEqual({ chart: request.chart, version: request.version });
  });
  return stop;
}

describe('chart details query', () => {
  it('posts the source, chart and version once, and reads nothing without a request', async () => {
    const idle = new QueryObserver(client, chartDetailsQuery(undefined));
    const stopIdle = idle.subscribe(() => undefined);
    expect(idle.getCurrentResult().isIdle).toBe(true);
    stopIdle();

    const stop = await show(plain);
    expect(server.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `POST ${PREFIX}/previews/chart`,
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual(plain);
    stop();
    // Without credentials the answer stays for the next look.
    expect(client.getQueryCache().find(queryKeys.chartDetails(plain))?.cacheTime).toBe(DETAILS_CACHE_MS);
  });

  it('keeps no request with credentials once nothing shows it', async () => {
    const stop = await show(secret);
    expect(client.getQueryCache().find(queryKeys.chartDetails(secret))).toBeDefined();
    stop();
    await vi.waitFor(() => {
      expect(client.getQueryCache().find(queryKeys.chartDetails(secret))).toBeUndefined();
    });
  });
});
