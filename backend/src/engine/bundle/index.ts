// Offline bundles: one file holding what an import needs from a repository, made where the
// repository is reachable and imported where only KubeSphere is.
export { writeBundle, type BundleProgress, type BundleReport, type WriteBundleOptions } from './write.js';
export {
  openBundle,
  BundleError,
  BundleOverLimitError,
  BundleRepository,
  DEFAULT_BUNDLE_LIMITS,
  type BundleLimits,
  type OpenBundleOptions,
  type OpenedBundle,
} from './read.js';
export { imagesFromAnnotations, imagesFromValues } from './images.js';
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  MANIFEST_PATH,
  INDEX_PATH,
  IMAGES_PATH,
  type BundleManifest,
} from './manifest.js';
