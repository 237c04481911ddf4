// --category-rules FILE: its text (YAML, or JSON which is YAML too) to checked rules, so that a bad
// file is a usage error naming the file and what is wrong in it.
import { parse } from 'yaml';

import { InputError, parseCategoryRulesFile, type CategoryRule } from '../engine/index.js';

export function categoryRulesFromText(path: string, text: string): CategoryRule[] {
  const where = `--category-rules ${path}`;
  let content: unknown;
  try {
    content = parse(text);
  } catch (error) {
    // yaml's message says where (line and column) on its first line; the rest is a code excerpt.
    throw new InputError(`${where} is not YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  return parseCategoryRulesFile(content, where);
}
