// The manifest of an offline bundle (bundle.json): what the bundle holds and where it came from.
// It is the first entry of the archive, so a reader can check every later entry as it streams.
import { z } from 'zod';

/** The archive's layout; a reader refuses any other version rather than guess. */
export const BUNDLE_FORMAT = 'store-importer-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'bundle.json';
export const INDEX_PATH = 'index.yaml';
export const IMAGES_PATH = 'images.txt';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');
/** A path inside the bundle: `/`-separated plain names, never absolute, `.` or `..`. */
export const BUNDLE_PATH = /^(?!\.{1,2}(\/|$))[A-Za-z0-9._+-]+(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._+-]+)*$/;
const bundlePath = z.string().max(512).regex(BUNDLE_PATH, 'a relative path of plain names');

const fileSchema = z.strictObject({
  path: bundlePath,
  sha256,
  size: z.number().int().nonnegative(),
});

const chartSchema = z.strictObject({
  name: z.string().min(1).max(512),
  version: z.string().min(1).max(512),
  /** The package, exactly as the repository served it. */
  file: bundlePath,
  /** The icon of the index entry, when it could be fetched, with the Content-Type it was served with. */
  icon: z
    .strictObject({
      url: z.string().max(8192),
      file: bundlePath,
      contentType: z.string().max(256).optional(),
    })
    .optional(),
  images: z.array(z.string().max(1024)).max(10_000),
});

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  created: z.string().max(64),
  tool: z.strictObject({ name: z.string().max(128), version: z.string().max(128) }),
  /** The repository URL the bundle was made from, without credentials: the store's app identity. */
  repository: z.string().min(1).max(8192),
  selection: z.strictObject({
    versions: z.string().max(64),
    charts: z.array(z.string().max(512)).optional(),
    includeDeprecated: z.boolean(),
  }),
  charts: z.array(chartSchema),
  /** Every container image the charts name, sorted, once each. */
  images: z.array(z.string().max(1024)),
  /** Every other entry of the archive; bundle.json itself is not listed. */
  files: z.array(fileSchema),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type BundleFile = BundleManifest['files'][number];
export type BundleChart = BundleManifest['charts'][number];
