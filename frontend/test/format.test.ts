import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber } from '../src/components/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024, '1 MiB'],
    [1024 * 1024 + 1, '1 MiB'],
    [1.25 * 1024 * 1024, '1.25 MiB'],
    [15.5 * 1024 * 1024, '15.5 MiB'],
    [512 * 1024 * 1024, '512 MiB'],
    [3 * 1024 ** 3, '3 GiB'],
    [2 * 1024 ** 5, '2,048 TiB'],
    [-1, '-'],
    [Number.NaN, '-'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });
});

describe("numbers in the user's locale", () => {
  it('groups thousands as the locale does', () => {
    expect(formatNumber(15_000, 'en-US')).toBe('15,000');
    expect(formatNumber(1_234_567, 'zh-CN')).toBe('1,234,567');
    expect(formatNumber(15_000, 'de-DE')).toBe('15.000');
    expect(formatNumber(999, 'en-US')).toBe('999');
  });

  it("writes sizes with the locale's separators too", () => {
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 KiB');
    expect(formatBytes(1500, 'en-US')).toBe('1.46 KiB');
    expect(formatBytes(2 * 1024 ** 5, 'de-DE')).toBe('2.048 TiB');
  });
});
