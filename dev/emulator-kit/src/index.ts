export { Faults, type FaultOptions } from './faults.js';
export { closeOnSignals, runIfEntry, startFailure } from './cli.js';
export { makeCertificates, mutualTls, type TestCertificates } from './certificates.js';
export { png, pngChunk, pngChunks, PNG_SIGNATURE, type PngChunk } from './images.js';
