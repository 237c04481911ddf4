import { describe, expect, it } from 'vitest';

import { formatFloat32 } from './chart-yaml.js';

describe("formatFloat32 (Go's strconv.FormatFloat(v, 'g', -1, 32))", () => {
  it.each([
    [1.1, '1.1'],
    [1.0, '1'],
    [1.5, '1.5'],
    [1000, '1000'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [3.14159265, '3.1415927'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [1e39, '+Inf'],
    [0, '0'],
  ])('%d -> %s', (value, text) => {
    expect(formatFloat32(value)).toBe(text);
  });
});
