import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { getJob, isTerminalPhase, toApiError, watchJob, type ApiError } from '../../../api';
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
 * the stream everything after it.
 */
export function useJobView(id: string): JobViewState {
  const [view, dispatch] = useReducer(reduceJobView, undefined);
  const [error, setError] = useState<ApiError>();
  const [interrupted, setInterrupted] = useState(false);
  const [generation, setGeneration] = useState(0);
  const shown = useRef(false);
  shown.current = view?.job.id === id;
  const reload = useCallback(() => {
    setGeneration((value) => value + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let stopWatching: (() => void) | undefined;
    let restart: ReturnType<typeof setTimeout> | undefined;
    const healthy = (): void => {
      clearTimeout(restart);
      restart = undefined;
      setInterrupted(false);
    };

    getJob(id, controller.signal)
      .then((job) => {
        setError(undefined);
        dispatch({ type: 'status', job });
        if (isTerminalPhase(job.status.phase)) return;
        stopWatching = watchJob(id, {
          onStatus: (next) => {
            healthy();
            dispatch({ type: 'status', job: next });
          },
          onItem: (event) => {
            healthy();
            dispatch({ type: 'item', event });
          },
          onWarning: ({ message }) => {
            dispatch({ type: 'warning', message });
          },
          onError: () => {
            setInterrupted(true);
            // An EventSource retries by itself, except after an HTTP error: then start over.
            restart ??= setTimeout(reload, RESTART_AFTER_MS);
          },
        });
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        const failure = toApiError(reason);
        // Once the job is on screen, a failed re-read is one more interruption: keep it, try again.
        if (shown.current && failure.reason !== 'NotFound') {
          setInterrupted(true);
          restart = setTimeout(reload, RESTART_AFTER_MS);
        } else setError(failure);
      });

    return () => {
      controller.abort();
      clearTimeout(restart);
      stopWatching?.();
    };
  }, [id, generation, reload]);

  return { view, error, interrupted, reload };
}
