// Globals of the host page: SystemJS (the npm package `systemjs`, loaded by a script tag) and the
// console's t() (set by i18n.ts), which the frame uses like an extension does.
declare global {
  const System: {
    import(id: string): Promise<Record<string, unknown>>;
    set(id: string, namespace: object): void;
  };
  function t(key: string, params?: Record<string, unknown>): string;
}

export {};
