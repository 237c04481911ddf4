// Provided by the KubeSphere console at run time: translates a locale key (see src/locales).
import type { TextParams } from './i18n';

declare global {
  /** Numbers as they are; text only through `asText` (see i18n.ts: i18next would HTML-escape it). */
  function t(key: string, params?: Readonly<Record<string, number>> | TextParams): string;
}

export {};
