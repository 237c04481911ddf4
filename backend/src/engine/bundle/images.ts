// The container images a chart uses, for mirroring them into an air-gapped registry. Charts say
// so in an annotation (Artifact Hub's `artifacthub.io/images`, Bitnami's `images`: a YAML list
// of {name, image}); without one, the image references of values.yaml are the best guess.
import { parse } from 'yaml';
import { z } from 'zod';

const IMAGE_ANNOTATIONS = ['artifacthub.io/images', 'images'];

const annotationSchema = z.array(z.looseObject({ image: z.string() }));

/** registry/path[:tag][@digest]; a template (`{{ ... }}`) or a word like `enabled` is not one. */
const IMAGE_REFERENCE =
  /^[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]+)?(\/[A-Za-z0-9._-]+)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
/** values.yaml is the chart author's: parsed with bounds, as any untrusted YAML. */
const YAML_OPTIONS = { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false } as const;
const MAX_DEPTH = 64;

/** Images from the chart's annotations; undefined when it has none that parse. */
export function imagesFromAnnotations(annotations: Record<string, string>): string[] | undefined {
  for (const key of IMAGE_ANNOTATIONS) {
    const text = annotations[key];
    if (text === undefined) continue;
    try {
      const listed = annotationSchema.safeParse(parse(text, YAML_OPTIONS));
      if (listed.success) return unique(listed.data.map(({ image }) => image.trim()).filter(isImage));
    } catch {
      // An annotation that is not YAML names no image; values.yaml may.
    }
  }
  return undefined;
}

/**
 * Image references in a values.yaml: `image: repo/name:tag` strings and maps with a
 * `repository` (and `registry`, `tag`, `digest`), as most charts and Bitnami's write them. An
 * empty tag is the chart's appVersion, as `helm create`'s templates default it.
 */
export function imagesFromValues(valuesYaml: string, appVersion: string | undefined): string[] {
  let values: unknown;
  try {
    values = parse(valuesYaml, YAML_OPTIONS);
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (node: unknown, key: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key, depth + 1);
      return;
    }
    if (typeof node === 'string') {
      if (/image$/i.test(key) && (/[:/@]/.test(node) || key === 'image') && isImage(node)) found.push(node);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const map = node as Record<string, unknown>;
    const mapped = imageOfMap(map, key, appVersion);
    if (mapped !== undefined) found.push(mapped);
    for (const [child, value] of Object.entries(map)) visit(value, child, depth + 1);
  };
  visit(values, '', 0);
  return unique(found);
}

function imageOfMap(
  map: Record<string, unknown>,
  key: string,
  appVersion: string | undefined,
): string | undefined {
  const text = (name: string): string =>
    typeof map[name] === 'string' || typeof map[name] === 'number' ? String(map[name]).trim() : '';
  const repository = text('repository');
  if (repository === '') return undefined;
  // A `repository` alone is an image only under an image-like key; with registry or tag it is one.
  if (!/image$/i.test(key) && text('registry') === '' && !('tag' in map)) return undefined;
  const registry = text('registry');
  const tag = text('tag') || (text('digest') === '' ? (appVersion ?? '') : '');
  const digest = text('digest');
  const image = `${registry === '' ? '' : `${registry}/`}${repository}${tag === '' ? '' : `:${tag}`}${digest === '' ? '' : `@${digest}`}`;
  return isImage(image) ? image : undefined;
}

function isImage(text: string): boolean {
  return text.length <= 1024 && IMAGE_REFERENCE.test(text);
}

function unique(images: string[]): string[] {
  return [...new Set(images)].sort();
}
