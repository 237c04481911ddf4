import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { cachedDir } from '../src/cache.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cache-test-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function builder(content: string, counter: { builds: number }) {
  return async (out: string): Promise<void> => {
    counter.builds += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(join(out, 'marker'), content);
  };
}

describe('cachedDir', () => {
  it('builds once per hash, and once for concurrent starts', async () => {
    const counter = { builds: 0 };
    const options = {
      cacheDir: dir,
      prefix: 'x-',
      hash: 'aaa',
      marker: 'marker',
      build: builder('a', counter),
    };
    const [first, second] = await Promise.all([cachedDir(options), cachedDir(options)]);
    expect(first).toBe(join(dir, 'x-aaa'));
    expect(second).toBe(first);
    expect(await readFile(join(first, 'marker'), 'utf8')).toBe('a');
    const builds = counter.builds;
    await cachedDir(options);
    expect(counter.builds).toBe(builds);
    expect((await readdir(dir)).filter((name) => name.startsWith('tmp-'))).toEqual([]);
  });

  it('keeps the two newest older builds and removes the rest', async () => {
    const counter = { builds: 0 };
    for (const hash of ['h1', 'h2', 'h3', 'h4']) {
      await cachedDir({ cacheDir: dir, prefix: 'x-', hash, marker: 'marker', build: builder(hash, counter) });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect((await readdir(dir)).sort()).toEqual(['x-h2', 'x-h3', 'x-h4']);
  });

  it('leaves no folder behind when the build fails', async () => {
    const failing = {
      cacheDir: dir,
      prefix: 'x-',
      hash: 'bad',
      marker: 'marker',
      build: () => Promise.reject(new Error('vite build failed')),
    };
    await expect(cachedDir(failing)).rejects.toThrow('vite build failed');
    expect(await readdir(dir)).toEqual([]);
  });
});
