// A RepoPreview around some charts, as the API answers it, for tests of the wizard's logic.
import type { PreviewChart, RepoPreview } from '../../src/api';

/** A chart as a test gives it: without `categorySource`, none decided its category. */
export type ChartInput = Omit<PreviewChart, 'categorySource'> & Partial<Pick<PreviewChart, 'categorySource'>>;

export function previewOf(input: ChartInput[]): RepoPreview {
  const charts = input.map((chart): PreviewChart => ({ categorySource: { kind: 'none' }, ...chart }));
  const versions = charts.reduce((sum, c) => sum + c.versions.length, 0);
  return {
    repo: 'https://charts.example.com',
    charts,
    warnings: [],
    totals: {
      charts: charts.length,
      versions,
      selected: 0,
      toCreate: 0,
      inStore: 0,
      bytesToCreate: 0,
      unknownSizes: 0,
      overLimit: 0,
    },
    packageLimitBytes: 1024 * 1024,
  };
}
