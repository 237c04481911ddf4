export { Faults, type FaultOptions } from './faults.js';
export { closeOnSignals, runIfEntry, startFailure } from './cli.js';
