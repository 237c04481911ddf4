// Provided by the KubeSphere console at run time: translates a locale key (see src/locales).
import type { TextParams } from './i18n';

declare global {
  /** Values only through `asText` (see i18n.ts: i18next would HTML-escape text, and not format numbers). */
  function t(key: string, params?: TextParams): string;
}

export {};
