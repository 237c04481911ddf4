import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import locales from '../src/locales';

const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('has the same keys in every language, upper snake case, none empty', () => {
    const en = Object.keys(locales.en).sort();
    expect(Object.keys(locales.zh).sort()).toEqual(en);
    for (const language of [locales.en, locales.zh]) {
      for (const [key, value] of Object.entries(language)) {
        expect(key).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
        expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(locales.en)) {
      expect(placeholders(locales.zh[key as keyof typeof locales.zh]), key).toEqual(placeholders(value));
    }
  });

  it('names the key on the t( line, where the other checks find it', () => {
    const split = sourceFiles(SRC).filter((file) => /\bt\(\s*\n/.test(readFileSync(file, 'utf8')));
    expect(split).toEqual([]);
  });

  it('defines every key the code translates', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([A-Z0-9_]+)'/g)) used.add(match[1] ?? '');
      for (const match of text.matchAll(/title: '([A-Z0-9_]+)'/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((key) => !(key in locales.en))).toEqual([]);
  });
});
