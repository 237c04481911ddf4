// The charts' categories under the admin's category rules. The service decides which rule matches
// a chart (as the import will), so the rows take their category and its source from a preview of
// the same source with the rules (no sizes), asked for once the rules stop changing for a moment.
import { useMemo } from 'react';
import type { CategoryRule, PreviewRequest, SourceRequest } from '../../../api';
import { usePreview } from '../../../api/queries';
import { useSettled } from '../../../components/useSettled';
import type { ChartRow } from './model';

export interface RuledRows {
  /** Until the preview with the rules answers, the categories without them. */
  rows: ChartRow[];
  /** The service refused the rules (400 says which and why), or could not answer. */
  error: unknown;
  /** A preview with the rules is on its way (or the rules are still settling): the rows may change. */
  fetching: boolean;
}

export function useRuledRows(
  rows: ChartRow[],
  source: SourceRequest | undefined,
  rules: CategoryRule[] | undefined,
): RuledRows {
  const key = rules === undefined ? '' : JSON.stringify(rules);
  const settled = useSettled(key);
  const request = useMemo((): PreviewRequest | undefined => {
    if (source === undefined || settled === '' || settled !== key || rules === undefined) return undefined;
    return { source, categoryRules: rules, sizes: 'none' };
    // `rules` is the value `settled` stands for.
  }, [source, settled, key]);
  // The last rules' categories stay while the next rules' preview loads, rather than flicker back.
  const preview = usePreview(request, undefined, { keepPreviousData: true });
  const ruled = useMemo(() => {
    if (request === undefined || preview.data === undefined) return rows;
    const byName = new Map(preview.data.charts.map((chart) => [chart.name, chart]));
    return rows.map((row): ChartRow => {
      const chart = byName.get(row.name);
      return chart ? { ...row, category: chart.category, categorySource: chart.categorySource } : row;
    });
  }, [rows, request, preview.data]);
  return {
    rows: ruled,
    error: request === undefined ? undefined : (preview.error ?? undefined),
    fetching: settled !== key || preview.isFetching,
  };
}
