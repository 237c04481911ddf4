// `npm start -- [--port N] [--lang en|zh] [--repo-only]`: parsed and checked, one message per problem.
import { parseArgs } from 'node:util';

import type { Lang } from './playground.js';

function isLang(value: string): value is Lang {
  return value === 'en' || value === 'zh';
}

export interface PlaygroundArgs {
  port: number;
  /** the users' language in the console; none = each browser's */
  lang?: Lang;
  /** serve only the sample repository (for the CLI or a real KubeSphere on this machine) */
  repoOnly: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [--port N] [--lang en|zh] [--repo-only]
  --port N      port of the KubeSphere console (default 8000; a taken port falls back to a free one; 0 = any)
  --lang en|zh  the users' language in the console (default: the browser's)
  --repo-only   serve only the sample Helm repository and print its URL
`;

export class ArgsError extends Error {}

export function parsePlaygroundArgs(argv: string[]): PlaygroundArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        lang: { type: 'string' },
        'repo-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgsError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const port = values.port === undefined ? 8000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(values.port ?? '0'))
    throw new ArgsError(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}`);
  const lang = values.lang;
  if (lang !== undefined && !isLang(lang))
    throw new ArgsError(`--lang must be en or zh, not ${JSON.stringify(lang)}`);
  return {
    port,
    ...(lang === undefined ? {} : { lang }),
    repoOnly: values['repo-only'] === true,
    help: values.help === true,
  };
}
