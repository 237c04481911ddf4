// How an ended job ended, in words: one localized sentence per terminal phase, from the job's own
// data. The server's reason (`status.detail`, a message code) is shown as the detail, in the
// user's language, where it says more than the sentence.
import { schemaLimits, type ImportSummary, type JobRecord, type MessageCode } from '../../../api';
import { messageText } from '../../../components/messages';
import { asText } from '../../../i18n';
import { formatNumber } from '../../../components/format';
import { formatTime } from '../../../components/time';

export interface JobOutcome {
  /** kube-design Alert type: how the ending reads at a glance. */
  type: 'info' | 'warning' | 'error' | 'default';
  /** The localized sentence. */
  lead: string;
  /** The server's message, when it adds something to `lead`. */
  detail?: string;
}

/** Reasons the lead sentence already gives. */
const SAID_BY_LEAD: ReadonlySet<MessageCode> = new Set<MessageCode>([
  'job-cancelled',
  'job-cancelled-before-start',
  'job-all-failed',
  'cancelled',
]);

/**
 * The server's reason unless the sentence says it already; a job stored before reasons had
 * codes shows its English message unless it only names the phase ("cancelled").
 */
function serverDetail(job: JobRecord): string | undefined {
  const { detail } = job.status;
  if (detail !== undefined) return SAID_BY_LEAD.has(detail.code) ? undefined : messageText(detail);
  const message = job.status.message?.trim() ?? '';
  const bare = message.replace(/[^a-z]/gi, '').toLowerCase();
  return bare === '' || bare === job.status.phase.toLowerCase() ? undefined : message;
}

/** How many store versions the run removed: "500+" when the job's list is full (it keeps the first only). */
function removedCount(job: JobRecord): number | string {
  const pruned = job.status.pruned ?? [];
  const removed = pruned.filter((entry) => entry.status === 'removed').length;
  return pruned.length >= schemaLimits.JobStatus.properties.pruned.maxItems && removed > 0
    ? `${formatNumber(removed)}+`
    : removed;
}

function succeeded(job: JobRecord, summary: ImportSummary): JobOutcome {
  if (job.spec.dryRun)
    return { type: 'info', lead: t('JOB_OUTCOME_DRY_RUN', asText({ count: summary.planned })) };
  // A prune is work done too: "nothing to do" above the versions it removed would contradict them.
  const removed = removedCount(job);
  if (summary.created === 0)
    return removed === 0
      ? { type: 'info', lead: t('JOB_OUTCOME_NOTHING_TO_DO') }
      : { type: 'info', lead: t('JOB_OUTCOME_ONLY_REMOVED', asText({ count: removed })) };
  const lead = t('JOB_OUTCOME_SUCCEEDED', asText({ count: summary.created }));
  return removed === 0
    ? { type: 'info', lead }
    : { type: 'info', lead, detail: t('JOB_OUTCOME_REMOVED', asText({ count: removed })) };
}

function failedLead(summary: ImportSummary): string {
  const handled = summary.created + summary.exists + summary.failed;
  // Every version failed (the service's own reason for Failed once a plan ran).
  if (summary.failed > 0 && summary.failed === handled)
    return t('JOB_OUTCOME_ALL_FAILED', asText({ count: summary.failed }));
  if (summary.created > 0) return t('JOB_OUTCOME_FAILED_KEPT', asText({ count: summary.created }));
  return t('JOB_OUTCOME_FAILED');
}

/** The server's message stays: it may name the cause (the App Store missing, an unreadable repository). */
function failed(job: JobRecord, summary: ImportSummary): JobOutcome {
  return { type: 'error', lead: failedLead(summary), detail: serverDetail(job) };
}

function cancelled(job: JobRecord, summary: ImportSummary): JobOutcome {
  const { startTime, completionTime } = job.status;
  // Never started: the sentence is all there is to say.
  if (startTime === undefined) return { type: 'default', lead: t('JOB_OUTCOME_CANCELLED_BEFORE_START') };
  const time = asText({ time: formatTime(completionTime), count: summary.created });
  return {
    type: 'default',
    lead:
      summary.created > 0 ? t('JOB_OUTCOME_CANCELLED_KEPT', time) : t('JOB_OUTCOME_CANCELLED_NOTHING', time),
    detail: serverDetail(job),
  };
}

/** A cancel that came once every version had started: the run ends as usual, and says why. */
function withLateCancel(job: JobRecord, outcome: JobOutcome): JobOutcome {
  return job.status.cancelRequested ? { ...outcome, detail: t('JOB_OUTCOME_CANCEL_TOO_LATE') } : outcome;
}

/**
 * How the job ended; undefined while it runs. `summary` counts the live items too; `retryOffered`:
 * the page offers "Retry failed" (not when every failure needs a change first).
 */
export function outcomeOf(
  job: JobRecord,
  summary: ImportSummary,
  retryOffered = true,
): JobOutcome | undefined {
  switch (job.status.phase) {
    case 'Pending':
    case 'Running':
      return undefined;
    case 'Succeeded':
      return withLateCancel(job, succeeded(job, summary));
    case 'PartiallyFailed':
      return withLateCancel(job, {
        type: 'warning',
        lead: retryOffered
          ? t('JOB_OUTCOME_PARTIAL', asText({ count: summary.failed }))
          : t('JOB_OUTCOME_PARTIAL_NO_RETRY', asText({ count: summary.failed })),
      });
    case 'Failed':
      return failed(job, summary);
    case 'Cancelled':
      return cancelled(job, summary);
  }
}
