export { KubeSphereStore, APP_API_PATH, kubesphereMessage, type StoreClientOptions } from './client.js';
export { passwordGrant } from './oauth.js';
export { appNameFor, formatVersion, normalizeRepoUrl, versionObjectName } from './names.js';
export type * from './types.js';
