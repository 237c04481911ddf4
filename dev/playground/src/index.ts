// The playground's programmatic entry, for the browser tests and other tools.
export {
  KS_VERSION,
  PASSWORD,
  SAMPLE_REPO_NAME,
  SERVICE_ACCOUNT,
  startPlayground,
  WORKSPACE_REPO,
} from './playground.js';
export type { Lang, Playground, PlaygroundOptions } from './playground.js';
export { GLOBAL_ROLES, PLAYGROUND_USERS, type PlaygroundUser } from './users.js';
export { buildFrontendBundle } from './build.js';
export { EXTENSION_NAME } from './extension.js';
export { close, listen, send } from './http.js';
