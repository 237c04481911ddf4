import { describe, expect, it } from 'vitest';

import { backoffDelay, isRetriedStatus, parseRetryAfter } from './retry.js';

describe('the retry policy', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [501, false],
    [400, false],
    [404, false],
    [409, false],
    [200, false],
  ])('status %i retried: %s', (status, retried) => {
    expect(isRetriedStatus(status)).toBe(retried);
  });

  it('reads Retry-After as seconds or as an HTTP date, never in the past', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially between half and all of the ceiling, capped', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 400, 3000, () => 0))).toEqual([
      200, 400, 800, 1500, 1500,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 400, 3000, () => 1))).toEqual([
      400, 800, 1600, 3000, 3000,
    ]);
  });
});
