// Layout of the wizard's panels (styled-components for layout only; the look is kube-design's).
import styled from 'styled-components';
import { Panel } from '../../../components/layout';

/** The panel the steps sit in, below the tabs as App Store Management's list pages. */
export const WizardPanel = styled(Panel)`
  margin-top: 12px;
`;

export const StepBody = styled.div`
  margin-top: 20px;
`;

/** Narrow column for forms. */
export const FormColumn = styled.div`
  max-width: 760px;
`;

/** Back / next buttons, at the bottom right of a step. */
export const Actions = styled.div`
  display: flex;
  justify-content: flex-end;
  align-items: center;
  gap: 12px;
  margin-top: 20px;
  padding-top: 16px;
  border-top: 1px solid ${({ theme }) => theme.palette.accents_1};
`;

/** A hint left of the action buttons (why "next" is disabled). */
export const ActionHint = styled.span`
  margin-right: auto;
  color: ${({ theme }) => theme.palette.accents_5};
`;

/** The toolbar above a table: search and filters left, counters right. */
export const Toolbar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 12px;
  padding: 12px 0;
`;

export const Grow = styled.div`
  flex: 1;
  min-width: 220px;
`;

/** A row of figures: charts, versions, in store... */
export const Figures = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 12px;
`;

export const Figure = styled.div`
  min-width: 120px;
  padding: 8px 16px;
  border-radius: 4px;
  background: ${({ theme }) => theme.palette.accents_0};

  strong {
    display: block;
    font-size: 20px;
    line-height: 28px;
    color: ${({ theme }) => theme.palette.accents_9};
  }
  span {
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_5};
  }
`;

/** A chart cell: icon, name and description on two lines. */
export const ChartCell = styled.div`
  display: flex;
  align-items: center;
  gap: 10px;
  min-width: 0;

  div {
    min-width: 0;
  }
  strong,
  small {
    display: block;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  strong {
    font-weight: 600;
    color: ${({ theme }) => theme.palette.accents_9};
  }
  small {
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_5};
  }
`;

export const Tags = styled.div`
  display: flex;
  flex-wrap: nowrap;
  gap: 4px;
  overflow: hidden;
`;

export const Stack = styled.div`
  display: flex;
  flex-direction: column;
  gap: 12px;
`;
