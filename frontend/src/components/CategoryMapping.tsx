// Which store category each selected chart goes to: a store category (GET /categories) or a new
// name, per chart or for all selected charts at once. The default is the chart's own category.
// The wizard's options step and the sync form both use it.
import { AutoComplete, Button, Tag } from '@kubed/components';
import { useMemo, useState } from 'react';
import styled from 'styled-components';
import type { StoreCategory } from '../api';
import { useCategories } from '../api/queries';
import { asText } from '../i18n';
import { CategoryWithSource } from './CategorySource';
import { isRecategorized, setCategory, UNCATEGORIZED, type CategoryRow } from './categories';
import { ErrorAlert } from './ErrorAlert';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

export interface CategoryMappingProps {
  /** The selected charts. */
  rows: readonly CategoryRow[];
  overrides: Readonly<Record<string, string>>;
  onOverridesChange: (overrides: Record<string, string>) => void;
}

interface Option {
  value: string;
  label: string;
}

/** Store categories by display name (what the engine matches); the uncategorized one by its name. */
function optionsOf(categories: readonly StoreCategory[]): Option[] {
  return categories.map(({ name, displayName }) =>
    name === UNCATEGORIZED
      ? { value: UNCATEGORIZED, label: t('WIZARD_UNCATEGORIZED_OPTION', asText({ name: UNCATEGORIZED })) }
      : { value: displayName, label: displayName },
  );
}

/**
 * kube-design draws a Select's placeholder bold and dark (like a chosen value) and a typed value
 * in the input's plain style: the other way round here, the placeholder (the chart's own
 * category, a default) is muted and a chosen category reads as chosen.
 */
const CategoryField = styled.div`
  flex: 1;
  min-width: 0;

  .kubed-select-selection-placeholder {
    font-weight: 400;
    color: ${({ theme }) => theme.palette.accents_5};
  }
  .kubed-select-selection-search-input {
    font-weight: 600;
    color: ${({ theme }) => theme.palette.accents_8};
  }
`;

/** The bulk input and its buttons, above the table. */
const Toolbar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 12px;
  padding: 12px 0;
`;

const Grow = styled.div`
  flex: 1;
  min-width: 220px;
`;

/** A chart name on one line, cut with an ellipsis (its title has it whole). */
const ChartCell = styled.div`
  min-width: 0;

  strong {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

/** The store category cell: the input, and whether the category is the chart's own or changed. */
const TargetCell = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
`;

const Origin = styled.span`
  flex: none;
  width: 96px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
`;

function CategoryOrigin({ changed }: { changed: boolean }) {
  return (
    <Origin data-testid="category-origin" data-state={changed ? 'changed' : 'chart'}>
      {changed ? <Tag color="info">{t('WIZARD_CATEGORY_CHANGED')}</Tag> : t('WIZARD_CATEGORY_FROM_CHART')}
    </Origin>
  );
}

function CategoryInput({
  value,
  options,
  onChange,
  testId,
  label,
  placeholder,
}: {
  value: string;
  options: readonly Option[];
  /** undefined when cleared. */
  onChange: (value: string | undefined) => void;
  testId: string;
  label: string;
  placeholder: string;
}) {
  return (
    <CategoryField>
      <AutoComplete
        data-testid={testId}
        aria-label={label}
        style={{ width: '100%' }}
        value={value}
        options={[...options]}
        placeholder={placeholder}
        allowClear
        filterOption={(input, option) =>
          typeof option?.label === 'string' && option.label.toLowerCase().includes(input.toLowerCase())
        }
        onChange={onChange}
      />
    </CategoryField>
  );
}

export function CategoryMapping({ rows, overrides, onOverridesChange }: CategoryMappingProps) {
  const store = useCategories();
  const [bulk, setBulk] = useState('');
  const options = useMemo(() => optionsOf(store.data ?? []), [store.data]);

  const columns: VirtualColumn<CategoryRow>[] = [
    {
      key: 'chart',
      width: '30%',
      title: t('WIZARD_COLUMN_CHART'),
      render: (row) => (
        <ChartCell>
          <strong title={row.name}>{row.name}</strong>
        </ChartCell>
      ),
    },
    {
      key: 'own',
      width: '25%',
      title: t('WIZARD_COLUMN_OWN_CATEGORY'),
      render: (row) => <CategoryWithSource category={row.category} source={row.categorySource} />,
    },
    {
      key: 'target',
      title: t('WIZARD_COLUMN_STORE_CATEGORY'),
      render: (row) => (
        <TargetCell>
          <CategoryInput
            testId="category-input"
            label={t('WIZARD_CATEGORY_FOR', asText({ name: row.name }))}
            // Empty means the chart's own category, which the placeholder shows.
            value={overrides[row.name] ?? ''}
            placeholder={row.category ?? t('WIZARD_UNCATEGORIZED')}
            options={options}
            onChange={(value) => {
              onOverridesChange(setCategory(overrides, [row.name], value ?? ''));
            }}
          />
          <CategoryOrigin changed={isRecategorized(row, overrides)} />
        </TargetCell>
      ),
    },
  ];

  return (
    <div data-testid="category-mapping">
      {store.error !== null && (
        <ErrorAlert
          error={store.error}
          title={t('WIZARD_CATEGORIES_FAILED')}
          onRetry={() => {
            void store.refetch();
          }}
        />
      )}
      <Toolbar>
        <Grow>
          <CategoryInput
            testId="bulk-category-input"
            label={t('WIZARD_BULK_CATEGORY')}
            value={bulk}
            placeholder={t('WIZARD_BULK_CATEGORY')}
            options={options}
            onChange={(value) => {
              setBulk(value ?? '');
            }}
          />
        </Grow>
        <Button
          variant="outline"
          data-testid="bulk-category-apply"
          disabled={bulk.trim() === ''}
          onClick={() => {
            onOverridesChange(
              setCategory(
                overrides,
                rows.map((row) => row.name),
                bulk.trim(),
              ),
            );
          }}
        >
          {t('WIZARD_BULK_CATEGORY_APPLY', asText({ count: rows.length }))}
        </Button>
        <Button
          variant="text"
          data-testid="category-reset"
          disabled={Object.keys(overrides).length === 0}
          onClick={() => {
            onOverridesChange({});
          }}
        >
          {t('WIZARD_CATEGORY_RESET')}
        </Button>
      </Toolbar>
      <VirtualTable
        testId="category-table"
        rowTestId="category-row"
        ariaLabel={t('WIZARD_CATEGORY_MAPPING')}
        rows={rows}
        columns={columns}
        rowKey={(row) => row.name}
      />
    </div>
  );
}
