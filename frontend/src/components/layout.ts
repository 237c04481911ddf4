// Layout pieces every part of the page shares, in the look of the console's pages
// (styled-components for layout only; the controls are kube-design's).
import styled, { css } from 'styled-components';

/** The console's white card on the grey page: tables, forms and detail panels sit on one. */
export const card = css`
  border-radius: 4px;
  background-color: ${({ theme }) => theme.palette.background};
  box-shadow: 0 4px 8px 0 rgba(36, 46, 66, 0.06);
`;

/** A card with room inside: one step of the wizard, one part of a job's page. */
export const Panel = styled.section`
  ${card}
  margin-bottom: 12px;
  padding: 20px;
`;

/** For a <dl>: each label small and grey above its value, as the console's detail pages. */
export const labelled = css`
  margin: 0;

  dt {
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_5};
  }
  dd {
    margin: 0;
    color: ${({ theme }) => theme.palette.accents_8};
  }
`;

/** Grey text: a placeholder value ("-", "None", "Unknown") or a secondary note. */
export const Muted = styled.span`
  color: ${({ theme }) => theme.palette.accents_5};
`;

/** The server's own words under a localized sentence in an Alert: smaller, a little faded. */
export const AlertDetail = styled.div`
  margin-top: 4px;
  font-size: 12px;
  word-break: break-word;
  opacity: 0.85;
`;
