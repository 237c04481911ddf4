import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { createJob, createPreview, runSync, toApiError, type JobRecord } from '../../../api';
import { paths } from '../../../routes/paths';
import { prefillQuery, type WizardPrefill } from '../wizard/prefill';
import { credentialsPrefill, probeRequest, rerunRoute } from './rerun';

export interface RerunState {
  /** Runs the job's import again, limited to `charts` when given; navigates to where it goes on. */
  rerun: (charts?: string[]) => void;
  busy: boolean;
  error: unknown;
}

/**
 * "Retry failed": start the same import for the failed charts. A URL source's repository is
 * read first (a preview of just those charts): when it cannot be read without what the user typed
 * last time (credentials, a CA), the wizard opens with everything else filled in.
 */
export function useRerun(job: JobRecord): RerunState {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const toWizard = (prefill: WizardPrefill): void => {
    navigate(`${paths.wizard}${prefillQuery(prefill)}`);
  };

  const start = async (charts?: string[]): Promise<void> => {
    const route = rerunRoute(job, charts);
    if (route.kind === 'wizard') {
      toWizard(route.prefill);
      return;
    }
    if (route.kind === 'sync') {
      try {
        navigate(paths.job((await runSync(route.sync)).id));
      } catch (failure) {
        // The sync (and its stored credentials) is gone: only the user can give them again.
        if (toApiError(failure).reason === 'NotFound') toWizard(credentialsPrefill(job, charts));
        else throw failure;
      }
      return;
    }
    const { request } = route;
    if (route.probe) {
      try {
        await createPreview(probeRequest(request));
      } catch (failure) {
        if (toApiError(failure).reason === 'RepoUnreadable') {
          toWizard(credentialsPrefill(job, charts));
          return;
        }
        throw failure;
      }
    }
    navigate(paths.job((await createJob(request)).id));
  };

  const rerun = (charts?: string[]): void => {
    setBusy(true);
    setError(undefined);
    start(charts).then(
      () => {
        setBusy(false);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  return { rerun, busy, error };
}
