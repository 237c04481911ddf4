// CLI: node --import tsx dev/kube-apiserver-emulator/src/main.ts [--host H] [--port N]
//      [--crd file.yaml]... [--namespace ns]... [--token T] [--error-rate R] [--latency-ms MS]
// Parses argv into options and starts the emulator; prints the URL and the admin token.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startKubeApiserverEmulator, type KubeApiserverEmulatorOptions } from './index.js';
import { closeOnSignals, runIfEntry } from '@store-importer/emulator-kit';

export function parseArgv(argv: string[]): KubeApiserverEmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      crd: { type: 'string', multiple: true },
      namespace: { type: 'string', multiple: true },
      token: { type: 'string' },
      'error-rate': { type: 'string' },
      'latency-ms': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
    return n;
  };
  const opts: KubeApiserverEmulatorOptions = {
    host: values.host ?? '127.0.0.1',
    port: num('port', values.port, 0),
    crds: (values.crd ?? []).map((f) => readFileSync(f, 'utf8')),
    namespaces: values.namespace ?? [],
    faults: {
      errorRate: num('error-rate', values['error-rate'], 0),
      latencyMs: num('latency-ms', values['latency-ms'], 0),
    },
  };
  if (values.token) opts.adminToken = values.token;
  return opts;
}

async function main(): Promise<void> {
  const emu = await startKubeApiserverEmulator(parseArgv(process.argv.slice(2)));
  console.log(`kube-apiserver emulator listening on ${emu.url}`);
  console.log(`  token:   ${emu.token}`);
  console.log(`  state:   GET ${emu.url}/_emulator/state   reset: POST ${emu.url}/_emulator/reset`);
  closeOnSignals(() => emu.close());
}

runIfEntry(import.meta.url, main);
