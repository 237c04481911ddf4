// Adopting apps uploaded by hand on the page: the options send `adopt` (and read it back from a
// saved sync or job), the review's preview asks for it, a chart's row names the adopted app, and
// the review states which charts go to such apps, in both languages.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PreviewChart } from '../src/api';
import { adoptedAppText } from '../src/components/Adoption';
import { DEFAULT_OPTIONS, optionsOf, toSelection } from '../src/components/options';
import { toRows } from '../src/pages/ImportFromRepo/wizard/model';
import { planSummary } from '../src/pages/ImportFromRepo/wizard/plan';
import { reviewRequest } from '../src/pages/ImportFromRepo/wizard/request';
import { reviewStatements } from '../src/pages/ImportFromRepo/wizard/review';
import { previewOf } from './support/preview';
import { stubTranslate } from './support/translate';

afterAll(() => {
  vi.unstubAllGlobals();
});

const adopted: Omit<PreviewChart, 'categorySource'> = {
  name: 'nginx',
  app: 'nginx-x7k2q',
  appState: 'draft',
  adoption: 'adopted',
  deprecated: false,
  versions: [
    { version: '1.1.0', deprecated: false, prerelease: false, action: 'create' },
    { version: '1.0.0', deprecated: false, prerelease: false, action: 'exists', storeState: 'draft' },
  ],
};
const own: Omit<PreviewChart, 'categorySource'> = {
  name: 'redis',
  app: 'redis-abcde',
  deprecated: false,
  versions: [{ version: '2.0.0', deprecated: false, prerelease: false, action: 'create' }],
};

describe('adopting apps uploaded by hand', () => {
  it('is sent only when chosen, and read back from saved settings', () => {
    expect(toSelection(DEFAULT_OPTIONS)).not.toHaveProperty('adopt');
    expect(toSelection({ ...DEFAULT_OPTIONS, adopt: true })).toMatchObject({ adopt: true });
    expect(optionsOf({ publish: 'active', adopt: true }).adopt).toBe(true);
    expect(optionsOf({ publish: 'active' })).not.toHaveProperty('adopt');
  });

  it("makes the review's preview plan as the job would", () => {
    const job = { source: { url: 'https://charts.example.com' }, adopt: true };
    expect(reviewRequest(job).adopt).toBe(true);
    expect(reviewRequest({ source: job.source })).not.toHaveProperty('adopt');
  });

  it("names the app on the chart's row; the chart is no new app", () => {
    const [row, other] = toRows(previewOf([adopted, own]));
    expect(row?.adopts).toEqual({ app: 'nginx-x7k2q', how: 'adopted' });
    expect(row?.state).toBe('update');
    expect(other).not.toHaveProperty('adopts');
    stubTranslate('en');
    expect(adoptedAppText({ app: 'nginx-x7k2q', how: 'adopted' })).toBe(
      'adopts nginx-x7k2q, uploaded by hand',
    );
    expect(adoptedAppText({ app: 'nginx-x7k2q', how: 'found' })).toBe(
      'in nginx-x7k2q, uploaded by hand and adopted before',
    );
    stubTranslate('zh');
    expect(adoptedAppText({ app: 'nginx-x7k2q', how: 'adopted' })).toBe('接管手动上传的应用 nginx-x7k2q');
  });

  it('is stated in the review with the charts it adopts for, in English and Chinese', () => {
    const plan = planSummary(previewOf([adopted, own]));
    expect(plan.appsToCreate).toBe(1);
    const statement = (adopt: boolean) =>
      reviewStatements({ publish: 'active', adopt }, plan, []).find((s) => s.id === 'adopt');
    stubTranslate('en');
    expect(statement(true)?.text).toBe('Charts going to apps uploaded by hand (1): nginx to nginx-x7k2q');
    stubTranslate('zh');
    expect(statement(true)?.text).toBe('进入手动上传应用的 Chart（1 个）：nginx 进入 nginx-x7k2q');
    expect(statement(false)).toBeUndefined();
    stubTranslate('en');
    const none = planSummary(previewOf([own]));
    expect(
      reviewStatements({ publish: 'active', adopt: true }, none, []).find((s) => s.id === 'adopt')?.text,
    ).toBe('Adopted when found; the store has none for these charts');
  });
});
