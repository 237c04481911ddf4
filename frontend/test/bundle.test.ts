import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_EXTERNALS } from '../build/externals';

const FRONTEND = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

let outDir: string;
let code: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'store-importer-bundle-'));
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: FRONTEND,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  code = readFileSync(join(outDir, 'index.js'), 'utf8');
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

/** The dependency list of `System.register([...], ...)`. */
function registeredDependencies(source: string): string[] {
  const match = /^System\.register\(\[([^\]]*)\],/.exec(source);
  if (match === null) throw new Error('the bundle does not start with System.register([...],');
  const list = (match[1] ?? '').trim();
  if (list === '') return [];
  // Module names as string literals: the minifier may quote them with ', " or `.
  return list.split(',').map((item) => {
    const literal = /^(['"`])([^'"`\\]*)\1$/.exec(item.trim());
    if (literal === null) throw new Error(`not a plain string literal: ${item}`);
    return literal[2] ?? '';
  });
}

interface Registration {
  deps: string[];
  declare: (
    exports: (name: string | Record<string, unknown>, value?: unknown) => void,
    context: unknown,
  ) => { setters: ((module: unknown) => void)[]; execute: () => void };
}

/** Runs the bundle the way SystemJS would, with the given modules for its dependencies. */
function runBundle(source: string, modules: Record<string, unknown>): Record<string, unknown> {
  const registrations: Registration[] = [];
  const System = {
    register: (deps: string[], declare: Registration['declare']) => registrations.push({ deps, declare }),
  };
  // The bundle runs in a page: the README renderer's entity decoder (decode-named-character-reference,
  // its browser build) makes an element when it loads.
  const document = { createElement: () => ({}) };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating our own build output
  const evaluate = new Function('System', 'document', source) as (
    system: typeof System,
    page: typeof document,
  ) => void;
  evaluate(System, document);
  const registration = registrations[0];
  if (registrations.length !== 1 || registration === undefined) throw new Error('expected one registration');
  const exported: Record<string, unknown> = {};
  const declared = registration.declare((name, value) => {
    if (typeof name === 'string') exported[name] = value;
    else Object.assign(exported, name);
  }, {});
  registration.deps.forEach((dep, i) => declared.setters[i]?.(modules[dep]));
  declared.execute();
  return exported;
}

describe('the console bundle', () => {
  it('is a SystemJS module importing only console externals', () => {
    const deps = registeredDependencies(code);
    expect(deps).toContain('react');
    // The console's own react-query: an inlined copy would find no QueryClient (its own context).
    expect(deps).toContain('react-query');
    for (const dep of deps) expect(CONSOLE_EXTERNALS).toContain(dep);
    expect(new Set(deps).size).toBe(deps.length);
  });

  it('is minified after the SystemJS rewrite: no indentation, no annotation comments', () => {
    // Rollup indents what it rewrites with tabs; Vite's library build keeps /*#__PURE__*/ comments.
    expect(code).not.toMatch(/^\t/m);
    expect(code).not.toContain('__PURE__');
  });

  it('stays small: the console loads every extension bundle when it starts', () => {
    // 140 KiB gzipped with the README renderer (react-markdown and remark-gfm, ~48 KiB of it).
    expect(gzipSync(code).length).toBeLessThan(180 * 1024);
  });

  it('inlines neither React nor ReactDOM nor a require() shim', () => {
    const outsideRegister = code.slice(code.indexOf('],'));
    expect(outsideRegister).not.toContain('react-dom');
    expect(code).not.toContain('Minified React error');
    expect(code).not.toContain('unstable_scheduleCallback');
    expect(code).not.toContain('Calling `require`');
    expect(code).not.toContain('process.env');
  });

  it('registers a function resolving to { routes, menus, locales } as its default export', async () => {
    const react = require('react') as Record<string, unknown>;
    // Every other external: every export, every property of it and whatever it returns when called
    // is one do-nothing function, so components and module-level `styled.div\`...\`` both load.
    const anyExport: object = new Proxy(() => null, {
      get: (_target, name) => (name === 'then' ? undefined : anyExport),
      apply: () => anyExport,
    });
    const exported = runBundle(code, {
      ...Object.fromEntries(CONSOLE_EXTERNALS.map((name) => [name, anyExport])),
      react: { ...react, default: react },
    });
    // the console calls a function export and awaits it (extensions.config.ts resolveExtensionConfig)
    expect(exported.default).toBeTypeOf('function');
    const entry = (await (exported.default as () => Promise<unknown>)()) as {
      routes: { path: string; element: unknown }[];
      menus: Record<string, unknown>[];
      locales: { en: Record<string, string>; zh: Record<string, string> };
    };
    expect(entry.routes.map((route) => route.path)).toEqual(['/apps-manage/store-importer']);
    expect(react.isValidElement).toBeTypeOf('function');
    expect((react.isValidElement as (value: unknown) => boolean)(entry.routes[0]?.element)).toBe(true);
    expect(entry.menus).toEqual([
      {
        parent: 'global',
        name: 'store-importer',
        link: '/apps-manage/store-importer',
        title: 'STORE_IMPORTER_MENU',
        icon: 'appcenter',
        order: 1,
        ksModule: 'openpitrix',
        authKey: 'manage-app',
        authAction: 'manage',
      },
    ]);
    expect(Object.keys(entry.locales).sort()).toEqual(['en', 'zh']);
    expect(entry.locales.en.STORE_IMPORTER_MENU).toBe('Import from Repo');
  });
});
