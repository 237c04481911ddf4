// The admin's category rules: one row per rule (category, name patterns, keywords), added and
// removed in order, the first that matches a chart winning. Controlled; the wizard's options step
// and the sync form both use it.
import { Button, Input } from '@kubed/components';
import type { ChangeEvent } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { newRuleDraft, refusesRules, ruleDraftsProblem, type RuleDraft } from './categoryRules';
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
  const field =
    (id: string, key: 'category' | 'names' | 'keywords') =>
    (event: ChangeEvent<HTMLInputElement>): void => {
      const text = event.target.value;
      onChange(value.map((draft) => (draft.id === id ? { ...draft, [key]: text } : draft)));
    };
  const problem = ruleDraftsProblem(value);
  return (
    <div data-testid="category-rules">
      {value.length > 0 && (
        <Rows>
          {value.map((draft, index) => {
            const number = asText({ number: index + 1 });
            return (
              // Keyed by the draft's own id: removing a rule above keeps focus and text on theirs.
              <Row key={draft.id} data-testid="category-rule">
                <span>{index + 1}.</span>
                <Input
                  data-testid="category-rule-category"
                  aria-label={t('CATEGORY_RULE_CATEGORY_OF', number)}
                  placeholder={t('CATEGORY_RULE_CATEGORY')}
                  value={draft.category}
                  disabled={disabled}
                  onChange={field(draft.id, 'category')}
                />
                <Input
                  data-testid="category-rule-names"
                  aria-label={t('CATEGORY_RULE_NAMES_OF', number)}
                  placeholder={t('CATEGORY_RULE_NAMES_PLACEHOLDER')}
                  value={draft.names}
                  disabled={disabled}
                  onChange={field(draft.id, 'names')}
                />
                <Input
                  data-testid="category-rule-keywords"
                  aria-label={t('CATEGORY_RULE_KEYWORDS_OF', number)}
                  placeholder={t('CATEGORY_RULE_KEYWORDS_PLACEHOLDER')}
                  value={draft.keywords}
                  disabled={disabled}
                  onChange={field(draft.id, 'keywords')}
                />
                <Button
                  variant="text"
                  data-testid="category-rule-remove"
                  aria-label={t('CATEGORY_RULE_REMOVE', number)}
                  disabled={disabled}
                  onClick={() => {
                    onChange(value.filter((other) => other.id !== draft.id));
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
        <ErrorAlert error={error} title={refusesRules(error) ? t('CATEGORY_RULES_REFUSED') : undefined} />
      )}
      <Button
        size="sm"
        variant="outline"
        data-testid="category-rule-add"
        disabled={disabled}
        onClick={() => {
          onChange([...value, newRuleDraft()]);
        }}
      >
        {t('CATEGORY_RULE_ADD')}
      </Button>
    </div>
  );
}
