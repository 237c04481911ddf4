// How a run reports the apps it adopted (plan/adopt.ts): a note on each item of such a chart.
import { noted, say } from '../messages/index.js';
import type { ImportPlan } from '../plan/types.js';
import type { ImportItem } from './types.js';

/** Chart -> the app uploaded by hand that this run adopted for it. */
export function adoptedApps(plan: ImportPlan): ReadonlyMap<string, string> {
  return new Map(
    plan.charts.flatMap(({ chart, appName, adoption }) => (adoption === 'adopted' ? [[chart, appName]] : [])),
  );
}

/**
 * The item with an `app-adopted` note first, when its chart's app was adopted by this run; a
 * failure keeps its reason alone (its first message says what went wrong).
 */
export function withAdoptionNote(item: ImportItem, adopted: ReadonlyMap<string, string>): ImportItem {
  const app = adopted.get(item.chart);
  if (app === undefined || item.status === 'failed') return item;
  return { ...item, ...noted([say('app-adopted', { app }), ...(item.reasons ?? [])]) };
}
