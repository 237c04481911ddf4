export { KubeSphereStore, type StoreClientOptions } from './client.js';
export {
  APP_API_PATH,
  KubeSphereApi,
  type KubeSphereApiOptions,
  type KubeSphereCall,
  type StoreRetryInfo,
  kubesphereMessage,
} from './api.js';
export { passwordGrant } from './oauth.js';
export { TENANT_API_PATH, type WorkspaceCheck } from './workspaces.js';
export { appNameFor, normalizeRepoUrl } from './names.js';
export { dialectFor, formatVersion, versionObjectName } from './dialect.js';
export type * from './types.js';
