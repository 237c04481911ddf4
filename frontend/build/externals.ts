// Modules the KubeSphere console provides to extensions at run time (SystemJS import map).
// Everything else is bundled. Keep in step with docs/kubesphere-extension.md, "The frontend bundle".
export const CONSOLE_EXTERNALS: readonly string[] = [
  'react',
  'react-dom',
  'react-router-dom',
  'react-query',
  'styled-components',
  '@kubed/components',
  '@kubed/icons',
  '@kubed/hooks',
];

/** True for an import the console provides: exactly one of CONSOLE_EXTERNALS, no subpath. */
export function isConsoleExternal(id: string): boolean {
  return CONSOLE_EXTERNALS.includes(id);
}
