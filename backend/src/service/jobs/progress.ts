// A job's status as the engine's events change it: progress counts, the summary, the outcome of
// every chart of the plan, the first failures, notes and warnings. The status stays small
// whatever the size of the import; the listeners learn what changed.
import { say, type ImportEvent, type ImportItem, type Message } from '../../engine/index.js';
import {
  MAX_RECORDED_CHARTS,
  MAX_RECORDED_FAILURES,
  type JobChartStatus,
  type JobEvent,
  type JobStatus,
} from './types.js';

export const MAX_RECORDED_WARNINGS = 20;
/** The OpenAPI document's JobStatus.pruned maxItems. */
export const MAX_RECORDED_PRUNED = 500;

/** What a change tells a job's listeners: its whole record anew, or one item or warning. */
export type ProgressNote = { type: 'status' } | Exclude<JobEvent, { type: 'status' }>;

export function emptyStatus(): JobStatus {
  return {
    phase: 'Pending',
    progress: { done: 0, total: 0 },
    summary: { created: 0, exists: 0, failed: 0, planned: 0 },
    failures: [],
    warnings: [],
  };
}

/** Keeps the first items only: the status stays small, whatever the size of the import. */
function keepFirst(items: ImportItem[], item: ImportItem): void {
  if (items.length < MAX_RECORDED_FAILURES) items.push(recordable(item));
}

/** The job object's schema bounds its texts (the ImportJob CRD: 2048 characters, 10 reasons). */
const MAX_TEXT = 2048;
const MAX_REASONS = 10;

export function recordableText(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text;
}

export function recordableMessage(message: Message): Message {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params))
    params[name] = typeof value === 'string' ? recordableText(value) : value;
  return { code: message.code, params, message: recordableText(message.message) };
}

function recordable(item: ImportItem): ImportItem {
  const reasons = item.reasons?.slice(0, MAX_REASONS).map(recordableMessage);
  return { ...item, reason: recordableText(item.reason), ...(reasons ? { reasons } : {}) };
}

/** Writes the engine's events into one job's status (the live record's, changed in place). */
export class JobProgress {
  /** The entries of `status.charts`, by chart name. */
  private charts = new Map<string, JobChartStatus>();

  constructor(private readonly status: JobStatus) {}

  /** Applies an engine event; what changed, in the order listeners hear it (none: nothing did). */
  apply(event: ImportEvent): ProgressNote[] {
    const { status } = this;
    switch (event.type) {
      case 'plan': {
        const notes: ProgressNote[] = [];
        status.progress = { done: status.progress.done, total: event.versions };
        status.charts = event.planned.slice(0, MAX_RECORDED_CHARTS).map(({ chart, app, versions }) => ({
          chart,
          app,
          total: versions,
          created: 0,
          exists: 0,
          failed: 0,
          planned: 0,
        }));
        this.charts = new Map(status.charts.map((entry) => [entry.chart, entry]));
        if (event.planned.length > MAX_RECORDED_CHARTS) {
          notes.push(
            this.warn(say('charts-listed-partly', { max: MAX_RECORDED_CHARTS, count: event.planned.length })),
          );
        }
        notes.push({ type: 'status' });
        return notes;
      }
      case 'item': {
        status.progress = { done: event.done, total: event.total };
        status.summary[event.item.status] += 1;
        const chart = this.charts.get(event.item.chart);
        if (chart) chart[event.item.status] += 1;
        if (event.item.status === 'failed') keepFirst(status.failures, event.item);
        else if (event.item.reason !== '') keepFirst((status.notes ??= []), event.item);
        return [{ type: 'item', item: event.item, done: event.done, total: event.total }];
      }
      case 'warning':
        return [this.warn(event.warning)];
      case 'index':
        return [];
      case 'pruned': {
        // The pruned versions stay with the job (its page lists them), the first MAX_RECORDED_PRUNED.
        const pruned = (status.pruned ??= []);
        if (pruned.length >= MAX_RECORDED_PRUNED) return [];
        const { reasons, reason, ...entry } = event.entry;
        pruned.push({
          ...entry,
          reason: recordableText(reason),
          reasons: reasons.slice(0, MAX_REASONS).map(recordableMessage),
        });
        return [{ type: 'status' }];
      }
    }
  }

  /** Records a warning (the first MAX_RECORDED_WARNINGS stay in the status); listeners hear each. */
  warn(warning: Message): ProgressNote {
    const { warnings } = this.status;
    if (warnings.length < MAX_RECORDED_WARNINGS) warnings.push(recordableMessage(warning));
    return { type: 'warning', warning };
  }
}
