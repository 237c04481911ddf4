import { describe, expect, it } from 'vitest';

import { counted } from './words.js';

describe('counted', () => {
  it('puts the noun in agreement with the count', () => {
    expect(counted(0, 'chart')).toBe('0 charts');
    expect(counted(1, 'chart')).toBe('1 chart');
    expect(counted(2, 'chart')).toBe('2 charts');
    expect(counted(1, 'category', 'categories')).toBe('1 category');
    expect(counted(3, 'category', 'categories')).toBe('3 categories');
  });
});
