import { afterEach, describe, expect, it } from 'vitest';
import { http, watchJob, type EventSourceLike, type JobRecord } from '../src/api';
import { jobRecord } from './jobs-fixtures';

/**
 * Stands in for the browser's EventSource (Node 20 has none): records the URL and lets the test
 * deliver named events. The stream's wire format is the backend's, tested there.
 */
class FakeEventSource implements EventSourceLike {
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  emit(type: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const listener of this.listeners.get(type) ?? []) listener({ data: text } as MessageEvent<string>);
  }
}

function jobIn(phase: JobRecord['status']['phase']): JobRecord {
  return jobRecord({
    status: {
      phase,
      progress: { done: 1, total: 2 },
      summary: { created: 1, exists: 0, failed: 0, planned: 0 },
    },
  });
}

function watch(id = 'job-1') {
  let source: FakeEventSource | undefined;
  const seen: string[] = [];
  const errors: string[] = [];
  const stop = watchJob(
    id,
    {
      onStatus: (job) => seen.push(`status:${job.status.phase}`),
      onItem: (event) =>
        seen.push(`item:${event.item.chart}@${event.item.version}:${event.done}/${event.total}`),
      onWarning: (event) => seen.push(`warning:${event.message}`),
      onError: (error) => errors.push(error.message),
    },
    (url) => (source = new FakeEventSource(url)),
  );
  if (source === undefined) throw new Error('no EventSource was created');
  return { source, seen, errors, stop };
}

const originalBaseURL = http.defaults.baseURL;
afterEach(() => {
  http.defaults.baseURL = originalBaseURL;
});

describe('watchJob', () => {
  it('opens the job event stream, same origin by default', () => {
    http.defaults.baseURL = undefined;
    expect(watch('job 1').source.url).toBe('/kapis/storeimporter.kubesphere.io/v1alpha1/jobs/job%201/events');
    http.defaults.baseURL = 'http://127.0.0.1:9';
    expect(watch().source.url).toBe(
      'http://127.0.0.1:9/kapis/storeimporter.kubesphere.io/v1alpha1/jobs/job-1/events',
    );
  });

  it('delivers status, item and warning events and closes after a terminal status', () => {
    const { source, seen, errors } = watch();
    source.emit('status', jobIn('Running'));
    source.emit('item', {
      item: { chart: 'nginx', version: '1.0.0', status: 'created', app: 'nginx', reason: '' },
      done: 1,
      total: 2,
    });
    source.emit('warning', { message: 'chart foo has no icon' });
    expect(source.closed).toBe(false);
    source.emit('status', jobIn('PartiallyFailed'));
    expect(source.closed).toBe(true);
    source.emit('warning', { message: 'after the end' });
    expect(seen).toEqual([
      'status:Running',
      'item:nginx@1.0.0:1/2',
      'warning:chart foo has no icon',
      'status:PartiallyFailed',
    ]);
    expect(errors).toEqual([]);
  });

  it('reports events that are not JSON and interruptions, and stops on demand', () => {
    const { source, seen, errors, stop } = watch();
    source.emit('item', 'not json');
    source.onerror?.({} as Event);
    expect(errors).toEqual([
      'job job-1: the item event is not JSON',
      'job job-1: the event stream was interrupted',
    ]);
    stop();
    expect(source.closed).toBe(true);
    source.emit('status', jobIn('Running'));
    expect(seen).toEqual([]);
  });
});
