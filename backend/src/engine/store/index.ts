export { KubeSphereStore, APP_API_PATH, kubesphereMessage, type StoreClientOptions } from './client.js';
export { passwordGrant } from './oauth.js';
export { appNameFor, normalizeRepoUrl } from './names.js';
export { dialectFor, formatVersion, versionObjectName } from './dialect.js';
export type * from './types.js';
