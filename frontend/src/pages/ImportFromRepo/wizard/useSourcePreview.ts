// The first preview of a source (sizes 'latest'): started by the source step's button, cancellable,
// and dropped when the source changes, so a late answer never shows another repository's charts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPreview, type RepoPreview } from '../../../api';
import { toSourceRequest, type SourceValue } from '../../../components/SourceFields';

export interface SourcePreview {
  preview?: RepoPreview;
  loading: boolean;
  error?: unknown;
  run: (source: SourceValue, onDone: (preview: RepoPreview) => void) => void;
  cancel: () => void;
}

export function useSourcePreview(): SourcePreview {
  const controller = useRef<AbortController>();
  const [state, setState] = useState<{ preview?: RepoPreview; loading: boolean; error?: unknown }>({
    loading: false,
  });

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState((previous) => ({ preview: previous.preview, loading: false }));
  }, []);

  const run = useCallback((source: SourceValue, onDone: (preview: RepoPreview) => void) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ loading: true });
    createPreview({ source: toSourceRequest(source), sizes: 'latest' }, current.signal).then(
      (preview) => {
        if (current.signal.aborted) return;
        setState({ preview, loading: false });
        onDone(preview);
      },
      (error: unknown) => {
        if (!current.signal.aborted) setState({ error, loading: false });
      },
    );
  }, []);

  useEffect(() => () => controller.current?.abort(), []);
  return { ...state, run, cancel };
}
