// The chart name in a preview row, as a button that opens the chart's details: reachable with
// Tab, opened with Enter or Space, and named for screen readers.
import styled from 'styled-components';
import { asText } from '../../../../i18n';

const Button = styled.button`
  display: block;
  max-width: 100%;
  padding: 0;
  border: 0;
  background: none;
  font: inherit;
  text-align: left;
  cursor: pointer;

  strong {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  &:hover strong,
  &:focus-visible strong {
    color: ${({ theme }) => theme.palette.link};
    text-decoration: underline;
  }
`;

export function DetailsLink({ name, onOpen }: { name: string; onOpen: (name: string) => void }) {
  return (
    <Button
      type="button"
      data-testid="chart-details-link"
      aria-label={t('DETAILS_OPEN', asText({ name }))}
      title={name}
      onClick={() => {
        onOpen(name);
      }}
    >
      <strong>{name}</strong>
    </Button>
  );
}
