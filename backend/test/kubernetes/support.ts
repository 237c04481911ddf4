// A Kubernetes API emulator with the product's own CRDs (charts/backend/crds) loaded.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { startKubeApiserverEmulator } from '@store-importer/kube-apiserver-emulator';

import { repoRoot } from '../support/fixtures.js';

export const NAMESPACE = 'extension-store-importer';
const CRD_DIR = join(repoRoot, 'charts', 'backend', 'templates', 'crds');

export function productCrds(): string[] {
  return readdirSync(CRD_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => readFileSync(join(CRD_DIR, name), 'utf8'));
}

export async function startKubernetes() {
  const server = await startKubeApiserverEmulator({ namespaces: [NAMESPACE], crds: productCrds() });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(server.kubeconfigFor());
  return { server, kubeConfig };
}
