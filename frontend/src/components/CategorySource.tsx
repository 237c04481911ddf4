// A chart's category with where it comes from underneath, small and muted: "from
// artifacthub.io/category", "rule 2: *-db", "your choice". Tables of the wizard and the sync form.
import styled from 'styled-components';
import type { CategorySource } from '../api';
import { categorySourceText } from './categoryRules';
import { Muted } from './layout';

const Cell = styled.div`
  min-width: 0;

  > small {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_5};
  }
`;

export function CategoryWithSource({ category, source }: { category?: string; source?: CategorySource }) {
  const from = categorySourceText(source);
  return (
    <Cell>
      <span data-testid="category-name">{category ?? <Muted>{t('WIZARD_UNCATEGORIZED')}</Muted>}</span>
      {from !== undefined && (
        <small data-testid="category-source" data-kind={source?.kind} title={from}>
          {from}
        </small>
      )}
    </Cell>
  );
}
