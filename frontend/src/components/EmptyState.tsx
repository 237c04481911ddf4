// Empty and loading states in the console's look, for tables and panels.
import { Empty, Loading } from '@kubed/components';
import type { ReactNode } from 'react';
import styled from 'styled-components';

const Box = styled.div`
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 12px;
  padding: 32px 20px;
`;

export interface EmptyStateProps {
  title: string;
  description?: string;
  icon?: ReactNode;
  /** A button or link: "clear the filter", "add a repository"... */
  action?: ReactNode;
  testId?: string;
}

export function EmptyState({ title, description, icon, action, testId = 'empty-state' }: EmptyStateProps) {
  return (
    <Box data-testid={testId}>
      <Empty title={title} description={description} image={icon} />
      {action}
    </Box>
  );
}

/** A centered spinner with a label, while something loads. */
export function LoadingState({ label = t('LOADING') }: { label?: string }) {
  return (
    <Box role="status" aria-live="polite" data-testid="loading">
      <Loading size="md" />
      <span>{label}</span>
    </Box>
  );
}
