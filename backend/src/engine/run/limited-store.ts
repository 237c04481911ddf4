// One bound on the calls an import makes to KubeSphere at once, whatever the repository's shape:
// every App Store call of the run goes through the same limit, reads and writes alike.
import pLimit from 'p-limit';

import type { AppStore } from '../store/types.js';

export function limitStoreCalls(store: AppStore, concurrency: number): AppStore {
  const limit = pLimit(Math.max(1, concurrency));
  const versionsInUse = store.versionsInUse?.bind(store);
  return {
    workspace: store.workspace,
    serverDialect: (signal) => limit(() => store.serverDialect(signal)),
    listApps: (signal) => limit(() => store.listApps(signal)),
    listVersions: (app, signal) => limit(() => store.listVersions(app, signal)),
    createApp: (request, pkg, signal) => limit(() => store.createApp(request, pkg, signal)),
    createVersion: (app, request, pkg, signal) => limit(() => store.createVersion(app, request, pkg, signal)),
    hasVersionPackage: (app, version, signal) => limit(() => store.hasVersionPackage(app, version, signal)),
    deleteVersion: (app, version, signal) => limit(() => store.deleteVersion(app, version, signal)),
    ...(versionsInUse ? { versionsInUse: (names, signal) => limit(() => versionsInUse(names, signal)) } : {}),
    deleteApp: (app, signal) => limit(() => store.deleteApp(app, signal)),
    setVersionState: (app, version, state, signal) =>
      limit(() => store.setVersionState(app, version, state, signal)),
    setAppState: (app, state, signal) => limit(() => store.setAppState(app, state, signal)),
    listCategories: (signal) => limit(() => store.listCategories(signal)),
    createCategory: (category, signal) => limit(() => store.createCategory(category, signal)),
    listRepos: (signal) => limit(() => store.listRepos(signal)),
  };
}
