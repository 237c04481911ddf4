// The first preview of a source (sizes 'latest'): started by the source step's button, cancellable,
// and dropped when the source changes, so a late answer never shows another repository's charts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreviewRequest, RepoPreview, SourceRequest } from '../../../api';
import { usePreview } from '../../../api/queries';
import { toSourceRequest, type SourceValue } from '../../../components/SourceFields';

export interface SourcePreview {
  preview?: RepoPreview;
  /** The source that preview read (credentials included): what its charts' details are read from. */
  source?: SourceRequest;
  loading: boolean;
  error?: unknown;
  run: (source: SourceValue, onDone: (preview: RepoPreview) => void) => void;
  cancel: () => void;
}

/** One click of Preview: its own query (a new `attempt` reads the repository again). */
interface Run {
  request: PreviewRequest;
  attempt: number;
}

export function useSourcePreview(): SourcePreview {
  const [current, setCurrent] = useState<Run>();
  // What the click that started the current run does with its answer, called once.
  const onDone = useRef<(preview: RepoPreview) => void>();
  const attempts = useRef(0);
  const query = usePreview(current?.request, current?.attempt);

  const run = useCallback((source: SourceValue, done: (preview: RepoPreview) => void) => {
    onDone.current = done;
    attempts.current += 1;
    setCurrent({ request: { source: toSourceRequest(source), sizes: 'latest' }, attempt: attempts.current });
  }, []);

  // Leaving the query aborts its request: react-query cancels a read nothing observes any more.
  const cancel = useCallback(() => {
    onDone.current = undefined;
    setCurrent(undefined);
  }, []);

  const { data, error, isFetching } = query;
  useEffect(() => {
    const done = onDone.current;
    if (data === undefined || done === undefined) return;
    onDone.current = undefined;
    done(data);
  }, [data]);

  return {
    preview: data,
    source: current?.request.source,
    loading: isFetching,
    error: error ?? undefined,
    run,
    cancel,
  };
}
