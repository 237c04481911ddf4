// How an ended job ended, in words: one localized sentence per terminal phase, from the job's own
// data. The server's `message` is English and terse ("cancelled"), so it is shown only as the
// detail, and only where it says more than the sentence.
import type { ImportSummary, JobRecord } from '../../../api';
import { asText } from '../../../i18n';
import { formatTime } from './format';

export interface JobOutcome {
  /** kube-design Alert type: how the ending reads at a glance. */
  type: 'info' | 'warning' | 'error' | 'default';
  /** The localized sentence. */
  lead: string;
  /** The server's message, when it adds something to `lead`. */
  detail?: string;
}

/** The server's message unless it is empty or only names the phase ("cancelled"). */
function serverDetail(job: JobRecord): string | undefined {
  const message = job.status.message?.trim() ?? '';
  const bare = message.replace(/[^a-z]/gi, '').toLowerCase();
  return bare === '' || bare === job.status.phase.toLowerCase() ? undefined : message;
}

function succeeded(job: JobRecord, summary: ImportSummary): JobOutcome {
  if (job.spec.dryRun)
    return { type: 'info', lead: t('JOB_OUTCOME_DRY_RUN', asText({ count: summary.planned })) };
  if (summary.created === 0) return { type: 'info', lead: t('JOB_OUTCOME_NOTHING_TO_DO') };
  return { type: 'info', lead: t('JOB_OUTCOME_SUCCEEDED', asText({ count: summary.created })) };
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

/** How the job ended; undefined while it runs. `summary` counts the live items too. */
export function outcomeOf(job: JobRecord, summary: ImportSummary): JobOutcome | undefined {
  switch (job.status.phase) {
    case 'Pending':
    case 'Running':
      return undefined;
    case 'Succeeded':
      return withLateCancel(job, succeeded(job, summary));
    case 'PartiallyFailed':
      return withLateCancel(job, {
        type: 'warning',
        lead: t('JOB_OUTCOME_PARTIAL', asText({ count: summary.failed })),
      });
    case 'Failed':
      return failed(job, summary);
    case 'Cancelled':
      return cancelled(job, summary);
  }
}
