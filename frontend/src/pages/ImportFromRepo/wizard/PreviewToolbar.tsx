// Search and filters above the preview table.
import { Input, Select, Switch } from '@kubed/components';
import { Magnifier } from '@kubed/icons';
import type { ChangeEvent } from 'react';
import { Grow, Toolbar } from './layout';
import { UNCATEGORIZED_FILTER, type RowFilter, type StateFilter } from './model';
import { asText } from '../../../i18n';

export interface PreviewToolbarProps {
  filter: RowFilter;
  onFilterChange: (filter: RowFilter) => void;
  /** The categories the charts name. */
  categories: readonly string[];
  deprecatedCount: number;
}

export function PreviewToolbar({ filter, onFilterChange, categories, deprecatedCount }: PreviewToolbarProps) {
  const set = (patch: Partial<RowFilter>): void => {
    onFilterChange({ ...filter, ...patch });
  };
  const stateOptions: { value: StateFilter; label: string }[] = [
    { value: 'all', label: t('WIZARD_FILTER_ALL_STATES') },
    { value: 'new', label: t('WIZARD_FILTER_NEW') },
    { value: 'inStore', label: t('WIZARD_FILTER_IN_STORE') },
    { value: 'tooLarge', label: t('WIZARD_FILTER_TOO_LARGE') },
  ];
  return (
    <Toolbar role="search">
      <Grow>
        <Input
          type="search"
          data-testid="chart-search"
          aria-label={t('WIZARD_SEARCH')}
          placeholder={t('WIZARD_SEARCH')}
          prefix={<Magnifier size={16} />}
          value={filter.search}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            set({ search: event.target.value });
          }}
        />
      </Grow>
      <Select
        data-testid="state-filter"
        aria-label={t('WIZARD_FILTER_STATE')}
        style={{ width: 170 }}
        value={filter.state}
        options={stateOptions}
        onChange={(state: StateFilter) => {
          set({ state });
        }}
      />
      <Select
        data-testid="category-filter"
        aria-label={t('WIZARD_FILTER_CATEGORY')}
        style={{ width: 190 }}
        value={filter.category}
        showSearch
        optionFilterProp="label"
        options={[
          { value: '', label: t('WIZARD_FILTER_ALL_CATEGORIES') },
          ...categories.map((category) => ({ value: category, label: category })),
          { value: UNCATEGORIZED_FILTER, label: t('WIZARD_UNCATEGORIZED') },
        ]}
        onChange={(category: string) => {
          set({ category });
        }}
      />
      <Switch
        data-testid="show-deprecated"
        label={t('WIZARD_SHOW_DEPRECATED', asText({ count: deprecatedCount }))}
        checked={filter.showDeprecated}
        onChange={(showDeprecated) => {
          set({ showDeprecated });
        }}
      />
    </Toolbar>
  );
}
