export { Faults, type FaultOptions } from './faults.js';
export { closeOnSignals, runIfEntry } from './cli.js';
