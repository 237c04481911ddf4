// The admin's category rules: one row per rule (category, name patterns, keywords), added and
// removed in order, the first that matches a chart winning. Controlled; the wizard's options step
// and the sync form both use it.
import { Button, Input } from '@kubed/components';
import type { ChangeEvent } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { EMPTY_RULE, ruleDraftsProblem, type RuleDraft } from './categoryRules';
import { ErrorAlert } from './ErrorAlert';

const Rows = styled.ol`
  margin: 0 0 8px;
  padding: 0;
  list-style: none;
`;

const Row = styled.li`
  display: grid;
  grid-template-columns: 28px minmax(120px, 1fr) minmax(140px, 1.4fr) minmax(140px, 1.4fr) auto;
  align-items: center;
  gap: 8px;
  margin-bottom: 8px;

  > span {
    color: ${({ theme }) => theme.palette.accents_5};
  }
`;

const Problem = styled.div`
  margin-bottom: 8px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.error};
`;

export interface CategoryRulesEditorProps {
  value: readonly RuleDraft[];
  onChange: (value: RuleDraft[]) => void;
  /** The service refused the rules (a preview with them failed), or could not check them. */
  error?: unknown;
  disabled?: boolean;
}

export function CategoryRulesEditor({ value, onChange, error, disabled }: CategoryRulesEditorProps) {
  const set = (index: number, patch: Partial<RuleDraft>): void => {
    onChange(value.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
  };
  const field =
    (index: number, key: keyof RuleDraft) =>
    (event: ChangeEvent<HTMLInputElement>): void => {
      set(index, { [key]: event.target.value });
    };
  const problem = ruleDraftsProblem(value);
  return (
    <div data-testid="category-rules">
      {value.length > 0 && (
        <Rows>
          {value.map((draft, index) => {
            const number = asText({ number: index + 1 });
            return (
              // Rules have no identity but their place: the order is what they mean.
              <Row key={index} data-testid="category-rule">
                <span>{index + 1}.</span>
                <Input
                  data-testid="category-rule-category"
                  aria-label={t('CATEGORY_RULE_CATEGORY_OF', number)}
                  placeholder={t('CATEGORY_RULE_CATEGORY')}
                  value={draft.category}
                  disabled={disabled}
                  onChange={field(index, 'category')}
                />
                <Input
                  data-testid="category-rule-names"
                  aria-label={t('CATEGORY_RULE_NAMES_OF', number)}
                  placeholder={t('CATEGORY_RULE_NAMES_PLACEHOLDER')}
                  value={draft.names}
                  disabled={disabled}
                  onChange={field(index, 'names')}
                />
                <Input
                  data-testid="category-rule-keywords"
                  aria-label={t('CATEGORY_RULE_KEYWORDS_OF', number)}
                  placeholder={t('CATEGORY_RULE_KEYWORDS_PLACEHOLDER')}
                  value={draft.keywords}
                  disabled={disabled}
                  onChange={field(index, 'keywords')}
                />
                <Button
                  variant="text"
                  data-testid="category-rule-remove"
                  aria-label={t('CATEGORY_RULE_REMOVE', number)}
                  disabled={disabled}
                  onClick={() => {
                    onChange(value.filter((_, at) => at !== index));
                  }}
                >
                  {t('CATEGORY_RULE_REMOVE_SHORT')}
                </Button>
              </Row>
            );
          })}
        </Rows>
      )}
      {problem !== undefined && <Problem data-testid="category-rules-problem">{problem}</Problem>}
      {error !== undefined && error !== null && (
        <ErrorAlert error={error} title={t('CATEGORY_RULES_REFUSED')} />
      )}
      <Button
        size="sm"
        variant="outline"
        data-testid="category-rule-add"
        disabled={disabled}
        onClick={() => {
          onChange([...value, EMPTY_RULE]);
        }}
      >
        {t('CATEGORY_RULE_ADD')}
      </Button>
    </div>
  );
}
