// Every failure the backend reports, shown the same way: a localized headline saying what to do,
// the server's own message as the detail, and a retry when the caller offers one.
import { Alert, Button } from '@kubed/components';
import { useEffect, useRef } from 'react';
import styled from 'styled-components';
import { errorDetail, errorMessage } from './errors';
import { AlertDetail } from './layout';

export { errorMessage } from './errors';

const Actions = styled.div`
  margin-top: 8px;
`;

const Box = styled.div`
  margin: 12px 0;
`;

export interface ErrorAlertProps {
  error: unknown;
  /** What failed ("Could not load the repositories"); the headline says why. */
  title?: string;
  onRetry?: () => void;
}

export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const headline = errorMessage(error);
  const detail = errorDetail(error);
  const box = useRef<HTMLDivElement>(null);
  // A failure shows where the action was, maybe below the fold: bring it into view.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  return (
    <Box ref={box}>
      <Alert type="error" title={title ?? headline} data-testid="error-alert" role="alert">
        {title !== undefined && <div>{headline}</div>}
        {detail !== '' && <AlertDetail data-testid="error-detail">{detail}</AlertDetail>}
        {onRetry !== undefined && (
          <Actions>
            <Button size="sm" variant="outline" onClick={onRetry}>
              {t('RETRY')}
            </Button>
          </Actions>
        )}
      </Alert>
    </Box>
  );
}
