// Why a chart package is unusable (engine/chart): one code per rule, so that the console can say
// it in the user's language. Every one needs a change to the package: a retry cannot help.
import { entry, q } from './entry.js';

type Entry = { entryName: string };
type File = { file: string };
/** What a Chart.yaml field must be, or what it was instead (chart-yaml.ts decodeValue). */
export type YamlKind =
  'string' | 'bool' | 'strings' | 'string-map' | 'list' | 'mapping' | 'null' | 'number' | 'boolean' | 'other';

const YAML_KIND_WORDS: Record<YamlKind, string> = {
  string: 'a string',
  bool: 'true or false',
  strings: 'a list of strings',
  'string-map': 'a mapping of strings',
  list: 'a list',
  mapping: 'a mapping',
  null: 'null',
  number: 'a number',
  boolean: 'a boolean',
  other: 'a value of another kind',
};

/** Tar type flags refused as special files (node-tar's names in archive.ts). */
const SPECIAL_FILES: Record<string, string> = {
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
};

const ONLY_FILES = '; only files and directories are allowed in a chart';
const notTar = (detail: string): string =>
  `not a chart package: the gzip data is not a valid tar archive (${detail})`;
const truncated = (where: string): string => `chart package is truncated: its tar archive ends ${where}`;
const change = <P>(text: (params: P) => string) => entry(text, 'change');

export const packageProblems = {
  // The gzip and tar layers (archive.ts)
  'package-not-gzip': change<{ sizeBytes: number; firstHex: string }>(
    (p) =>
      `not a chart package: the data is not gzip-compressed (${p.sizeBytes} bytes starting ${p.firstHex === '' ? 'with nothing' : p.firstHex})`,
  ),
  'package-gzip-truncated': change<Record<string, never>>(
    () => 'not a chart package: the gzip data is truncated',
  ),
  /** `problem` is zlib's own words. */
  'package-gzip-corrupt': change<{ problem: string }>(
    (p) => `not a chart package: the gzip data is corrupt (${p.problem})`,
  ),
  /** `problem`, when not '', is node-tar's own words. */
  'package-tar-bad-header': change<{ offset: number; problem: string }>((p) =>
    notTar(`invalid tar header at byte ${p.offset}${p.problem === '' ? '' : `: ${p.problem}`}`),
  ),
  'package-tar-bad-checksum': change<{ offset: number }>((p) =>
    notTar(`invalid tar header checksum at byte ${p.offset}`),
  ),
  'package-tar-big-extension': change<{ offset: number }>((p) =>
    notTar(`a tar extension header at byte ${p.offset} is over 1 MiB`),
  ),
  'package-tar-data-after-end': change<{ offset: number }>((p) =>
    notTar(`a zero block is followed by data at byte ${p.offset}`),
  ),
  'package-truncated-in-header': change<Record<string, never>>(() => truncated('inside a tar header')),
  'package-truncated-in-extension': change<Record<string, never>>(() =>
    truncated('inside an extension header'),
  ),
  'package-truncated-after-extension': change<Record<string, never>>(() =>
    truncated('after an extension header'),
  ),
  'package-truncated-in-entry': change<Entry>((p) => truncated(`inside entry ${q(p.entryName)}`)),
  'package-sparse-file': change<Record<string, never>>(
    () => 'chart package has a sparse file, which charts never need',
  ),
  'package-empty': change<Record<string, never>>(
    () => 'chart package is empty: its tar archive has no entries',
  ),
  'package-too-many-entries': change<{ max: number }>((p) => `chart package has more than ${p.max} entries`),
  'package-stream-too-big': change<{ limitBytes: number; streamBytes: number }>(
    (p) =>
      `chart package unpacks to more than ${p.limitBytes} bytes (its tar stream is over ${p.streamBytes} bytes)`,
  ),
  'package-unpacks-too-big': change<Entry & { limitBytes: number }>(
    (p) =>
      `chart package unpacks to more than ${p.limitBytes} bytes (the limit was reached at entry ${q(p.entryName)})`,
  ),
  'package-entry-too-big': change<Entry & { sizeBytes: number; limitBytes: number }>(
    (p) =>
      `chart package entry ${q(p.entryName)} is ${p.sizeBytes} bytes, over the limit of ${p.limitBytes} bytes per file`,
  ),
  // An entry's kind and name (archive.ts)
  'package-entry-slash-file': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} is a regular file whose name ends in "/"`,
  ),
  'package-entry-directory-mode': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} is a regular file with a directory mode`,
  ),
  'package-entry-hard-link': change<Entry & { target: string }>(
    (p) =>
      `chart package entry ${q(p.entryName)} is a hard link (to ${q(p.target)}); links are not allowed in a chart`,
  ),
  'package-entry-symlink': change<Entry & { target: string }>(
    (p) =>
      `chart package entry ${q(p.entryName)} is a symbolic link (to ${q(p.target)}); links are not allowed in a chart`,
  ),
  /** `tarType`: the entry's tar type flag. */
  'package-entry-special': change<Entry & { tarType: string }>(
    (p) =>
      `chart package entry ${q(p.entryName)} is ${SPECIAL_FILES[p.tarType] ?? `of tar type ${q(p.tarType)}`}${ONLY_FILES}`,
  ),
  'package-entry-unsupported-type': change<Entry & { tarType: string }>(
    (p) => `chart package entry ${q(p.entryName)} has the unsupported tar type ${q(p.tarType)}${ONLY_FILES}`,
  ),
  'package-entry-absolute': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} has an absolute path`,
  ),
  'package-entry-dot-dot': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} has a ".." path segment`,
  ),
  'package-entry-illegal-path': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} has an illegal path`,
  ),
  'package-entry-no-directory': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} is not inside a top-level directory`,
  ),
  'package-entry-outside-root': change<Entry & { root: string }>(
    (p) =>
      `chart package has more than one top-level directory: entry ${q(p.entryName)} is outside ${q(p.root)}`,
  ),
  'package-entry-file-as-root': change<Entry>(
    (p) => `chart package entry ${q(p.entryName)} is a file outside the chart's directory`,
  ),
  // Chart.yaml (inspect.ts, chart-yaml.ts: Helm's Metadata.Validate and its YAML decoding)
  'package-two-chart-yaml': change<{ first: string; second: string }>(
    (p) =>
      `chart package has two Chart.yaml entries, ${q(p.first)} and ${q(p.second)}: which chart it is is ambiguous; package the chart again with helm package`,
  ),
  'package-no-chart-yaml': change<{ root: string }>(
    (p) => `chart package has no Chart.yaml in its top-level directory ${q(p.root)}`,
  ),
  'chart-yaml-not-mapping': change<File>((p) => `${p.file} is not a YAML mapping`),
  /** `problem` is the YAML parser's own words. */
  'chart-yaml-invalid': change<File & { problem: string }>(
    (p) => `${p.file} is not valid YAML: ${p.problem}`,
  ),
  'chart-yaml-alias-bomb': change<File>((p) => `${p.file} uses too many YAML aliases (an alias bomb?)`),
  /** `field`: a Chart.yaml key, as Helm spells it. */
  'chart-yaml-field-required': change<File & { field: string }>((p) => `${p.file}: ${p.field} is required`),
  'chart-yaml-name-not-allowed': change<File & { name: string }>(
    (p) => `${p.file}: name ${q(p.name)} is not allowed`,
  ),
  'chart-yaml-name-has-separator': change<File & { name: string }>(
    (p) => `${p.file}: name ${q(p.name)} must not contain path separators`,
  ),
  'chart-yaml-bad-version': change<File & { version: string }>(
    (p) => `${p.file}: version ${q(p.version)} is not a valid semantic version`,
  ),
  'chart-yaml-bad-type': change<File & { type: string }>(
    (p) => `${p.file}: type ${q(p.type)} must be application or library`,
  ),
  /** `field`: maintainers or dependencies. */
  'chart-yaml-null-node': change<File & { field: string }>(
    (p) => `${p.file}: ${p.field} must not contain empty or null nodes`,
  ),
  'chart-yaml-bad-alias': change<File & { name: string }>(
    (p) => `${p.file}: dependency ${q(p.name)} has disallowed characters in the alias`,
  ),
  'chart-yaml-duplicate-dependency': change<File & { name: string }>(
    (p) => `${p.file}: more than one dependency with name or alias ${q(p.name)}`,
  ),
  /** `path`: where in Chart.yaml, e.g. `maintainers[0].name`. */
  'chart-yaml-wrong-kind': change<File & { path: string; expectedKind: YamlKind; actualKind: YamlKind }>(
    (p) =>
      `${p.file}: ${p.path} must be ${YAML_KIND_WORDS[p.expectedKind]}, not ${YAML_KIND_WORDS[p.actualKind]}`,
  ),
  'chart-yaml-not-finite': change<File & { path: string; value: string }>(
    (p) => `${p.file}: ${p.path} is ${p.value}, which Helm cannot read`,
  ),
  /** `path` is '' for a key at the top level. */
  'chart-yaml-key-not-string': change<File & { path: string; actualKind: YamlKind }>(
    (p) =>
      `${p.file}: ${p.path === '' ? 'a' : `${p.path} has a`} key that is not a string (${YAML_KIND_WORDS[p.actualKind]})`,
  ),
} as const;
