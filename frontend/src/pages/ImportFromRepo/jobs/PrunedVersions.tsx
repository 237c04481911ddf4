// The job page's list of the store versions the repository no longer lists, for a job that
// prunes: removed, kept (and why), or, in a dry run, to be removed. The service keeps the first
// entries only (the contract's JobStatus.pruned maxItems): the counts are of those, and said so.
import { schemaLimits, type JobRecord } from '../../../api';
import { Muted, Panel } from '../../../components/layout';
import { PrunedList } from '../../../components/PrunedList';
import { asText } from '../../../i18n';
import { Heading } from './layout';

/** How many entries the service keeps with a job (service/jobs/progress.ts MAX_RECORDED_PRUNED). */
export const MAX_LISTED_PRUNED = schemaLimits.JobStatus.properties.pruned.maxItems;

/** The list's heading: how many were removed (or would be, in a dry run) and kept. */
export function prunedHeading(pruned: readonly { status: 'removed' | 'kept' | 'planned' }[]): string {
  const count = (status: 'removed' | 'kept' | 'planned') =>
    pruned.filter((entry) => entry.status === status).length;
  const kept = count('kept');
  const planned = count('planned');
  return planned > 0
    ? t('PRUNE_JOB_HEADING_PLANNED', asText({ planned, kept }))
    : t('PRUNE_JOB_HEADING', asText({ removed: count('removed'), kept }));
}

export function PrunedVersions({ job }: { job: JobRecord }) {
  const pruned = job.status.pruned ?? [];
  if (pruned.length === 0) return null;
  return (
    <Panel data-testid="job-pruned">
      <Heading>{prunedHeading(pruned)}</Heading>
      {pruned.length >= MAX_LISTED_PRUNED && (
        <p style={{ margin: '0 0 8px' }} data-testid="job-pruned-first">
          <Muted>{t('PRUNE_JOB_FIRST', asText({ max: MAX_LISTED_PRUNED }))}</Muted>
        </p>
      )}
      <PrunedList entries={pruned} />
    </Panel>
  );
}
