// readPackageDetails: Chart.yaml's detail fields, the README Helm would show, values.yaml cut at
// the bound on a character boundary, and the schema's presence, from packages written in code.
import { describe, expect, it } from 'vitest';

import { tarGz } from '../../../test/support/tarballs.js';
import { ChartError } from '../errors.js';
import { readPackageDetails } from './details.js';

const CHART_YAML = [
  'apiVersion: v2',
  'name: demo',
  'version: 1.2.3',
  'appVersion: "4.5"',
  'kubeVersion: ">=1.22.0-0"',
  'description: A demo chart',
  'home: https://example.com/demo',
  'sources: [https://github.com/example/demo, https://example.com/src]',
  'keywords: [demo, "web"]',
  'maintainers:',
  '  - name: Ann',
  '    email: ann@example.com',
  'dependencies:',
  '  - name: redis',
  '    version: 17.x.x',
  '    repository: https://charts.example.com',
  '    condition: redis.enabled',
  '    alias: cache',
  '',
].join('\n');

describe('readPackageDetails', () => {
  it("reads Chart.yaml's fields, the README at the root and values.yaml", async () => {
    const details = await readPackageDetails(
      tarGz([
        ['demo/Chart.yaml', CHART_YAML],
        ['demo/templates/README.md', 'not this one'],
        ['demo/readme.MD', '# Demo\n\nHello.'],
        ['demo/README.txt', 'not the first match'],
        ['demo/values.yaml', 'replicas: 1\n'],
        ['demo/values.schema.json', '{}'],
      ]),
    );
    expect(details.metadata).toMatchObject({
      name: 'demo',
      version: '1.2.3',
      appVersion: '4.5',
      kubeVersion: '>=1.22.0-0',
      sources: ['https://github.com/example/demo', 'https://example.com/src'],
      keywords: ['demo', 'web'],
      maintainers: [{ name: 'Ann', email: 'ann@example.com' }],
      dependencies: [
        {
          name: 'redis',
          version: '17.x.x',
          repository: 'https://charts.example.com',
          condition: 'redis.enabled',
          alias: 'cache',
        },
      ],
    });
    expect(details.readme).toEqual({
      path: 'readme.MD',
      content: '# Demo\n\nHello.',
      size: 14,
      truncated: false,
    });
    expect(details.values).toEqual({
      path: 'values.yaml',
      content: 'replicas: 1\n',
      size: 12,
      truncated: false,
    });
    expect(details.hasValuesSchema).toBe(true);
  });

  it('cuts a long file at the bound without splitting a character, and says so', async () => {
    // "é" is two bytes in UTF-8: the 9th and 10th byte; a bound of 9 must not keep half of it.
    const values = `${'a'.repeat(8)}é${'b'.repeat(100)}`;
    const details = await readPackageDetails(
      tarGz([
        ['demo/Chart.yaml', CHART_YAML],
        ['demo/values.yaml', values],
        ['demo/README', 'short'],
      ]),
      { maxTextBytes: 9 },
    );
    expect(details.values).toEqual({
      path: 'values.yaml',
      content: 'aaaaaaaa',
      size: Buffer.byteLength(values),
      truncated: true,
    });
    expect(details.readme).toMatchObject({ path: 'README', content: 'short', truncated: false });
    expect(details.hasValuesSchema).toBe(false);
  });

  it('has no README or values when the chart has none, and refuses what inspectChart refuses', async () => {
    const bare = await readPackageDetails(
      tarGz([['demo/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 1.0.0\n']]),
    );
    expect(bare.readme).toBeUndefined();
    expect(bare.values).toBeUndefined();
    expect(bare.metadata).toMatchObject({ sources: [], dependencies: [], keywords: [] });
    expect(bare.metadata).not.toHaveProperty('kubeVersion');
    await expect(readPackageDetails(tarGz([['demo/values.yaml', 'a: 1\n']]))).rejects.toThrow(ChartError);
    await expect(readPackageDetails(Buffer.from('not gzip'))).rejects.toThrow(/not a chart package/);
  });
});
