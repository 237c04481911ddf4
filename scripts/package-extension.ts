// `npm run package`: the extension package exactly as `ksbuilder package` builds it
// (kubesphere/ksbuilder cmd/package.go), without Go or ksbuilder:
//   1. copy the extension directory to a temporary one (copy.Copy, symlinks kept as links);
//   2. write Chart.yaml from extension.yaml (pkg/api/metadata.go LoadMetadata, Validate, ToChartYaml;
//      a local icon inlined as a data URI by encodeIcon);
//   3. load it with Helm's loader (only the top-level .helmignore applies; every folder under charts/
//      is a subchart) and save it (chartutil.Save) as <name>-<version>.tgz.
// Step 3 is the real helm binary's `helm package`, which is loader.LoadDir + chartutil.Save
// (helm pkg/action/package.go) plus two checks that only refuse: a SemVer version and every
// dependency present in charts/. The package goes to dist/ (ksbuilder writes it to the working
// directory) and must fit the ConfigMap `ksbuilder publish` keeps it in.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { parse as parseYaml, stringify } from 'yaml';

import { ensureHelm } from './ensure-helm.js';

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * ksbuilder publish stores the package in a ConfigMap (pkg/api/extension.go ToKubernetesResources,
 * key chart.tgz), and Kubernetes refuses a ConfigMap whose data exceeds 1 MiB
 * (pkg/apis/core/validation/validation.go ValidateConfigMap, MaxSecretSize).
 */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** The fields of extension.yaml the package uses (ksbuilder pkg/api/metadata.go Metadata). */
export interface ExtensionMetadata {
  apiVersion: string;
  name: string;
  version: string;
  displayName: Record<string, string>;
  description: Record<string, string>;
  category: string;
  keywords?: string[];
  home?: string;
  docs?: string;
  sources?: string[];
  kubeVersion?: string;
  ksVersion?: string;
  maintainers?: { name?: string; email?: string; url?: string }[];
  provider: Record<string, { name: string; email?: string; url?: string }>;
  icon: string;
  screenshots?: string[];
  dependencies?: ChartDependency[];
  installationMode?: string;
  namespace?: string;
  images?: string[];
  externalDependencies?: { name: string; type: string; version: string; required: boolean }[];
  annotations?: Record<string, string>;
}

/** helm pkg/chart/dependency.go Dependency (the fields a Chart.yaml may carry). */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

// ksbuilder pkg/iso639/languages.go: the ISO 639-1 codes its Validate accepts.
// prettier-ignore
const ISO_639_1 = new Set(('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '));

// Go's mime.TypeByExtension built-in table (mime/type.go), the image types an icon may have.
const ICON_MIME_TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export class PackageError extends Error {}

/** The `validate:"required"` fields of ksbuilder's Metadata. */
export const REQUIRED_METADATA_FIELDS = [
  'apiVersion',
  'name',
  'version',
  'displayName',
  'description',
  'category',
  'provider',
  'icon',
] as const;

/** pkg/api/metadata.go LoadMetadata: parse, then Validate (required fields, language codes). */
export async function loadMetadata(dir: string): Promise<ExtensionMetadata> {
  const file = join(dir, 'extension.yaml');
  const parsed: unknown = parseYaml(await readFile(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object') throw new PackageError(`${file}: not a YAML mapping`);
  const metadata = parsed as ExtensionMetadata;
  const missing = REQUIRED_METADATA_FIELDS.filter((field) => !metadata[field as keyof ExtensionMetadata]);
  if (missing.length > 0) throw new PackageError(`${file}: required field(s) missing: ${missing.join(', ')}`);
  for (const [field, locales] of [
    ['displayName', metadata.displayName],
    ['description', metadata.description],
    ['provider', metadata.provider],
  ] as const)
    for (const code of Object.keys(locales))
      if (!ISO_639_1.has(code))
        throw new PackageError(`${file}: ${field}.${code} is not an ISO 639-1 language code (en, zh, ...)`);
  return metadata;
}

/** pkg/api/metadata.go IsLocalFile + encodeIcon: a local icon becomes a data URI. */
export async function iconOf(dir: string, icon: string): Promise<string> {
  if (/^(https?:\/\/|data:image)/.test(icon)) return icon;
  const type = ICON_MIME_TYPES[extname(icon).toLowerCase()];
  if (!type)
    throw new PackageError(
      `extension.yaml icon ${icon}: use one of ${Object.keys(ICON_MIME_TYPES).join(', ')} (its type goes into a data URI)`,
    );
  const bytes = await readFile(join(dir, icon)).catch(() => {
    throw new PackageError(`extension.yaml icon ${icon}: no such file in ${dir}`);
  });
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/** pkg/api/metadata.go ToChartYaml: the package's Chart.yaml (description in English). */
export async function chartYamlOf(
  dir: string,
  metadata: ExtensionMetadata,
): Promise<Record<string, unknown>> {
  const chart: Record<string, unknown> = {
    apiVersion: 'v2',
    name: metadata.name,
    version: metadata.version,
    keywords: metadata.keywords,
    sources: metadata.sources,
    kubeVersion: metadata.kubeVersion,
    home: metadata.home,
    dependencies: metadata.dependencies,
    description: metadata.description.en,
    icon: await iconOf(dir, metadata.icon),
    maintainers: metadata.maintainers,
    annotations: metadata.annotations,
  };
  // helm pkg/chart/metadata.go: every field is `omitempty`
  return Object.fromEntries(
    Object.entries(chart).filter(
      ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/**
 * Top-level entries the top-level .helmignore drops by an anchored name (`/node_modules/`,
 * `/package.json`). Not copying them only saves time: helm applies the whole file again. With a
 * negation (`!`) anywhere nothing is skipped, since it could bring a dropped entry back.
 */
export async function anchoredIgnores(dir: string): Promise<{ files: Set<string>; dirs: Set<string> }> {
  const text = await readFile(join(dir, '.helmignore'), 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const skip = { files: new Set<string>(), dirs: new Set<string>() };
  if (lines.some((line) => line.startsWith('!'))) return skip;
  for (const line of lines) {
    const match = /^\/([^/*?[\\]+)(\/?)$/.exec(line);
    if (!match?.[1]) continue;
    (match[2] ? skip.dirs : skip.files).add(match[1]);
    // helm's rules.go: a pattern without a trailing slash matches directories too
    if (!match[2]) skip.dirs.add(match[1]);
  }
  return skip;
}

async function copyExtensionDir(dir: string, into: string): Promise<void> {
  const skip = await anchoredIgnores(dir);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const skipped = entry.isDirectory() ? skip.dirs.has(entry.name) : skip.files.has(entry.name);
    if (skipped) continue;
    // copy.Copy's default keeps symlinks as links (OnSymlink: Shallow)
    await cp(join(dir, entry.name), join(into, entry.name), { recursive: true, verbatimSymlinks: true });
  }
}

export interface PackageOptions {
  /** the extension directory (default: this repository) */
  dir?: string;
  /** where the .tgz goes (default: <dir>/dist) */
  outDir?: string;
}

export interface PackageResult {
  file: string;
  bytes: number;
  chart: Record<string, unknown>;
}

export async function packageExtension(options: PackageOptions = {}): Promise<PackageResult> {
  const dir = options.dir ?? repoRoot;
  const outDir = options.outDir ?? join(dir, 'dist');
  const metadata = await loadMetadata(dir);
  const chart = await chartYamlOf(dir, metadata);
  const helm = await ensureHelm();
  const work = await mkdtemp(join(tmpdir(), 'si-chart-'));
  try {
    await copyExtensionDir(dir, work);
    await writeFile(join(work, 'Chart.yaml'), stringify(chart));
    await mkdir(outDir, { recursive: true });
    await run(helm, ['package', work, '--destination', outDir]).catch((error: unknown) => {
      const stderr = (error as { stderr?: unknown }).stderr;
      const detail = typeof stderr === 'string' && stderr.trim() ? stderr.trim() : String(error);
      throw new PackageError(`helm could not load the extension as a chart: ${detail}`);
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const file = join(outDir, `${metadata.name}-${metadata.version}.tgz`);
  const { size: bytes } = await stat(file);
  if (bytes > CONFIGMAP_LIMIT_BYTES)
    throw new PackageError(
      `${file} is ${bytes} bytes; ksbuilder publish keeps it in a ConfigMap (1 MiB at most): keep large files out with .helmignore`,
    );
  return { file, bytes, chart };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  try {
    const { file, bytes } = await packageExtension(out ? { outDir: out } : {});
    console.log(
      `package saved to ${relative(process.cwd(), file) || file} (${(bytes / 1024).toFixed(1)} KiB)`,
    );
  } catch (error) {
    console.error(`npm run package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
