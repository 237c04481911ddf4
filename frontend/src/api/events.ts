import { http } from './client';
import { jobEventsUrl, type JobItemEvent, type JobWarningEvent } from './jobs';
import { isTerminalPhase, type JobRecord } from './types';

export interface JobEventHandlers {
  /** The whole job: first on every (re)connection, then every few seconds and on phase changes. */
  onStatus?: (job: JobRecord) => void;
  onItem?: (event: JobItemEvent) => void;
  onWarning?: (event: JobWarningEvent) => void;
  /** The connection failed (the browser retries by itself) or an event was not JSON. */
  onError?: (error: Error) => void;
}

/** The part of the DOM `EventSource` this module uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

const browserEventSource: EventSourceFactory = (url) => new EventSource(url, { withCredentials: true });

/** URL of a job's event stream, relative to the axios client's baseURL (same origin by default). */
export function jobEventsStreamUrl(id: string): string {
  return `${http.defaults.baseURL ?? ''}${jobEventsUrl(id)}`;
}

/**
 * Follows a job's progress. The stream closes after the first status whose phase is terminal:
 * the server ends it there, and an EventSource left open would reconnect forever.
 * Returns a function that stops watching.
 */
export function watchJob(
  id: string,
  handlers: JobEventHandlers,
  createEventSource: EventSourceFactory = browserEventSource,
): () => void {
  const source = createEventSource(jobEventsStreamUrl(id));
  let closed = false;
  const close = (): void => {
    if (!closed) {
      closed = true;
      source.close();
    }
  };

  function listen(type: string, handle: (data: unknown) => void): void {
    source.addEventListener(type, (event) => {
      if (closed) return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        handlers.onError?.(new Error(`job ${id}: the ${type} event is not JSON`));
        return;
      }
      handle(data);
    });
  }

  listen('status', (data) => {
    const job = data as JobRecord;
    handlers.onStatus?.(job);
    if (isTerminalPhase(job.status.phase)) close();
  });
  listen('item', (data) => handlers.onItem?.(data as JobItemEvent));
  listen('warning', (data) => handlers.onWarning?.(data as JobWarningEvent));
  source.onerror = () => {
    if (!closed) handlers.onError?.(new Error(`job ${id}: the event stream was interrupted`));
  };
  return close;
}
