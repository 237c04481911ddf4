// The chart-package layer of the engine: read a chart .tgz safely, and shrink one to fit the store.
export { checkPackageIdentity, inspectChart } from './inspect.js';
export { slimChart, type SlimOptions } from './slim.js';
export { DEFAULT_MAX_TEXT_BYTES, readPackageDetails, type DetailsOptions } from './details.js';
export { DEFAULT_CHART_LIMITS, type ChartLimits } from './limits.js';
export type * from './types.js';
