import { useCallback, useEffect, useReducer, useState } from 'react';
import { useQueryClient } from 'react-query';
import { isTerminalPhase, watchJob, type ApiError, type JobRecord } from '../../../api';
import { queryKeys, useJob } from '../../../api/queries';
import { reduceJobView, type JobView } from './model';

/** After the event stream breaks, how long the browser's own reconnection gets before we start over. */
const RESTART_AFTER_MS = 5_000;

export interface JobViewState {
  view: JobView | undefined;
  /** Reading the job failed (404 included); the stream's own hiccups are `interrupted`. */
  error: ApiError | undefined;
  /** The live stream is down and being re-established. */
  interrupted: boolean;
  /** Reads the job again and reconnects. */
  reload: () => void;
}

/**
 * A job, read once and then followed over Server-Sent Events until it ends. A reload of the page
 * lands here again: the read brings the recorded status (counts, per-chart outcomes, failures),
 * the stream everything after it. The job itself lives in the query cache, which the stream's
 * statuses update; the live items and warnings, which only this page shows, in its reducer.
 */
export function useJobView(id: string): JobViewState {
  const client = useQueryClient();
  const job = useJob(id);
  const [view, dispatch] = useReducer(reduceJobView, undefined);
  const [streamDown, setStreamDown] = useState(false);
  // A new stream for the same job: after a reload, or when the broken one is given up.
  const [connection, setConnection] = useState(0);
  const { data, refetch } = job;
  const running = data !== undefined && !isTerminalPhase(data.status.phase);

  const reload = useCallback(() => {
    void refetch();
    setConnection((value) => value + 1);
  }, [refetch]);

  useEffect(() => {
    if (data !== undefined) dispatch({ type: 'status', job: data });
  }, [data]);

  useEffect(() => {
    if (!running) return undefined;
    let restart: ReturnType<typeof setTimeout> | undefined;
    const healthy = (): void => {
      clearTimeout(restart);
      restart = undefined;
      setStreamDown(false);
    };
    const stopWatching = watchJob(id, {
      onStatus: (next) => {
        healthy();
        client.setQueryData<JobRecord>(queryKeys.job(id), next);
      },
      onItem: (event) => {
        healthy();
        dispatch({ type: 'item', event });
      },
      onWarning: (warning) => {
        dispatch({ type: 'warning', warning });
      },
      onError: () => {
        setStreamDown(true);
        // An EventSource retries by itself, except after an HTTP error: then start over.
        restart ??= setTimeout(reload, RESTART_AFTER_MS);
      },
    });
    return () => {
      clearTimeout(restart);
      stopWatching();
    };
  }, [client, id, running, connection, reload]);

  // A failed re-read of a job on screen is retried (jobQuery): an interruption, not an error.
  const rereading = data !== undefined && job.failureCount > 0 && job.error === null;
  return {
    view,
    error: job.error ?? undefined,
    interrupted: streamDown || rereading,
    reload,
  };
}
