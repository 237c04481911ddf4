// CLI: node --import tsx dev/kubesphere-emulator/src/main.ts [--host H] [--port N] [--state-file F]
//      [--oss-store] [--no-openpitrix] [--error-rate R] [--error-status S] [--latency-ms MS]
//      [--admin-token T] [--viewer-token T] [--repo name=url]... [--seed-uncategorized]
//      [--ks-version v4.1.1|v4.1.2|v4.1.3|v4.2.0]
// Parses argv into EmulatorOptions and starts the emulator; no logic of its own.

import { parseArgs } from 'node:util';
import {
  DEFAULT_KS_VERSION,
  DEFAULT_PASSWORD,
  isKsVersion,
  KS_VERSIONS,
  startEmulator,
  type EmulatorOptions,
} from './index.js';
import { closeOnSignals, runIfEntry } from '@store-importer/emulator-kit';

export function parseArgv(argv: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
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
