// The README renderer's options: GitHub tables, raw HTML dropped, only safe links and images.
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';

import { MARKDOWN_OPTIONS } from '../src/components/Markdown';

const render = (markdown: string): string =>
  renderToStaticMarkup(ReactMarkdown({ ...MARKDOWN_OPTIONS, children: markdown }));

describe('the README renderer', () => {
  it('renders headings and GitHub tables', () => {
    const html = render('# Title\n\n| key | default |\n| --- | --- |\n| replicas | `1` |\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<th>key</th>');
    expect(html).toContain('<td><code>1</code></td>');
  });

  it('drops raw HTML: no script, no event handler, no iframe', () => {
    const html = render(
      'Hi <script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>\n',
    );
    // Inline tags go; the text between them stays text.
    expect(html).toBe('<p>Hi alert(1)</p>\n\n');
  });

  it('keeps http(s) links in a new tab without referrer, and turns other links into text', () => {
    const html = render(
      '[home](https://example.com/a) [bad](javascript:alert(1)) [file](docs/guide.md) [mail](mailto:a@example.com)',
    );
    expect(html).toContain(
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">home</a>',
    );
    expect(html).toContain('<a href="mailto:a@example.com"');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('docs/guide.md');
    expect(html).toContain('<span>bad</span>');
  });

  it('shows https images only, without referrer; others as their alt text', () => {
    const html = render(
      '![logo](https://example.com/logo.png) ![local](images/x.png) ![plain](http://a.example/x.png)',
    );
    expect(html).toContain('src="https://example.com/logo.png"');
    expect(html).toMatch(
      /<img src="https:\/\/example\.com\/logo\.png" alt="logo" loading="lazy" referrerPolicy="no-referrer"\/>/,
    );
    expect(html).not.toContain('images/x.png');
    expect(html).not.toContain('http://a.example');
    expect(html).toContain('<span>local</span>');
  });
});
