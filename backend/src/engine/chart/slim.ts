// slimChart: make a chart package fit the store's size limit without changing what Helm renders.
//
// Steps, each tried only if the previous result is still too big (the first that fits wins):
//   1. recompress: the same entries (names, modes, owners, times, data), re-packed in order with
//      node-tar, gzip level 9;
//   2. version-control data and OS/editor leftovers (what Helm's default .helmignore lists);
//   3. entries the chart's own .helmignore matches (what `helm package` of its source leaves out);
//   and only when no template (nor values file, for `tpl`) mentions `.Files`, since then no
//   template can read any other file:
//   4. images; 5. other documentation (docs/, *.md, ...); 6. the top-level README, last, because
//   the store shows it.
// Never removed: Chart.yaml, Chart.lock, requirements.*, values*.yaml, values.schema.json,
// templates/, crds/, charts/ (subcharts, packed or not), .helmignore, and license files
// (LICENSE, NOTICE, COPYING: redistributing a chart usually obliges us to keep them).
import { say } from '../messages/index.js';
import { Pack } from 'tar';

import { ChartError } from '../errors.js';
import { collect, readChartArchive, type ArchiveEntry } from './archive.js';
import { parseHelmIgnore, type HelmIgnore } from './helmignore.js';
import { inspectChart } from './inspect.js';
import { resolveLimits, type ChartLimits } from './limits.js';
import type { SlimResult } from './types.js';

export interface SlimOptions {
  /** The largest acceptable package, in bytes (the store's is 1,048,576). */
  maxBytes: number;
  limits?: Partial<ChartLimits>;
}

type Step = 'junk' | 'helmignore' | 'images' | 'docs' | 'readme';

const STEPS: readonly Step[] = ['junk', 'helmignore', 'images', 'docs', 'readme'];
const NEEDS_NO_FILES: ReadonlySet<Step> = new Set(['images', 'docs', 'readme']);
const REASONS: Record<Step, string> = {
  junk: 'version-control data or an OS/editor leftover',
  helmignore: "matched by the chart's .helmignore",
  images: 'image; no template reads .Files',
  docs: 'documentation; no template reads .Files',
  readme: 'README; no template reads .Files',
};

const VCS_DIRS = new Set(['.git', '.svn', '.hg', '.bzr', '__MACOSX', '.idea', '.vscode']);
const JUNK_FILES = new Set([
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '.gitignore',
  '.gitattributes',
  '.gitmodules',
  '.gitkeep',
  '.bzrignore',
  '.hgignore',
  '.project',
]);
const JUNK_NAME = /(~|\.swp|\.swo|\.bak|\.tmp|\.orig|\.tmproj)$|^\._/;
const IMAGE = /\.(png|jpe?g|gif|svg|ico|bmp|webp|tiff?)$/i;
const DOC = /\.(md|markdown|rst|adoc|asciidoc|txt|pdf|html?)$/i;
const DOC_DIRS = new Set(['docs', 'doc']);
const README = /^readme(\.[^/]*)?$/i;
const LICENSE = /^(licen[cs]e|notice|copying)(\.[^/]*)?$/i;
const PROTECTED_FILES = new Set([
  'Chart.yaml',
  'Chart.lock',
  'requirements.yaml',
  'requirements.lock',
  'values.schema.json',
  '.helmignore',
]);
const PROTECTED_DIRS = new Set(['templates', 'crds', 'charts']);
const VALUES = /^values.*\.ya?ml$/;
/** Where a template could read other files from: `.Files`, `$.Files`, `index . "Files"`... */
const READS_FILES = /\.Files\b|["`]Files["`]/;

/** Shrinks a chart package to at most `maxBytes`, or throws ChartError saying how close it got. */
export async function slimChart(bytes: Buffer, options: SlimOptions): Promise<SlimResult> {
  if (bytes.length <= options.maxBytes) return { bytes, removed: [] };
  const limits = resolveLimits(options.limits);
  await inspectChart(bytes, limits);
  const survey = await surveyChart(bytes, limits);

  const removed: SlimResult['removed'] = [];
  const drop = new Set<number>();
  let smallest = bytes.length;
  for (const step of [undefined, ...STEPS]) {
    if (step !== undefined) {
      if (NEEDS_NO_FILES.has(step) && survey.readsFiles) continue;
      let added = false;
      for (const entry of survey.entries) {
        if (drop.has(entry.index) || classify(entry, survey.ignore) !== step) continue;
        drop.add(entry.index);
        removed.push({ path: entry.name, reason: REASONS[step] });
        added = true;
      }
      if (!added) continue;
    }
    const candidate = await rebuild(bytes, limits, drop);
    if (candidate.length <= options.maxBytes) return { bytes: candidate, removed };
    smallest = Math.min(smallest, candidate.length);
  }

  throw new ChartError(
    say('package-too-large', {
      sizeBytes: smallest,
      limitBytes: options.maxBytes,
      removedEntries: removed.length,
      filesKept: survey.readsFiles ? 1 : 0,
    }),
  );
}

interface Survey {
  entries: ArchiveEntry[];
  ignore: HelmIgnore | undefined;
  readsFiles: boolean;
}

async function surveyChart(bytes: Buffer, limits: ChartLimits): Promise<Survey> {
  const entries: ArchiveEntry[] = [];
  let helmIgnore: string | undefined;
  let readsFiles = false;
  await readChartArchive(bytes, limits, (entry, data) => {
    entries.push(entry);
    if (entry.path === '.helmignore') {
      collect(data, (content) => (helmIgnore = content.toString('utf8')));
    } else if (!readsFiles && mayReadFiles(entry.path)) {
      collect(data, (content) => (readsFiles ||= READS_FILES.test(content.toString('utf8'))));
    }
  });
  return { entries, ignore: helmIgnore === undefined ? undefined : parseHelmIgnore(helmIgnore), readsFiles };
}

/** Templates of the chart or of any unpacked subchart, and values files (read through `tpl`). */
function mayReadFiles(path: string): boolean {
  return /(^|\/)templates\//.test(path) || VALUES.test(basename(path));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The step that may remove an entry, if any. */
function classify(entry: ArchiveEntry, ignore: HelmIgnore | undefined): Step | undefined {
  const { path } = entry;
  const segments = path.split('/');
  const name = basename(path);
  const top = segments[0] ?? '';
  if (PROTECTED_DIRS.has(top) || (segments.length === 1 && PROTECTED_FILES.has(name))) return undefined;
  if (VALUES.test(name) || LICENSE.test(name)) return undefined;
  if (segments.some((segment) => VCS_DIRS.has(segment)) || JUNK_FILES.has(name) || JUNK_NAME.test(name)) {
    return 'junk';
  }
  if (ignore?.ignores(path, entry.kind === 'dir') === true) return 'helmignore';
  if (entry.kind === 'dir') return DOC_DIRS.has(top) ? 'docs' : undefined;
  if (IMAGE.test(name)) return 'images';
  if (segments.length === 1 && README.test(name)) return 'readme';
  if (DOC_DIRS.has(top) || DOC.test(name) || README.test(name)) return 'docs';
  return undefined;
}

/** The package's entries but the dropped ones, re-packed in order and gzipped at level 9. */
async function rebuild(bytes: Buffer, limits: ChartLimits, drop: ReadonlySet<number>): Promise<Buffer> {
  const pack = new Pack({ gzip: { level: 9 } });
  const output = pack.concat();
  await readChartArchive(bytes, limits, (entry, data) => {
    if (!drop.has(entry.index)) pack.write(data);
  });
  pack.end();
  return output;
}
