import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/components/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024, '1 MiB'],
    [1024 * 1024 + 1, '1 MiB'],
    [1.25 * 1024 * 1024, '1.25 MiB'],
    [15.5 * 1024 * 1024, '15.5 MiB'],
    [512 * 1024 * 1024, '512 MiB'],
    [3 * 1024 ** 3, '3 GiB'],
    [2 * 1024 ** 5, '2048 TiB'],
    [-1, '-'],
    [Number.NaN, '-'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
