// A chart's README, rendered as the console renders an app's (react-markdown with GitHub's
// tables and lists, as @ks-console/shared's Markdown), safely: markdown never becomes HTML
// strings, raw HTML in it is dropped (skipHtml), and only absolute http(s) and mailto links and
// https images are kept. Links open in a new tab without the page's referrer.

import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import styled from 'styled-components';

const LINK = /^(https?:\/\/|mailto:)/i;
const IMAGE = /^https:\/\//i;

const Body = styled.div`
  color: ${({ theme }) => theme.palette.accents_8};
  font-size: 14px;
  line-height: 1.6;
  overflow-wrap: anywhere;

  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 20px 0 12px;
    font-weight: 600;
    line-height: 1.3;
    color: ${({ theme }) => theme.palette.accents_9};
  }
  h1 {
    font-size: 22px;
  }
  h2 {
    font-size: 18px;
    padding-bottom: 4px;
    border-bottom: 1px solid ${({ theme }) => theme.palette.accents_1};
  }
  h3 {
    font-size: 16px;
  }
  & > :first-child {
    margin-top: 0;
  }
  p,
  ul,
  ol,
  table,
  pre,
  blockquote {
    margin: 0 0 12px;
  }
  ul,
  ol {
    padding-left: 24px;
  }
  ul {
    list-style: disc;
  }
  ol {
    list-style: decimal;
  }
  a {
    color: ${({ theme }) => theme.palette.link};
  }
  code {
    padding: 1px 4px;
    border-radius: 3px;
    font-family: Monaco, Menlo, Consolas, 'Courier New', monospace;
    font-size: 12px;
    background: ${({ theme }) => theme.palette.accents_0};
  }
  pre {
    padding: 12px;
    border-radius: 4px;
    overflow: auto;
    background: ${({ theme }) => theme.palette.accents_0};

    code {
      padding: 0;
      background: none;
    }
  }
  blockquote {
    padding: 0 12px;
    border-left: 4px solid ${({ theme }) => theme.palette.accents_2};
    color: ${({ theme }) => theme.palette.accents_5};
  }
  table {
    display: block;
    max-width: 100%;
    overflow: auto;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 6px 12px;
    border: 1px solid ${({ theme }) => theme.palette.accents_2};
  }
  th {
    font-weight: 600;
    background: ${({ theme }) => theme.palette.accents_0};
  }
  img {
    max-width: 100%;
  }
`;

const components: Components = {
  a: ({ href, children }) =>
    href !== undefined && LINK.test(href) ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      // A link within the chart's files or the page means nothing here: its text only.
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    src !== undefined && IMAGE.test(src) ? (
      <img src={src} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" />
    ) : (
      <span>{alt}</span>
    ),
};

/** What makes the rendering safe and GitHub-like; exported for its tests. */
export const MARKDOWN_OPTIONS: Omit<Options, 'children'> = {
  remarkPlugins: [remarkGfm],
  skipHtml: true,
  components,
};

export function Markdown({ children, testId }: { children: string; testId?: string }) {
  return (
    <Body data-testid={testId}>
      <ReactMarkdown {...MARKDOWN_OPTIONS}>{children}</ReactMarkdown>
    </Body>
  );
}
