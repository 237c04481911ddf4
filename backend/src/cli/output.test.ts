import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { say, type ImportReport } from '../engine/index.js';
import { createOutput } from './output.js';

/** The output with both streams captured, as when they are not terminals. */
function captured(json = false): {
  output: ReturnType<typeof createOutput>;
  stdout: string[];
  stderr: string[];
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const sink = (lines: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
  return { output: createOutput(json, { stdout: sink(stdout), stderr: sink(stderr) }), stdout, stderr };
}

const report = (overLimit?: number): ImportReport => ({
  repo: 'https://charts.example.com',
  items: [{ chart: 'a', version: '1.0.0', status: 'planned', app: 'a-x', reason: '' }],
  summary: { created: 0, exists: 0, failed: 0, planned: 1 },
  warnings: [],
  ...(overLimit === undefined ? {} : { overLimit }),
});

describe('createOutput', () => {
  it.each([
    [1, 1, 'repository: 1 chart, 1 version'],
    [2, 3, 'repository: 2 charts, 3 versions'],
  ])('says %i charts and %i versions in agreement', (charts, versions, line) => {
    const { output, stderr } = captured();
    output.onEvent({ type: 'index', charts, versions });
    expect(stderr.join('')).toBe(`${line}\n`);
  });

  it('says the plan in agreement with its counts', () => {
    const { output, stderr } = captured();
    output.onEvent({ type: 'plan', charts: 1, versions: 1, toUpload: 1, planned: [] });
    output.onEvent({ type: 'plan', charts: 2, versions: 5, toUpload: 0, planned: [] });
    expect(stderr.join('')).toBe(
      'plan: 1 version of 1 chart, 1 to upload\nplan: 5 versions of 2 charts, 0 to upload\n',
    );
  });

  it('counts the planned packages over the store limit in the human report, not in --json', () => {
    const human = captured();
    human.output.report(report(2));
    expect(human.stdout.join('')).toBe(
      "https://charts.example.com: 0 created, 0 already in the store, 0 failed, 1 planned (dry run), 2 over the store's 1 MiB package limit (without S3)\n",
    );
    const withoutSizes = captured();
    withoutSizes.output.report(report());
    expect(withoutSizes.stdout.join('')).not.toContain('package limit');
    const json = captured(true);
    json.output.report(report(2));
    expect(Object.keys(JSON.parse(json.stdout.join('')) as object)).toEqual(['repo', 'items', 'summary']);
  });

  it('adds `pruned` with five fields to --json only when the report has it (--prune), and lists it for people', () => {
    const removed = say('prune-removed');
    const kept = say('prune-kept-last-version');
    const pruned: ImportReport = {
      ...report(),
      pruned: [
        {
          chart: 'a',
          version: '0.9.0',
          app: 'a-x',
          status: 'planned',
          reason: removed.message,
          reasons: [removed],
        },
        { chart: 'a', version: '0.8.0', app: 'a-x', status: 'kept', reason: kept.message, reasons: [kept] },
      ],
    };
    const json = captured(true);
    json.output.report(pruned);
    const body = JSON.parse(json.stdout.join('')) as { pruned: unknown };
    expect(Object.keys(body)).toEqual(['repo', 'items', 'summary', 'pruned']);
    expect(body.pruned).toEqual([
      {
        chart: 'a',
        version: '0.9.0',
        app: 'a-x',
        status: 'planned',
        reason: 'the repository no longer lists this version',
      },
      { chart: 'a', version: '0.8.0', app: 'a-x', status: 'kept', reason: kept.message },
    ]);
    const human = captured();
    human.output.report(pruned);
    expect(human.stdout.join('')).toContain(
      'Versions the repository no longer lists:\n  a 0.9.0: would be removed (the repository no longer lists this version)\n' +
        `  a 0.8.0: ${kept.message}\n`,
    );
  });
});
