// The import engine: a library with no HTTP server in it, shared by the CLI and the service.
export * from './errors.js';
export { runImport, summarize, STORE_MAX_PACKAGE_BYTES } from './run/import.js';
export {
  previewRepository,
  type RepoPreview,
  type PreviewChart,
  type PreviewVersion,
} from './run/preview.js';
export type * from './run/types.js';
export type * from './plan/types.js';
export { selectVersions } from './plan/select.js';
export { planImport, categoryOf } from './plan/plan.js';
export * from './store/index.js';
export type * from './repo/types.js';
export type * from './chart/types.js';
