// The console's global t(), for tests of modules that translate: reads our own locale files, so
// a test sees the real sentence and a missing key shows up as the key itself.
import { vi } from 'vitest';
import locales from '../../src/locales';

export function translate(
  language: keyof typeof locales,
  key: string,
  params: Record<string, unknown> = {},
): string {
  const table: Record<string, string> = locales[language];
  const text = table[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

/** Installs a global t() in `language` for the calling test file. */
export function stubTranslate(language: keyof typeof locales = 'en'): void {
  vi.stubGlobal('t', (key: string, params?: Record<string, unknown>) => translate(language, key, params));
}
