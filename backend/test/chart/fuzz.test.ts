// Property-based fuzzing of the package reader: whatever the bytes, it resolves or throws ChartError, fast.
import { gunzipSync, gzipSync } from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { inspectChart } from '../../src/engine/chart/index.js';
import { ChartError } from '../../src/engine/errors.js';
import { CHART_YAML, tgz } from './support.js';

const SEED_PACKAGE = tgz([
  { name: 'demo/Chart.yaml', data: `${CHART_YAML}keywords: [a, b]\nannotations: {x: "1"}\n` },
  { name: 'demo/values.yaml', data: 'replicas: 1\nimage: nginx\n' },
  { name: 'demo/templates/', type: '5' },
  { name: 'demo/templates/deployment.yaml', data: 'kind: Deployment\n'.repeat(40) },
  { name: 'demo/requirements.yaml', data: 'dependencies: [{name: a, version: 1.0.0}]\n' },
]);
const SEED_TAR = gunzipSync(SEED_PACKAGE);
/** Where the seed's tar headers start. */
const HEADERS: number[] = [];
for (let at = 0; at < SEED_TAR.length && SEED_TAR[at] !== 0;) {
  HEADERS.push(at);
  const size = parseInt(SEED_TAR.subarray(at + 124, at + 135).toString('latin1'), 8);
  at += 512 + Math.ceil(size / 512) * 512;
}
/** Small limits keep each run short even when a mutation declares a large entry. */
const LIMITS = { maxUnpackedBytes: 4 * 1024 * 1024, maxEntries: 200, maxFileBytes: 1024 * 1024 };
const MAX_MS = 2000;

async function outcome(bytes: Buffer): Promise<'ok' | 'refused'> {
  const start = performance.now();
  try {
    await inspectChart(bytes, LIMITS);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ChartError)) throw error;
    return 'refused';
  } finally {
    expect(performance.now() - start).toBeLessThan(MAX_MS);
  }
}

type Mutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 1024 }),
  }),
);

function mutate(source: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(source);
  for (const change of mutations) {
    const at = bytes.length === 0 ? 0 : change.at % bytes.length;
    if (change.kind === 'set') bytes[at] = change.value;
    else if (change.kind === 'cut') bytes = bytes.subarray(0, at);
    else bytes = Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
  }
  return bytes;
}

describe('inspectChart under fuzzing', () => {
  it('accepts the seed package', async () => {
    expect(HEADERS).toHaveLength(5);
    expect(await outcome(SEED_PACKAGE)).toBe('ok');
  });

  it('random bytes, with or without a gzip magic number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.uint8Array({ maxLength: 4096 }), async (magic, data) => {
        const bytes = Buffer.concat([Buffer.from(magic ? [0x1f, 0x8b, 0x08] : []), data]);
        expect(['ok', 'refused']).toContain(await outcome(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('random gzip of random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8192 }), async (data) => {
        expect(await outcome(gzipSync(data))).toBe('refused');
      }),
      { numRuns: 200 },
    );
  });

  it('mutations of a real package, compressed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        expect(['ok', 'refused']).toContain(await outcome(mutate(SEED_PACKAGE, mutations)));
      }),
      { numRuns: 300 },
    );
  });

  it('mutations of a real package, inside its tar stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        expect(['ok', 'refused']).toContain(await outcome(gzipSync(mutate(SEED_TAR, mutations))));
      }),
      { numRuns: 500 },
    );
  });

  it('header fields of a real package set to random values', async () => {
    // Checksums are recomputed so the mutations reach the field parsers, not just the checksum check.
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            header: fc.nat(),
            offset: fc.integer({ min: 0, max: 499 }),
            value: fc.integer({ min: 0, max: 255 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (changes) => {
          const tar = Buffer.from(SEED_TAR);
          for (const change of changes) {
            const start = HEADERS[change.header % HEADERS.length] ?? 0;
            if (change.offset >= 148 && change.offset < 156) continue;
            tar[start + change.offset] = change.value;
            tar.fill(0x20, start + 148, start + 156);
            let sum = 0;
            for (const byte of tar.subarray(start, start + 512)) sum += byte;
            tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, start + 148, 'latin1');
          }
          expect(['ok', 'refused']).toContain(await outcome(gzipSync(tar)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
