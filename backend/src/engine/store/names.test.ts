import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { appNameFor, isDns1123Subdomain, normalizeRepoUrl, shortName } from './names.js';

describe('shortName (helper.go GenerateShortNameMD5Hash)', () => {
  it('keeps short valid names, lowercased', () => {
    expect(shortName('Redis')).toBe('redis');
  });
  it('hashes names over 14 characters', () => {
    expect(shortName('a-very-long-chart-name')).toBe(
      createHash('md5').update('a-very-long-chart-name').digest('hex').slice(0, 10),
    );
  });
});

describe('appNameFor', () => {
  const base = { repoUrl: 'https://charts.example.com/stable', chartName: 'nginx', workspace: undefined };

  it('is stable and shaped like ks-core names: <chart>-<5 chars>', () => {
    const name = appNameFor(base);
    expect(name).toMatch(/^nginx-[0-9a-z]{5}$/);
    expect(appNameFor({ ...base })).toBe(name);
  });

  it('ignores trailing slashes and credentials in the repo URL', () => {
    expect(appNameFor({ ...base, repoUrl: 'https://u:p@charts.example.com/stable/' })).toBe(appNameFor(base));
  });

  it('differs per repo, per workspace and per chart-name case', () => {
    const names = new Set([
      appNameFor(base),
      appNameFor({ ...base, repoUrl: 'https://other.example.com' }),
      appNameFor({ ...base, workspace: 'ws1' }),
      appNameFor({ ...base, chartName: 'NGINX' }),
    ]);
    expect(names.size).toBe(4);
  });

  it('falls back to the short name for names that cannot lead an object name', () => {
    const name = appNameFor({ ...base, chartName: 'My_Chart' });
    expect(name).toMatch(/^[0-9a-f]{10}-[0-9a-z]{5}$/);
    expect(isDns1123Subdomain(name)).toBe(true);
  });

  it('always yields a valid label value of at most 63 characters', () => {
    const name = appNameFor({ ...base, chartName: 'x'.repeat(80) });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(isDns1123Subdomain(name)).toBe(true);
  });
});

describe('normalizeRepoUrl', () => {
  it('drops credentials, fragment and trailing slashes but keeps the query', () => {
    expect(normalizeRepoUrl('https://u:p@h.example/x/?a=1#f')).toBe('https://h.example/x?a=1');
  });
});
