// The playground's programmatic entry, for the browser tests and other tools.
export { startPlayground, SAMPLE_REPO_NAME, SERVICE_ACCOUNT, WORKSPACE_REPO } from './playground.js';
export type { Playground, PlaygroundOptions } from './playground.js';
export { PLAYGROUND_USERS, sessionUser, type PlaygroundUser, type SessionUser } from './users.js';
export { buildFrontendBundle, ensureHostBuild } from './build.js';
export { EXTENSION_NAME, serveAssets, SYSTEMJS_DIST, type AssetDirs } from './host-server.js';
export { HOST_ASSETS, importMap, importMapScript } from './host-page.js';
export { close, listen, send } from './http.js';
export { SHARED_MODULE_NAMES } from '../host/shared-names.js';
