// Incremental imports: a run record per repository and settings, and the run that skips the
// per-chart reads when neither the index nor the store changed since it.
export { importIncrementally, MAX_RECORD_AGE_MS } from './import-incrementally.js';
export { parseRunRecord, settingsDigest } from './record.js';
export type * from './types.js';
