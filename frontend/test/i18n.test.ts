// The one way text reaches t(): asText, checked against the i18next the console ships (21.4.0, set
// up as the console and the playground do), which HTML-escapes interpolated values by default.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/components/format';
import { asText } from '../src/i18n';

const SRC = new URL('../src/', import.meta.url).pathname;

let translate: TFunction;

beforeAll(async () => {
  translate = await i18next.createInstance().init({
    lng: 'en',
    resources: { en: { translation: { SOURCE: 'From {url} ({name})', COUNT: '{count} charts' } } },
    interpolation: { prefix: '{', suffix: '}' },
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('asText', () => {
  it("shows URLs and names as typed, where i18next's default escapes them as HTML", () => {
    const params = { url: 'https://charts.example.com/a?b=1&c=2', name: `O'Brien <team>` };
    expect(translate('SOURCE', params)).toBe(
      'From https:&#x2F;&#x2F;charts.example.com&#x2F;a?b=1&amp;c=2 (O&#39;Brien &lt;team&gt;)',
    );
    expect(translate('SOURCE', asText(params))).toBe(
      "From https://charts.example.com/a?b=1&c=2 (O'Brien <team>)",
    );
  });

  it("writes numbers in the user's locale, which i18next does not", () => {
    expect(translate('COUNT', { count: 15000 })).toBe('15000 charts');
    expect(translate('COUNT', asText({ count: 3 }))).toBe('3 charts');
    expect(translate('COUNT', asText({ count: 15000 }))).toBe(`${formatNumber(15000)} charts`);
  });

  it('is the only place that turns escaping off', () => {
    const others = sourceFiles(SRC).filter(
      (file) => !file.endsWith('/i18n.ts') && readFileSync(file, 'utf8').includes('escapeValue'),
    );
    expect(others).toEqual([]);
  });
});

// Checked by the type check (tsc -p frontend), not at run time: the global t() takes text only
// through asText, so no call can forget it.
// @ts-expect-error -- a text value without asText does not compile
const _unescaped: Parameters<typeof t>[1] = { id: 'job-1' };
// @ts-expect-error -- nor a number: it would show without the locale's separators
const _unformatted: Parameters<typeof t>[1] = { count: 15000 };
