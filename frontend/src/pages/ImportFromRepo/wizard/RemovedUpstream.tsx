// The store versions the repository no longer lists: in the preview (they stay unless the import
// prunes them), and in the review of an import that prunes (what it removes, what it keeps and why).
import { Alert } from '@kubed/components';
import type { RepoPreview } from '../../../api';
import { PrunedList, prunedCounts } from '../../../components/PrunedList';
import { asText, listText } from '../../../i18n';

type RemovedChart = NonNullable<RepoPreview['removedUpstream']>[number];

function chartLine({ chart, versions, chartGone }: RemovedChart): string {
  const params = asText({ chart, versions: listText(versions) });
  return chartGone ? t('PRUNE_CHART_GONE', params) : t('PRUNE_CHART_VERSIONS', params);
}

export function RemovedUpstream({ preview }: { preview: Pick<RepoPreview, 'removedUpstream' | 'pruned'> }) {
  const { pruned } = preview;
  if (pruned !== undefined) {
    const { removed, kept } = prunedCounts(pruned);
    // A warning only for what goes; what stays (and why) apart, as information.
    return (
      <>
        {removed > 0 && (
          <Alert
            type="warning"
            style={{ marginTop: 12 }}
            data-testid="will-remove"
            title={t('PRUNE_WILL_REMOVE_TITLE', asText({ count: removed }))}
          >
            <PrunedList entries={pruned.filter((entry) => entry.status !== 'kept')} />
          </Alert>
        )}
        {kept > 0 && (
          <Alert
            type="info"
            style={{ marginTop: 12 }}
            data-testid="will-keep"
            title={t('PRUNE_WILL_KEEP_TITLE', asText({ count: kept }))}
          >
            <PrunedList entries={pruned.filter((entry) => entry.status === 'kept')} />
          </Alert>
        )}
      </>
    );
  }
  const charts = preview.removedUpstream ?? [];
  if (charts.length === 0) return null;
  const count = charts.reduce((sum, chart) => sum + chart.versions.length, 0);
  return (
    <Alert
      type="info"
      style={{ marginTop: 12 }}
      data-testid="removed-upstream"
      title={t('PRUNE_REMOVED_UPSTREAM_TITLE', asText({ count }))}
    >
      <div>{t('PRUNE_REMOVED_UPSTREAM_DESC')}</div>
      <ul style={{ margin: 0, paddingLeft: 18, listStyle: 'disc' }}>
        {charts.map((chart) => (
          <li key={chart.chart}>{chartLine(chart)}</li>
        ))}
      </ul>
    </Alert>
  );
}
