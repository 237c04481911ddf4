// Signature verification of chart packages: Helm provenance and cosign (engine/verify).
export { SignatureCheck, signatureLine, withSignatureLine } from './check.js';
export { COSIGN_SIGNATURE_ANNOTATION, COSIGN_SIGNATURE_LAYER, cosignSignatureTag } from './cosign.js';
export { readCosignKey, readKeyring } from './keys.js';
export type * from './types.js';
