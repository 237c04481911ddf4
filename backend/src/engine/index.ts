// The import engine: a library with no HTTP server in it, shared by the CLI and the service.
export * from './errors.js';
export { runImport, summarize, STORE_MAX_PACKAGE_BYTES } from './run/import.js';
export {
  previewRepository,
  type RepoPreview,
  type PreviewChart,
  type PreviewTotals,
  type PreviewVersion,
  type SizeMode,
} from './run/preview.js';
export {
  findChartVersion,
  readChartDetails,
  type ChartDetails,
  type ChartDetailsRequest,
} from './run/details.js';
export { DEFAULT_MAX_TEXT_BYTES, readPackageDetails } from './chart/details.js';
export { UNCATEGORIZED } from './run/categories.js';
export * from './incremental/index.js';
export type * from './run/types.js';
export type * from './plan/types.js';
export { selectVersions } from './plan/select.js';
export { planImport } from './plan/plan.js';
export {
  ARTIFACT_HUB_CATEGORIES,
  CATEGORY_ANNOTATIONS,
  CATEGORY_RULE_LIMITS,
  decideCategory,
  parseCategoryRules,
  parseCategoryRulesFile,
  TANZU_CATEGORIES,
  type CategoryAnnotation,
  type CategoryDecision,
  type CategoryPolicy,
  type CategoryRule,
  type CategorySource,
} from './plan/category.js';
export * from './store/index.js';
export {
  type ClientCertificateProblem,
  clientCertificateProblem,
  createChartRepository,
  describeClientCertificateProblem,
  DEFAULT_OPTIONS,
  redactUrl,
  type RepoClientOptions,
  type RetryInfo,
} from './repo/index.js';
export type * from './repo/types.js';
export {
  type ConnectionHooks,
  type HttpFailure,
  type HttpFailureKind,
  NO_ANSWER_FAILURES,
} from './http/index.js';
export { parseWholeNumber } from './whole-number.js';
export { counted } from './words.js';
export type * from './chart/types.js';
export * from './messages/index.js';
export { refused, type RequestWhy } from './messages/refusal.js';
export { describeError } from './messages/describe.js';
export * from './bundle/index.js';
export * from './verify/index.js';
