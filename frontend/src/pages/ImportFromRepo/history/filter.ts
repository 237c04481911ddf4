// Which past imports the history shows: a search over what the table shows, and a phase filter.
import { isTerminalPhase, type JobPhase, type JobRecord } from '../../../api';

export type PhaseFilter = 'all' | 'active' | JobPhase;

function matchesPhase(job: JobRecord, phase: PhaseFilter): boolean {
  if (phase === 'all') return true;
  if (phase === 'active') return !isTerminalPhase(job.status.phase);
  return job.status.phase === phase;
}

/** Jobs whose id, repository, workspace, requester or sync contains `keyword` (any case). */
export function filterJobs(jobs: readonly JobRecord[], keyword: string, phase: PhaseFilter): JobRecord[] {
  const needle = keyword.trim().toLowerCase();
  return jobs.filter((job) => {
    if (!matchesPhase(job, phase)) return false;
    if (needle === '') return true;
    const haystack = [
      job.id,
      job.spec.source.url,
      job.spec.source.configuredRepo?.name ?? '',
      job.spec.workspace ?? '',
      job.requestedBy,
      job.syncName ?? '',
    ];
    return haystack.some((text) => text.toLowerCase().includes(needle));
  });
}

/** Newest first, whatever order they came in (the service sends them so; a merge may not). */
export function newestFirst(jobs: readonly JobRecord[]): JobRecord[] {
  return [...jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
