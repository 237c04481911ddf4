// A bundle the service no longer keeps (expired, restarted, another replica): the file the page
// still holds goes up again, once, and the caller runs again what failed with its new id; without
// the file, the source asks for it (its id stays, its summary goes). Once only until `reset`
// (a new source, a preview or job that worked): a service that loses every bundle is not fed the
// same file in a loop.
import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadBundle } from '../../../api';
import type { BundleSourceValue, SourceValue } from '../../../components/source';

export interface BundleReupload {
  /** The file is going up again: what waits for it must not be run (nor clicked) meanwhile. */
  running: boolean;
  /** Why the file could not go up again; cleared by the next try and by `reset`. */
  error: unknown;
  /** Uploads `source`'s file again (once), then hands the new value to `then`. */
  run: (source: SourceValue, then: (next: BundleSourceValue) => void) => void;
  /** Stops an upload under way (its answer is then dropped) and allows the next one. */
  reset: () => void;
}

export function useBundleReupload(
  workspace: string | undefined,
  setSource: (source: SourceValue) => void,
): BundleReupload {
  // The run under way: a settled upload whose controller is not this one is outdated.
  const current = useRef<AbortController>();
  const tried = useRef(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>();

  const reset = useCallback(() => {
    current.current?.abort();
    current.current = undefined;
    tried.current = false;
    setRunning(false);
    setError(undefined);
  }, []);
  // Leaving the page stops a possibly large upload.
  useEffect(() => () => current.current?.abort(), []);

  function run(source: SourceValue, then: (next: BundleSourceValue) => void): void {
    if (source.kind !== 'bundle') return;
    const { file } = source;
    setError(undefined);
    if (file === undefined || tried.current) {
      setSource({ kind: 'bundle', id: source.id });
      return;
    }
    tried.current = true;
    const controller = new AbortController();
    current.current?.abort();
    current.current = controller;
    setRunning(true);
    uploadBundle(file, { workspace, signal: controller.signal }).then(
      (info) => {
        if (current.current !== controller) return;
        current.current = undefined;
        setRunning(false);
        const next: BundleSourceValue = { kind: 'bundle', id: info.id, info, file };
        setSource(next);
        then(next);
      },
      (failure: unknown) => {
        if (current.current !== controller) return;
        current.current = undefined;
        setRunning(false);
        setError(failure);
      },
    );
  }

  return { running, error, run, reset };
}
