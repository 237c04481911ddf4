// Shared test helpers: start the emulator with the test CRD and build client-node clients against it.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import {
  startKubeApiserverEmulator,
  type KubeApiserverEmulatorOptions,
  type RunningKubeApiserverEmulator,
} from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const WIDGET_CRD = readFileSync(join(here, 'widgets-crd.yaml'), 'utf8');
export const GROUP = 'test.storeimporter.kubesphere.io';
export const VERSION = 'v1alpha1';
export const PLURAL = 'widgets';
export const NS = 'store';

export async function start(opts: KubeApiserverEmulatorOptions = {}): Promise<RunningKubeApiserverEmulator> {
  return startKubeApiserverEmulator({ crds: [WIDGET_CRD], namespaces: [NS], ...opts });
}

export function kubeConfig(emu: RunningKubeApiserverEmulator, token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(emu.kubeconfigFor(token));
  return kc;
}

export interface Raw {
  status: number;
  json: unknown;
  headers: Headers;
}

export async function raw(
  emu: RunningKubeApiserverEmulator,
  method: string,
  path: string,
  body?: unknown,
  opts: { token?: string | null; contentType?: string } = {},
): Promise<Raw> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? emu.token : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const res = await fetch(emu.url + path, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, json, headers: res.headers };
}

export function widget(
  name: string,
  spec: Record<string, unknown> = { url: 'https://example.com' },
): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: unknown };
  spec: Record<string, unknown>;
  [k: string]: unknown;
} {
  return { apiVersion: `${GROUP}/${VERSION}`, kind: 'Widget', metadata: { name }, spec };
}

export const base = `/apis/${GROUP}/${VERSION}/namespaces/${NS}/${PLURAL}`;
