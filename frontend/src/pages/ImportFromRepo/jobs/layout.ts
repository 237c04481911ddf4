// Layout pieces of the job page, in the look of the console's detail panels.
import styled from 'styled-components';

export const Heading = styled.h3`
  margin: 0 0 12px;
  font-size: 14px;
  font-weight: 600;
  color: ${({ theme }) => theme.palette.accents_8};
`;

/** A tab's content: notices stack above the list. */
export const ListPage = styled.div`
  padding-top: 12px;

  .list-notice {
    margin-bottom: 12px;
  }
`;

/** A table cell of two lines: a name (or link) above a grey detail that ellipsizes. */
export const Stacked = styled.div`
  display: flex;
  flex-direction: column;
  gap: 2px;
  min-width: 0;

  .primary,
  a.primary {
    font-weight: 600;
  }
  .primary {
    color: ${({ theme }) => theme.palette.accents_8};
  }
  .secondary {
    max-width: 360px;
    overflow: hidden;
    font-size: 12px;
    color: ${({ theme }) => theme.palette.accents_5};
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .mono {
    font-family: Monaco, Menlo, Consolas, monospace;
  }
`;

/** The text of a confirmation dialog: kube-design's Modal leaves its body unpadded. */
export const DialogText = styled.div`
  padding: 20px;
  line-height: 1.67;

  p {
    margin: 0 0 12px;
  }
`;
