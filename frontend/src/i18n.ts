// The console's t() is i18next's, which HTML-escapes every interpolated value by default (`/`
// becomes `&#x2F;`), and React escapes the sentence again when it renders it: a URL would show
// as `http:&#x2F;&#x2F;`. React's escaping is the one that protects the page (nothing here renders
// HTML from a string), so a t() call whose values hold text (a URL, a name, a size, a message)
// passes them through `asText`, which turns i18next's escaping off for that call:
//
//   t('JOB_SOURCE_CONFIGURED', asText({ name, url }))
//
// Numbers go through it too: it writes them in the user's locale ("15,000"), which i18next does
// not. The global t() (globals.d.ts) takes values wrapped so only: anything else does not compile.

import { formatNumber } from './components/format';

/** i18next's option for "interpolate as is". */
const AS_IS = { interpolation: { escapeValue: false } } as const;

/** The parameters of a t() call whose values are shown as they are. */
export interface TextParams {
  readonly interpolation: (typeof AS_IS)['interpolation'];
  readonly [name: string]: string | number | (typeof AS_IS)['interpolation'];
}

/** Items listed in a sentence, with the language's separator ("a, b" or "a、b"). */
export function listText(items: readonly string[]): string {
  return items.join(t('LIST_SEPARATOR'));
}

export function asText(params: Readonly<Record<string, string | number>>): TextParams {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params))
    shown[name] = typeof value === 'number' ? formatNumber(value) : value;
  return { ...shown, ...AS_IS };
}
