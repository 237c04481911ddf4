import { say } from '../messages/index.js';
import { describe, expect, it } from 'vitest';

import type { ChartVersionRef } from '../repo/types.js';
import { longestFirst, newestLast, versionsToWrite } from './order.js';
import type { ChartPlan, VersionAction, VersionPlan } from './types.js';

function version(number: string, action: VersionAction = 'create', refused?: string): VersionPlan {
  const ref: ChartVersionRef = {
    name: 'chart',
    version: number,
    keywords: [],
    maintainers: [],
    annotations: {},
    deprecated: false,
    urls: [],
  };
  return { ref, action, ...(refused ? { refused: say('input-invalid', { problem: refused }) } : {}) };
}

function chart(name: string, versions: VersionPlan[], blocked?: string): ChartPlan {
  return {
    chart: name,
    appName: name,
    categorySource: { kind: 'none' },
    versions,
    storeVersions: [],
    ...(blocked ? { blocked: say('chart-held-by-other', { app: name, held: blocked, chart: name }) } : {}),
  };
}

describe('versionsToWrite', () => {
  it('counts what the store gets: creates and drafts to complete, not what exists, is refused or blocked', () => {
    const versions = [
      version('1'),
      version('2', 'resume'),
      version('3', 'exists'),
      version('4', 'create', 'no'),
    ];
    expect(versionsToWrite(chart('a', versions))).toBe(2);
    expect(versionsToWrite(chart('a', versions, 'blocked'))).toBe(0);
  });
});

describe('longestFirst', () => {
  it('puts the charts with the most versions to write first, plan order among equals', () => {
    const charts = [
      chart('one', [version('1')]),
      chart('three', [version('1'), version('2'), version('3')]),
      chart('done', [
        version('1', 'exists'),
        version('2', 'exists'),
        version('3', 'exists'),
        version('4', 'exists'),
      ]),
      chart('one-too', [version('1')]),
      chart('two', [version('1'), version('2', 'resume')]),
    ];
    expect(longestFirst(charts).map(({ chart: name }) => name)).toEqual([
      'three',
      'two',
      'one',
      'one-too',
      'done',
    ]);
  });
});

describe('newestLast', () => {
  const numbers = (versions: VersionPlan[]): string[] => versions.map(({ ref }) => ref.version);

  it('keeps the newest version to write for last, the others meanwhile', () => {
    const versions = [version('1'), version('2'), version('3')];
    const { meanwhile, later } = newestLast(chart('a', versions), versions);
    expect(numbers(meanwhile)).toEqual(['1', '2']);
    expect(numbers(later)).toEqual(['3']);
  });

  it('skips newer versions the store does not get (exists, refused)', () => {
    const versions = [version('1'), version('2'), version('3', 'exists'), version('4', 'create', 'refused')];
    const { meanwhile, later } = newestLast(chart('a', versions), versions);
    expect(numbers(meanwhile)).toEqual(['1', '3', '4']);
    expect(numbers(later)).toEqual(['2']);
  });

  it('has nothing for later when no version is written', () => {
    const versions = [version('1', 'exists')];
    expect(newestLast(chart('a', versions), versions)).toEqual({ meanwhile: versions, later: [] });
  });
});
