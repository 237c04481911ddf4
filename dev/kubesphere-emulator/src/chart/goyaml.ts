// YAML decoding the way Helm's loader does it: sigs.k8s.io/yaml v1.4.0 (go-yaml v2, YAML 1.1 rules:
// yes/no/on/off booleans, duplicate keys allowed, timestamps stay strings when untyped) converted to
// JSON and decoded with encoding/json into Helm's Go structs (case-insensitive field names, scalars
// turned into strings when the target field is a string, type mismatches are errors).

import { Document, parseAllDocuments, type Tags } from 'yaml';
import { goDecode as goDecodeGeneric, type GoType } from '../gojson.js';
export { formatFloat32 } from '../gojson.js';

export type { GoType };

export class YamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlError';
  }
}

function dropTimestamp(tags: Tags): Tags {
  return tags.filter(
    (t) => typeof t !== 'object' || !('tag' in t) || t.tag !== 'tag:yaml.org,2002:timestamp',
  );
}

/** yaml.YAMLToJSON then parse: returns the plain JS value of the first document (null for empty). */
export function parseGoYaml(text: string): unknown {
  const docs = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    customTags: dropTimestamp,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const first: Document.Parsed | undefined = list[0];
  for (const d of list) {
    const err = d.errors[0];
    if (err) throw new YamlError(`error converting YAML to JSON: yaml: ${err.message.split('\n')[0] ?? ''}`);
  }
  if (!first) return null;
  return first.toJS({ maxAliasCount: 10000 }) as unknown;
}

/** encoding/json decode of the YAML-converted value, with sigs.k8s.io/yaml's scalar-to-string conversion. */
export function goDecode(value: unknown, type: GoType, _path: string, rootName: string): unknown {
  try {
    return goDecodeGeneric(value, type, rootName, { scalarsToString: true });
  } catch (err) {
    throw new YamlError(`error unmarshaling JSON: while decoding JSON: ${(err as Error).message}`);
  }
}
