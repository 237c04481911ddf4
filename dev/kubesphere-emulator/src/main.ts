// CLI: node --import tsx dev/kubesphere-emulator/src/main.ts [--host H] [--port N] [--state-file F]
//      [--oss-store] [--no-openpitrix] [--error-rate R] [--error-status S] [--latency-ms MS]
//      [--admin-token T] [--viewer-token T] [--repo name=url]... [--seed-uncategorized]
//      [--ks-version v4.1.1|v4.1.2|v4.1.3|v4.2.0] [--help]
// Parses argv into EmulatorOptions and starts the emulator; no logic of its own.

import { parseArgs } from 'node:util';
import {
  DEFAULT_ADMIN_TOKEN,
  DEFAULT_KS_VERSION,
  DEFAULT_PASSWORD,
  DEFAULT_VIEWER_TOKEN,
  isKsVersion,
  KS_VERSIONS,
  startEmulator,
  type EmulatorOptions,
} from './index.js';
import { closeOnSignals, runIfEntry } from '@store-importer/emulator-kit';

export const USAGE = `Usage: node --import tsx dev/kubesphere-emulator/src/main.ts [options]

Serves an emulation of ks-apiserver 4.1's App Store API and /oauth/token, in memory or in a file.

  --host H                    address to listen on (default 127.0.0.1)
  --port N                    port to listen on (default 9090; 0: any free port)
  --state-file F              keep the store in this JSON file (default: in memory)
  --ks-version V              answer as one of ${KS_VERSIONS.join(', ')} (default ${DEFAULT_KS_VERSION})
  --oss-store                 keep packages in S3: no 1 MiB package limit
  --no-openpitrix             as if the App Store extension were not installed
  --admin-token T             the admin's access token (default ${DEFAULT_ADMIN_TOKEN})
  --viewer-token T            the read-only user's access token (default ${DEFAULT_VIEWER_TOKEN})
  --repo name=url             a global store repository present at start (repeatable)
  --seed-uncategorized        create kubesphere-app-uncategorized at start (ks-core: when first needed)
  --error-rate R              share of API calls that fail, 0 to 1 (default 0)
  --error-status S            HTTP status of those failures (default 500)
  --latency-ms MS             delay of every API call (default 0)
  -h, --help                  print this help`;

/** argv -> the emulator's options, or `help` when --help (or -h) was given. */
export function parseArgv(argv: string[]): EmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      host: { type: 'string' },
      port: { type: 'string' },
      'state-file': { type: 'string' },
      'oss-store': { type: 'boolean' },
      'no-openpitrix': { type: 'boolean' },
      'error-rate': { type: 'string' },
      'error-status': { type: 'string' },
      'latency-ms': { type: 'string' },
      'admin-token': { type: 'string' },
      'viewer-token': { type: 'string' },
      repo: { type: 'string', multiple: true },
      'seed-uncategorized': { type: 'boolean' },
      'ks-version': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const problems: string[] = [];
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) problems.push(`--${name} must be a number, got "${v}"`);
    return n;
  };
  const opts: EmulatorOptions = {
    host: values.host ?? '127.0.0.1',
    port: num('port', values.port) ?? 9090,
    ossStore: values['oss-store'] ?? false,
    openpitrix: !(values['no-openpitrix'] ?? false),
    seedUncategorized: values['seed-uncategorized'] ?? false,
    faults: {
      errorRate: num('error-rate', values['error-rate']) ?? 0,
      errorStatus: num('error-status', values['error-status']) ?? 500,
      latencyMs: num('latency-ms', values['latency-ms']) ?? 0,
    },
    repos: (values.repo ?? []).map((r) => {
      const eq = r.indexOf('=');
      if (eq <= 0) problems.push(`--repo must be name=url, got "${r}"`);
      return { name: r.slice(0, eq), url: r.slice(eq + 1) };
    }),
  };
  const ksVersion = values['ks-version'];
  if (ksVersion !== undefined) {
    if (isKsVersion(ksVersion)) opts.ksVersion = ksVersion;
    else problems.push(`--ks-version must be one of ${KS_VERSIONS.join(', ')}, got "${ksVersion}"`);
  }
  if (values['state-file']) opts.stateFile = values['state-file'];
  if (values['admin-token']) opts.adminToken = values['admin-token'];
  if (values['viewer-token']) opts.viewerToken = values['viewer-token'];
  if (problems.length) throw new Error(`invalid arguments:\n  ${problems.join('\n  ')}`);
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgv(process.argv.slice(2));
  if (opts === 'help') {
    console.log(USAGE);
    return;
  }
  const emu = await startEmulator(opts);
  const lines = [
    `KubeSphere app-store emulator listening on ${emu.url}`,
    `  API:        ${emu.url}/kapis/application.kubesphere.io/v2`,
    `  OAuth:      POST ${emu.url}/oauth/token (client_id=kubesphere, client_secret=kubesphere)`,
    `  admin:      admin / ${DEFAULT_PASSWORD}   token: ${emu.adminToken}`,
    `  read-only:  viewer / ${DEFAULT_PASSWORD}  token: ${emu.viewerToken}`,
    `  options:    ksVersion=${opts.ksVersion ?? DEFAULT_KS_VERSION} ossStore=${String(opts.ossStore)} openpitrix=${String(opts.openpitrix)} stateFile=${opts.stateFile ?? '(memory)'}`,
    `  inspect:    GET ${emu.url}/_emulator/state   faults: POST ${emu.url}/_emulator/faults`,
  ];
  console.log(lines.join('\n'));
  closeOnSignals(() => emu.close());
}

runIfEntry(import.meta.url, main);
