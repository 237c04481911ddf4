// Layout pieces of the job page, in the look of the console's detail panels.
import styled from 'styled-components';

/** A white panel, as the console's cards and tables sit on the grey page. */
export const Panel = styled.section`
  margin-bottom: 12px;
  padding: 20px;
  border-radius: 4px;
  background-color: ${({ theme }) => theme.palette.background};
  box-shadow: 0 4px 8px 0 rgba(36, 46, 66, 0.06);
`;

export const Heading = styled.h3`
  margin: 0 0 12px;
  font-size: 14px;
  font-weight: 600;
  color: ${({ theme }) => theme.palette.accents_8};
`;
