import { useNavigate } from 'react-router-dom';
import { createJob, createPreview, runSync, toApiError, type JobRecord } from '../../../api';
import { queryKeys, useWrite } from '../../../api/queries';
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
  // Where the retry goes on: the new job's page, or the wizard when the user must give something.
  const destination = useWrite({
    write: (charts?: string[]) => rerunDestination(job, charts),
    stale: [queryKeys.jobs, queryKeys.syncs],
  });
  return {
    rerun: (charts) => {
      destination.mutate(charts, {
        onSuccess: (to) => {
          navigate(to);
        },
      });
    },
    busy: destination.isLoading,
    error: destination.error ?? undefined,
  };
}

async function rerunDestination(job: JobRecord, charts?: string[]): Promise<string> {
  const toWizard = (prefill: WizardPrefill): string => `${paths.wizard}${prefillQuery(prefill)}`;
  const route = rerunRoute(job, charts);
  if (route.kind === 'wizard') return toWizard(route.prefill);
  if (route.kind === 'sync') {
    try {
      return paths.job((await runSync(route.sync)).id);
    } catch (failure) {
      // The sync (and its stored credentials) is gone: only the user can give them again.
      if (toApiError(failure).reason === 'NotFound') return toWizard(credentialsPrefill(job, charts));
      throw failure;
    }
  }
  const { request } = route;
  if (route.probe) {
    try {
      await createPreview(probeRequest(request));
    } catch (failure) {
      if (toApiError(failure).reason === 'RepoUnreadable') return toWizard(credentialsPrefill(job, charts));
      throw failure;
    }
  }
  return paths.job((await createJob(request)).id);
}
