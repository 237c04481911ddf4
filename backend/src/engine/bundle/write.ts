// Makes an offline bundle: the versions an import would select, their packages exactly as the
// repository served them (a digest mismatch fails the bundle), an index of just those versions,
// their icons when they can be fetched, the container images they use, and a manifest with the
// checksum of every file, as one gzip tar written atomically.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import pLimit from 'p-limit';
import { create as createTar } from 'tar';
import { stringify } from 'yaml';

import { readPackageDetails } from '../chart/details.js';
import { CancelledError, InputError, RepoError, reasonOf } from '../errors.js';
import { say } from '../messages/index.js';
import { selectVersions } from '../plan/select.js';
import type { Selection } from '../plan/types.js';
import type { ChartRepository, ChartVersionRef } from '../repo/types.js';
import { ICON_MAX_BYTES } from '../run/icons.js';
import { imagesFromAnnotations, imagesFromValues } from './images.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleChart,
  type BundleFile,
  type BundleManifest,
  IMAGES_PATH,
  INDEX_PATH,
  MANIFEST_PATH,
} from './manifest.js';

/** values.yaml read for image references: more than any chart's we know. */
const MAX_VALUES_BYTES = 4 * 1024 * 1024;

export type BundleProgress =
  | { type: 'index'; charts: number; versions: number }
  | { type: 'version'; chart: string; version: string; done: number; total: number }
  | { type: 'note'; text: string };

export interface WriteBundleOptions {
  /** The repository URL as the user gave it, without credentials: the store identity of its apps. */
  repoUrl: string;
  selection: Selection;
  /** The bundle file to write (replaced atomically). */
  output: string;
  toolVersion: string;
  /** Downloads at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BundleProgress) => void;
}

export interface BundleReport {
  output: string;
  repository: string;
  charts: { chart: string; version: string; file: string; size: number; sha256: string; images: string[] }[];
  images: string[];
  /** Icons that could not be fetched, images that could not be read: the bundle is fine without them. */
  notes: string[];
  /** Size of the bundle file. */
  bytes: number;
}

interface Staged {
  chart: BundleChart;
  ref: ChartVersionRef;
  files: BundleFile[];
}

/** Writes the bundle; throws RepoError (unreadable repository, digest mismatch) or InputError. */
export async function writeBundle(repo: ChartRepository, options: WriteBundleOptions): Promise<BundleReport> {
  const progress = options.onProgress ?? (() => undefined);
  const notes: string[] = [];
  const note = (text: string): void => {
    notes.push(text);
    progress({ type: 'note', text });
  };
  const index = await repo.loadIndex(options.signal);
  for (const warning of index.warnings) note(warning.message);
  // The same selection as an import: a bundle holds what an online import would upload.
  const selection = selectVersions(index, options.selection);
  if (selection.missingCharts.length > 0) {
    throw new InputError(
      `the repository has no chart ${selection.missingCharts.map((name) => JSON.stringify(name)).join(', ')}: check --charts; no bundle was written`,
    );
  }
  for (const warning of selection.warnings) note(warning.message);
  const refs = selection.charts.flatMap((chart) => chart.versions);
  if (refs.length === 0)
    throw new InputError('no chart version matches the selection: no bundle was written');
  progress({ type: 'index', charts: selection.charts.length, versions: refs.length });

  const output = resolve(options.output);
  await mkdir(dirname(output), { recursive: true });
  const staging = await mkdtemp(join(dirname(output), '.store-importer-bundle-'));
  try {
    const names = new FileNames();
    const icons = new Map<string, Promise<StagedIcon>>();
    const limit = pLimit(options.concurrency ?? 4);
    // The first failure stops the other downloads, and every one has ended before the staging
    // folder is removed.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let firstError: unknown;
    let done = 0;
    const settled = await Promise.allSettled(
      refs.map((ref) =>
        limit(async (): Promise<Staged> => {
          try {
            if (signal.aborted) throw new CancelledError('The bundle was cancelled.');
            const result = await stageVersion(repo, ref, staging, names, { ...options, signal }, note, icons);
            done += 1;
            progress({ type: 'version', chart: ref.name, version: ref.version, done, total: refs.length });
            return result;
          } catch (error) {
            if (!stop.signal.aborted) {
              firstError = error;
              stop.abort();
            }
            throw error;
          }
        }),
      ),
    );
    if (stop.signal.aborted) throw firstError;
    const staged = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const images = [...new Set(staged.flatMap(({ chart }) => chart.images))].sort();
    const files = dedupeFiles(staged.flatMap((entry) => entry.files));
    files.push(await stageFile(staging, INDEX_PATH, Buffer.from(indexYaml(staged))));
    files.push(
      await stageFile(staging, IMAGES_PATH, Buffer.from(images.map((image) => `${image}\n`).join(''))),
    );
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      created: new Date().toISOString(),
      tool: { name: 'store-importer', version: options.toolVersion },
      repository: options.repoUrl,
      selection: {
        versions: versionsText(options.selection),
        ...(options.selection.charts ? { charts: options.selection.charts } : {}),
        includeDeprecated: options.selection.includeDeprecated,
      },
      charts: staged.map(({ chart }) => chart),
      images,
      files,
    };
    await writeFile(join(staging, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
    // bundle.json first, so that a reader checks every later entry as it streams.
    const partial = join(staging, 'bundle.tgz');
    await createTar({ gzip: true, portable: true, cwd: staging, file: partial }, [
      MANIFEST_PATH,
      ...files.map((entry) => entry.path),
    ]);
    await rename(partial, output);
    return {
      output,
      repository: options.repoUrl,
      charts: staged.map(({ chart }) => {
        const file = files.find((entry) => entry.path === chart.file);
        return {
          chart: chart.name,
          version: chart.version,
          file: chart.file,
          size: file?.size ?? 0,
          sha256: file?.sha256 ?? '',
          images: chart.images,
        };
      }),
      images,
      notes,
      bytes: (await stat(output)).size,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function stageVersion(
  repo: ChartRepository,
  ref: ChartVersionRef,
  staging: string,
  names: FileNames,
  options: WriteBundleOptions,
  note: (text: string) => void,
  icons: Map<string, Promise<StagedIcon>>,
): Promise<Staged> {
  const fetched = await repo.fetchPackage(ref, options.signal);
  // An import goes on with a note; a bundle is meant to be trusted as it is, so it stops.
  const warning = fetched.digestWarning;
  if (warning) {
    const problem = `${warning.message} No bundle was written: the package is not what the index says.`;
    // The digests of the warning (digest-mismatch-index or -registry).
    const { expected = '', actual = '' } = warning.params;
    throw new RepoError(
      say('bundle-digest-mismatch', {
        problem,
        chart: ref.name,
        version: ref.version,
        expected: String(expected),
        actual: String(actual),
      }),
    );
  }
  const file = await stageFile(
    staging,
    names.take('charts', `${ref.name}-${ref.version}`, 'tgz'),
    fetched.bytes,
  );
  const { images, icon: iconSource } = await readVersion(ref, fetched.bytes, note);
  const files = [file];
  let icon: BundleChart['icon'];
  const url = httpUrl(iconSource);
  if (url !== undefined && repo.fetchIcon) {
    // Versions of a chart usually share one icon: fetched and stored once.
    let pending = icons.get(url.href);
    if (pending === undefined) {
      pending = stageIcon(repo, url, staging, names.take('icons', ref.name, 'icon'), options.signal);
      icons.set(url.href, pending);
      const staged = await pending;
      if (typeof staged === 'string')
        note(`the icon of ${ref.name} ${ref.version} is left out (${staged}): ${url.href}`);
    }
    const staged = await pending;
    if (typeof staged !== 'string') {
      icon = {
        url: url.href,
        file: staged.file.path,
        ...(staged.contentType ? { contentType: staged.contentType } : {}),
      };
      files.push(staged.file);
    }
  }
  const chart: BundleChart = {
    name: ref.name,
    version: ref.version,
    file: file.path,
    ...(icon ? { icon } : {}),
    images,
  };
  return { chart, ref, files };
}

type StagedIcon = { file: BundleFile; contentType?: string } | string;

/** The icon fetched through the repository and staged, or why not (a note, never an error). */
async function stageIcon(
  repo: ChartRepository,
  url: URL,
  staging: string,
  path: string,
  signal: AbortSignal | undefined,
): Promise<StagedIcon> {
  const fetchIcon = repo.fetchIcon?.bind(repo);
  if (!fetchIcon) return 'the repository cannot fetch icons';
  try {
    // The import stores icons up to this size: a larger one would not be used.
    const { bytes, contentType } = await fetchIcon(url, ICON_MAX_BYTES, signal);
    return { file: await stageFile(staging, path, bytes), ...(contentType ? { contentType } : {}) };
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) throw error;
    return reasonOf(error);
  }
}

/** An http(s) icon URL; a data: URI travels in the index entry itself. */
function httpUrl(icon: string | undefined): URL | undefined {
  try {
    const url = new URL(icon?.trim() ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The images the version uses, and the icon an import of it stores: Chart.yaml's, else the
 * index entry's (run/import.ts reads the package's first). A package that cannot be read is a
 * note here; its import fails with the reason.
 */
async function readVersion(
  ref: ChartVersionRef,
  bytes: Buffer,
  note: (text: string) => void,
): Promise<{ images: string[]; icon: string | undefined }> {
  try {
    const { metadata, values } = await readPackageDetails(bytes, { maxTextBytes: MAX_VALUES_BYTES });
    const images =
      imagesFromAnnotations(ref.annotations) ??
      imagesFromAnnotations(metadata.annotations) ??
      (values ? imagesFromValues(values.content, metadata.appVersion) : []);
    return { images, icon: metadata.icon ?? ref.icon };
  } catch (error) {
    note(`the images of ${ref.name} ${ref.version} could not be read (${reasonOf(error)})`);
    return { images: imagesFromAnnotations(ref.annotations) ?? [], icon: ref.icon };
  }
}

async function stageFile(staging: string, path: string, bytes: Buffer): Promise<BundleFile> {
  const target = join(staging, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** The same icon file is listed once, however many versions share it. */
function dedupeFiles(files: BundleFile[]): BundleFile[] {
  const byPath = new Map(files.map((entry) => [entry.path, entry]));
  return [...byPath.values()];
}

/** Safe, unique file names inside the bundle, whatever a chart's name or version holds. */
class FileNames {
  private readonly taken = new Set<string>();

  take(folder: string, stem: string, extension: string): string {
    const safe = stem
      .replace(/[^A-Za-z0-9._+-]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 200);
    for (let n = 1; ; n += 1) {
      const path = `${folder}/${safe}${n === 1 ? '' : `-${n}`}.${extension}`;
      if (!this.taken.has(path)) {
        this.taken.add(path);
        return path;
      }
    }
  }
}

function versionsText(selection: Selection): string {
  return selection.versions.kind === 'newest' ? String(selection.versions.count) : selection.versions.kind;
}

/**
 * An index of the bundled versions, in Helm's layout: each entry as the repository's index had it
 * (digest included, so the store sees the same version), its url the package inside the bundle.
 */
function indexYaml(staged: Staged[]): string {
  const entries: Record<string, Record<string, unknown>[]> = {};
  for (const { ref, chart } of staged) {
    const entry: Record<string, unknown> = {
      apiVersion: ref.apiVersion,
      name: ref.name,
      version: ref.version,
      appVersion: ref.appVersion,
      description: ref.description,
      home: ref.home,
      icon: ref.icon,
      keywords: ref.keywords.length > 0 ? ref.keywords : undefined,
      maintainers: ref.maintainers.length > 0 ? ref.maintainers : undefined,
      annotations: Object.keys(ref.annotations).length > 0 ? ref.annotations : undefined,
      deprecated: ref.deprecated ? true : undefined,
      created: ref.created,
      digest: ref.digest,
      urls: [chart.file],
    };
    (entries[ref.name] ??= []).push(
      Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)),
    );
  }
  return stringify({ apiVersion: 'v1', entries, generated: new Date().toISOString() });
}
