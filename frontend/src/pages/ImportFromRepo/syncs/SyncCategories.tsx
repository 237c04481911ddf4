// The sync form's category mapping: the wizard's editor (components/CategoryMapping) over the
// repository's charts, read on demand with a preview of the form's source (no package sizes,
// no mapping, so that each chart shows its own category) and read again, once they settle, when
// the rules change.
import { Button } from '@kubed/components';
import { useMemo, useState } from 'react';
import styled from 'styled-components';
import type { CategoryRule, PreviewRequest, SourceRequest } from '../../../api';
import { usePreview } from '../../../api/queries';
import { CategoryMapping } from '../../../components/CategoryMapping';
import type { CategoryRow } from '../../../components/categories';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { sourceProblem, toSourceRequest, type SourceValue } from '../../../components/source';
import { asText, listText } from '../../../i18n';
import { parseCharts } from './form';
import { toCategoryRules, type RuleDraft } from '../../../components/categoryRules';
import { useSettled } from '../../../components/useSettled';

const Summary = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
  margin-bottom: 8px;
  color: ${({ theme }) => theme.palette.accents_7};

  > span {
    flex: 1;
  }
  > button {
    flex: none;
  }
`;

export interface SyncCategoriesProps {
  source: SourceValue;
  /** The sync keeps credentials in a Secret (passCredentials applies without typed ones). */
  storedCredentials: boolean;
  /** The charts field's text: the mapping lists those charts only when it names some. */
  charts: string;
  /** Rules the charts' listed categories follow (those that can be sent). */
  categoryRules: readonly RuleDraft[];
  categories: Record<string, string>;
  onChange: (categories: Record<string, string>) => void;
  disabled?: boolean;
}

/** The preview that lists the charts: the source as loaded, every chart, no sizes, no mapping, the rules. */
function chartsRequest(source: SourceRequest, rulesKey: string): PreviewRequest {
  const categoryRules = JSON.parse(rulesKey) as CategoryRule[] | null;
  return { source, sizes: 'none', ...(categoryRules ? { categoryRules } : {}) };
}

export function SyncCategories(props: SyncCategoriesProps) {
  const { source, storedCredentials, charts, categoryRules, categories, onChange, disabled } = props;
  // The source as it was when the admin asked for the charts; the rules as they are now, settled.
  const [loaded, setLoaded] = useState<SourceRequest>();
  const rulesKey = useSettled(JSON.stringify(toCategoryRules(categoryRules) ?? null));
  const request = useMemo(
    () => (loaded === undefined ? undefined : chartsRequest(loaded, rulesKey)),
    [loaded, rulesKey],
  );
  // The last rules' categories stay while the next rules' preview loads, rather than flicker.
  const preview = usePreview(request, undefined, { keepPreviousData: true });
  const mapped = Object.entries(categories).filter(([, category]) => category.trim() !== '');
  const list = mapped.map(([chart, category]) => `${chart} → ${category}`);
  const mappedText = asText({ count: mapped.length, list: listText(list) });
  const only = new Set(parseCharts(charts));
  const rows: CategoryRow[] = (preview.data?.charts ?? [])
    .filter((chart) => only.size === 0 || only.has(chart.name))
    .map((chart) => ({
      name: chart.name,
      ...(chart.category ? { category: chart.category } : {}),
      categorySource: chart.categorySource,
    }));

  return (
    <div data-testid="sync-categories">
      <Summary>
        <span data-testid="sync-categories-summary">
          {mapped.length === 0 ? t('SYNC_CATEGORIES_NONE') : t('SYNC_CATEGORIES_MAPPED', mappedText)}
        </span>
        {preview.data === undefined && (
          <Button
            size="sm"
            variant="outline"
            data-testid="sync-categories-load"
            loading={preview.isFetching}
            disabled={disabled === true || sourceProblem(source) !== undefined || preview.isFetching}
            onClick={() => {
              setLoaded(toSourceRequest(source, storedCredentials));
            }}
          >
            {t('SYNC_CATEGORIES_LOAD')}
          </Button>
        )}
      </Summary>
      {preview.error !== null && (
        <ErrorAlert
          error={preview.error}
          title={t('SYNC_CATEGORIES_LOAD_FAILED')}
          onRetry={() => {
            void preview.refetch();
          }}
        />
      )}
      {preview.data !== undefined && (
        <CategoryMapping rows={rows} overrides={categories} onOverridesChange={onChange} />
      )}
    </div>
  );
}
