// What the job page shows, merged from the job's stored status and its live events. Pure: the
// page's reducer and the tests use the same functions.
import type {
  ImportItem,
  ImportSummary,
  JobChartStatus,
  JobItemEvent,
  JobRecord,
  Message,
} from '../../../api';
import { reasonText } from '../../../components/messages';

/** One version with something to say: a failure's reason, or a note (slimmed, resumed...). */
export interface VersionNote extends Pick<ImportItem, 'reason' | 'reasons' | 'remedy'> {
  version: string;
  status: ImportItem['status'];
}

/**
 * One row of the job page: a chart and how its versions went. The service keeps one per chart of
 * the plan with the job (`status.charts`), `total` being the versions the chart has in the plan.
 */
export interface ChartRow extends JobChartStatus {
  notes: VersionNote[];
}

/**
 * A chart's state: the worst of its versions' (any failure makes it failed); `waiting` before its
 * first version is done, `partial` while some are (or forever, for a job that was stopped).
 */
export type ChartState = ImportItem['status'] | 'waiting' | 'partial';

/** The job page's state: the last status read, and what arrived live since. */
export interface JobView {
  job: JobRecord;
  /** Item events received on this page, in order; `done` tells which the status already counts. */
  live: JobItemEvent[];
  /** Warnings received live (the status keeps at most a few). */
  liveWarnings: Message[];
}

export type JobViewAction =
  | { type: 'status'; job: JobRecord }
  | { type: 'item'; event: JobItemEvent }
  | { type: 'warning'; warning: Message };

export function reduceJobView(view: JobView | undefined, action: JobViewAction): JobView | undefined {
  switch (action.type) {
    case 'status':
      if (view && view.job.id !== action.job.id) return { job: action.job, live: [], liveWarnings: [] };
      return {
        job: action.job,
        live: stillNeeded(view?.live ?? [], action.job),
        liveWarnings: view?.liveWarnings ?? [],
      };
    case 'item':
      return view && { ...view, live: [...view.live, action.event] };
    case 'warning':
      return view && { ...view, liveWarnings: [...view.liveWarnings, action.warning] };
  }
}

/**
 * The live items a new status does not make redundant: those it does not count yet, those of
 * charts it does not list, and those with something to say. A 15,000-version import then keeps
 * a few items, not all of them.
 */
function stillNeeded(live: JobItemEvent[], job: JobRecord): JobItemEvent[] {
  const counted = job.status.progress.done;
  const listed = new Set((job.status.charts ?? []).map(({ chart }) => chart));
  return live.filter(
    ({ item, done }) =>
      done > counted || !listed.has(item.chart) || item.reason !== '' || item.status === 'failed',
  );
}

/** Items the stored status does not count yet: they arrived after its snapshot was taken. */
function uncounted(view: JobView): JobItemEvent[] {
  const counted = view.job.status.progress.done;
  return view.live.filter((event) => event.done > counted);
}

/** Versions handled and in the plan, the live events being ahead of the last status read. */
export function progressOf(view: JobView): { done: number; total: number; percent: number } {
  let { done, total } = view.job.status.progress;
  const last = view.live.at(-1);
  if (last && last.done > done) ({ done, total } = last);
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return { done, total, percent };
}

/** The status's counts plus the items that arrived since. */
export function summaryOf(view: JobView): ImportSummary {
  const summary = { ...view.job.status.summary };
  for (const { item } of uncounted(view)) summary[item.status] += 1;
  return summary;
}

/** Recorded warnings first, then live ones not recorded, each once. */
export function warningsOf(view: JobView): Message[] {
  const byText = new Map<string, Message>();
  for (const warning of [...view.job.status.warnings, ...view.liveWarnings])
    if (!byText.has(warning.message)) byText.set(warning.message, warning);
  return [...byText.values()];
}

/**
 * One row per chart, in plan order: counts from `status.charts` plus newer live items (all items
 * seen for a chart it does not list: a job stored without it, or past its size cap), notes from
 * live items, recorded failures and recorded notes (each version once).
 */
export function chartRows(view: JobView): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  const rowOf = (chart: string, app: string): ChartRow => {
    let row = rows.get(chart);
    if (!row) {
      row = { chart, app, total: 0, created: 0, exists: 0, failed: 0, planned: 0, notes: [] };
      rows.set(chart, row);
    }
    if (row.app === '' && app !== '') row.app = app;
    return row;
  };
  const noted = new Set<string>();
  const note = (item: ImportItem): void => {
    const key = `${item.chart}\n${item.version}`;
    if (noted.has(key) || (item.reason === '' && item.status !== 'failed')) return;
    noted.add(key);
    rowOf(item.chart, item.app).notes.push({
      version: item.version,
      status: item.status,
      reason: item.reason,
      ...(item.reasons ? { reasons: item.reasons } : {}),
      ...(item.remedy ? { remedy: item.remedy } : {}),
    });
  };

  // Absent for jobs stored before the service recorded it.
  for (const outcome of view.job.status.charts ?? [])
    Object.assign(rowOf(outcome.chart, outcome.app), outcome);
  const listed = new Set(rows.keys());
  const counted = view.job.status.progress.done;
  for (const { item, done } of view.live)
    if (done > counted || !listed.has(item.chart)) rowOf(item.chart, item.app)[item.status] += 1;
  // Absent for jobs stored before the service kept notes.
  const recorded = [...view.job.status.failures, ...(view.job.status.notes ?? [])];
  // Recorded items of unlisted charts that the page did not see live count too.
  const seen = new Set(view.live.map(({ item }) => `${item.chart}\n${item.version}`));
  for (const item of recorded)
    if (!listed.has(item.chart) && !seen.has(`${item.chart}\n${item.version}`))
      rowOf(item.chart, item.app)[item.status] += 1;
  // Live items first: they win over the recorded copies of the same versions.
  for (const { item } of view.live) note(item);
  for (const item of recorded) note(item);

  const result = [...rows.values()];
  for (const row of result)
    row.notes.sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'));
  return result;
}

/**
 * A note as the page lists it: "1.0.0: reason". An item about the whole chart (not in the
 * repository: no version) is the reason alone.
 */
export function noteText(note: VersionNote): string {
  const reason = note.reason === '' ? t('JOB_NO_REASON') : reasonText(note);
  return note.version === '' ? reason : `${note.version}: ${reason}`;
}

/** Versions of the chart handled so far. */
export function handledVersions(row: ChartRow): number {
  return row.created + row.exists + row.failed + row.planned;
}

export function chartState(row: ChartRow): ChartState {
  if (row.failed > 0) return 'failed';
  const handled = handledVersions(row);
  if (handled < row.total) return handled === 0 ? 'waiting' : 'partial';
  if (row.created > 0) return 'created';
  if (row.exists > 0) return 'exists';
  return 'planned';
}

/**
 * Charts with a failed version, split by what helps: `retryable`, a run again may fix one of its
 * failures (a timeout, a server error; or a failure the job did not keep, or kept without its
 * remedy); `permanent`, every failure needs a change first (a missing chart, a package too large
 * or invalid, a blocked address), which its reasons say.
 */
export function failedCharts(rows: readonly ChartRow[]): { retryable: string[]; permanent: string[] } {
  const retryable: string[] = [];
  const permanent: string[] = [];
  for (const row of rows) {
    if (row.failed === 0) continue;
    const failures = row.notes.filter((note) => note.status === 'failed');
    const needChange = failures.filter((note) => note.remedy === 'change').length;
    (needChange === row.failed ? permanent : retryable).push(row.chart);
  }
  return { retryable, permanent };
}
