// The bottom bar of every step: a hint (why "next" is disabled, or what is going on), back, next.
import { Button } from '@kubed/components';
import type { ReactNode } from 'react';
import { formatNumber } from '../../../components/format';
import { ManageButton } from '../../../components/ManageAccess';
import { ActionHint, Actions, Figure, Figures } from './layout';

export interface StepActionsProps {
  hint?: ReactNode;
  hintTestId?: string;
  onBack?: () => void;
  backDisabled?: boolean;
  /** Extra buttons before "next" (cancel). */
  extra?: ReactNode;
  onNext?: () => void;
  nextLabel?: string;
  nextDisabled?: boolean;
  nextLoading?: boolean;
  nextTestId?: string;
  /** Why KubeSphere would refuse "next" (useManageRefusal): it is disabled and says so. */
  nextRefusal?: string;
}

export function StepActions(props: StepActionsProps) {
  return (
    <Actions>
      {props.hint !== undefined && <ActionHint data-testid={props.hintTestId}>{props.hint}</ActionHint>}
      {props.onBack !== undefined && (
        <Button
          variant="outline"
          onClick={props.onBack}
          disabled={props.backDisabled}
          data-testid="back-button"
        >
          {t('BACK')}
        </Button>
      )}
      {props.extra}
      {props.onNext !== undefined && (
        <ManageButton
          refusal={props.nextRefusal}
          color="secondary"
          shadow
          loading={props.nextLoading}
          disabled={props.nextDisabled}
          onClick={props.onNext}
          data-testid={props.nextTestId ?? 'next-button'}
        >
          {props.nextLabel ?? t('NEXT')}
        </ManageButton>
      )}
    </Actions>
  );
}

export interface FigureItem {
  value: ReactNode;
  label: string;
  testId: string;
}

/** A row of figures (charts, versions, in store...) above a table. */
export function FigureList({ items, testId }: { items: readonly FigureItem[]; testId: string }) {
  return (
    <Figures data-testid={testId}>
      {items.map((item) => (
        <Figure key={item.testId}>
          <strong data-testid={item.testId}>
            {typeof item.value === 'number' ? formatNumber(item.value) : item.value}
          </strong>
          <span>{item.label}</span>
        </Figure>
      ))}
    </Figures>
  );
}
