// A sync's chart names against a repository's index: which are unknown, and the nearest names.
import { describe, expect, it } from 'vitest';

import type { ChartRepository, RepoIndex } from '../../engine/index.js';
import { checkChartNames, unknownCharts } from './charts.js';

const KNOWN = ['nginx', 'nginx-ingress', 'redis', 'postgresql', 'mysql'];

function repoOf(names: readonly string[]): ChartRepository & { reads: number } {
  const repo = {
    reads: 0,
    loadIndex: () => {
      repo.reads += 1;
      const index: RepoIndex = {
        url: 'https://charts.example.com',
        entries: new Map(names.map((n) => [n, []])),
        warnings: [],
      };
      return Promise.resolve(index);
    },
    fetchPackage: () => Promise.reject(new Error('not used')),
  };
  return repo;
}

describe('unknownCharts', () => {
  it('names each unknown chart with the nearest known ones, closest first', () => {
    expect(unknownCharts(['ngnix', 'redis', 'Redis', 'postgres', 'kafka'], KNOWN)).toEqual([
      { name: 'ngnix', nearest: ['nginx'] },
      { name: 'Redis', nearest: ['redis'] },
      { name: 'postgres', nearest: ['postgresql'] },
      { name: 'kafka', nearest: [] },
    ]);
  });
});

describe('checkChartNames', () => {
  it('reads nothing without chart names, and passes known ones', async () => {
    const repo = repoOf(KNOWN);
    await checkChartNames(repo, []);
    expect(repo.reads).toBe(0);
    await checkChartNames(repo, ['nginx', 'mysql']);
    expect(repo.reads).toBe(1);
  });

  it('refuses unknown names with a message naming them and what to do', async () => {
    await expect(checkChartNames(repoOf(KNOWN), ['nginx', 'mysq'])).rejects.toMatchObject({
      name: 'UnknownChartsError',
      message:
        'body.charts names charts the repository does not have: mysq (did you mean mysql?). Fix or remove them',
      unknownCharts: [{ name: 'mysq', nearest: ['mysql'] }],
    });
  });
});
