// Provided by the KubeSphere console at run time: translates a locale key (see src/locales).
declare global {
  function t(key: string, params?: Record<string, unknown>): string;
}

export {};
