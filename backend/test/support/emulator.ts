// The parts of the emulator's /_emulator/state the tests read, and the release it answers as.
import { isKsVersion, type KsVersion, type RunningEmulator } from '@store-importer/kubesphere-emulator';

/** EMULATOR_KS_VERSION (v4.1.1, v4.1.2, v4.1.3, v4.2.0), to run a suite against that release; undefined when unset. */
export function ksVersionFromEnv(): KsVersion | undefined {
  const value = process.env.EMULATOR_KS_VERSION;
  if (value === undefined || value === '') return undefined;
  if (!isKsVersion(value)) throw new Error(`EMULATOR_KS_VERSION: no such release "${value}"`);
  return value;
}

export interface WireObject {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { versionName?: string };
  status?: { state?: string };
}

export interface EmulatorState {
  apps: WireObject[];
  versions: (WireObject & { package: { size: number; sha256: string } | null })[];
  categories: WireObject[];
  /** `time`: when the request arrived (ISO); logged once answered. */
  requestLog: { time: string; method: string; path: string; status: number }[];
}

export function stateOf(emulator: RunningEmulator): EmulatorState {
  return emulator.state() as EmulatorState;
}

/** Apps and versions reduced to what must match between two runs: names, states, packages. */
export function storeFingerprint(emulator: RunningEmulator): string[] {
  const state = stateOf(emulator);
  const apps = state.apps.map(
    (app) =>
      `app ${app.metadata.name} ${app.status?.state ?? ''} store=${app.metadata.labels?.['application.kubesphere.io/app-store'] ?? ''} ` +
      `category=${app.metadata.labels?.['application.kubesphere.io/app-category-name'] ?? ''} ` +
      `latest=${app.metadata.annotations?.['application.kubesphere.io/latest-app-version'] ?? ''}`,
  );
  const versions = state.versions.map(
    (version) =>
      `version ${version.metadata.name} ${version.spec?.versionName ?? ''} ${version.status?.state ?? ''} ${version.package?.sha256 ?? 'no-package'}`,
  );
  return [...apps, ...versions].sort();
}

export function writesOf(emulator: RunningEmulator): { method: string; path: string; status: number }[] {
  // `POST /apps?validate=true` is the right-to-manage probe: the handler writes nothing.
  return stateOf(emulator).requestLog.filter(
    (entry) => entry.method !== 'GET' && !entry.path.endsWith('?validate=true'),
  );
}
