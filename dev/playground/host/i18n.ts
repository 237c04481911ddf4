// The console's t(): i18next, set up as kubesphere/console packages/core/src/utils/i18n.ts does:
// the user's language, English as the fallback, `{name}` interpolation, and window.t. A key found
// in no language comes back as the key itself (i18next's default). Values given to t() are
// HTML-escaped (i18next's escapeValue, which the console leaves on): `{name: 'a&b'}` shows `a&amp;b`.
import i18next from 'i18next';

import type { Lang } from './globals.js';

export type Locales = Partial<Record<string, Record<string, string>>>;

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Starts i18next with the host's own texts for `lang` and every language of the extensions'
 * locales (the console merges them in with lodash merge; our locales are flat key maps).
 */
export async function initI18n(lang: Lang, host: Locales, extensions: Locales): Promise<Translate> {
  const resources: Record<string, { translation: Record<string, string> }> = {
    [lang]: { translation: { ...host[lang] } },
  };
  for (const [language, texts] of Object.entries(extensions))
    resources[language] = { translation: { ...(language === lang ? host[lang] : {}), ...texts } };
  const t = await i18next.init({
    lng: lang,
    fallbackLng: 'en',
    debug: false,
    resources,
    interpolation: { prefix: '{', suffix: '}' },
  });
  const translate: Translate = (key, params) => t(key, params);
  // The console's i18n.init: `window.t = t`, the global every extension calls.
  Object.assign(window, { t: translate });
  return translate;
}
