// The demo charts of the playground's sample repository: what a newcomer previews and imports.
// Each one shows a case the console page must handle; see dev/playground/README.md.

/** Bulk content that pushes a package over the store's 1 MiB limit (incompressible bytes). */
export type Bulk =
  /** images under docs/: slimming drops them (no template reads .Files), so the import succeeds */
  | 'docs'
  /** a value in values.yaml: values are never dropped, so the import fails with the size */
  | 'values';

export interface DemoVersion {
  version: string;
  appVersion: string;
  deprecated?: boolean;
  bulk?: Bulk;
}

export interface DemoChart {
  name: string;
  description: string;
  /** `app.kubesphere.io/category`; none: the store's uncategorized category */
  category?: string;
  keywords: string[];
  /** the icon's background colour */
  colour: string;
  versions: DemoVersion[];
}

/** Bytes of incompressible bulk: the packages end up at about 1.3 MiB, over the 1 MiB limit. */
export const BULK_BYTES = 1_300_000;

export const DEMO_CHARTS: readonly DemoChart[] = [
  {
    name: 'hello-web',
    description: 'A static web server that says hello',
    category: 'Web Servers',
    keywords: ['web', 'http', 'demo'],
    colour: '#55bc8a',
    versions: [
      { version: '0.1.0', appVersion: '1.25.0' },
      { version: '0.2.0', appVersion: '1.25.3' },
      { version: '1.0.0', appVersion: '1.27.0' },
      // a prerelease: only "all versions" imports it
      { version: '1.1.0-rc.1', appVersion: '1.27.1' },
    ],
  },
  {
    name: 'kv-cache',
    description: 'An in-memory key-value cache',
    category: 'Database',
    keywords: ['cache', 'key-value'],
    colour: '#f5a623',
    versions: [
      { version: '6.0.0', appVersion: '6.0.20' },
      { version: '6.2.0', appVersion: '6.2.14' },
      { version: '7.0.0', appVersion: '7.0.15' },
    ],
  },
  {
    name: 'sql-lite',
    description: 'A small relational database with backups',
    category: 'Database',
    keywords: ['sql', 'database', 'backup'],
    colour: '#3385ff',
    versions: [
      { version: '13.0.0', appVersion: '13.14' },
      { version: '14.1.0', appVersion: '14.11' },
      { version: '15.2.0', appVersion: '15.6' },
    ],
  },
  {
    name: 'metrics-agent',
    description: 'Collects node and pod metrics',
    category: 'Monitoring',
    keywords: ['metrics', 'prometheus'],
    colour: '#ca2621',
    versions: [
      { version: '1.0.0', appVersion: '2.40.0' },
      { version: '1.1.0', appVersion: '2.45.0' },
      { version: '1.2.0', appVersion: '2.48.1' },
    ],
  },
  {
    name: 'log-shipper',
    description: 'Ships container logs to a central store',
    category: 'Monitoring',
    keywords: ['logs', 'fluent'],
    colour: '#8f61d7',
    versions: [
      { version: '0.9.0', appVersion: '2.1.0' },
      { version: '1.0.0', appVersion: '2.2.0' },
    ],
  },
  {
    name: 'task-runner',
    description: 'Runs batch jobs on a schedule (no category: it lands in the uncategorized one)',
    keywords: ['cron', 'batch'],
    colour: '#36435c',
    versions: [
      { version: '0.1.0', appVersion: '0.1.0' },
      { version: '0.2.0', appVersion: '0.2.0' },
    ],
  },
  {
    name: 'legacy-portal',
    description: 'An old portal whose newest version is deprecated',
    category: 'Web Servers',
    keywords: ['portal', 'legacy'],
    colour: '#5f708a',
    versions: [
      { version: '1.0.0', appVersion: '1.0.0' },
      { version: '2.0.0', appVersion: '2.0.0', deprecated: true },
    ],
  },
  {
    name: 'docs-heavy',
    description: 'Ships 1.3 MiB of screenshots in docs/: the importer slims it to fit',
    category: 'Developer Tools',
    keywords: ['docs', 'large'],
    colour: '#00aa72',
    versions: [
      { version: '1.0.0', appVersion: '1.0.0', bulk: 'docs' },
      { version: '1.1.0', appVersion: '1.1.0', bulk: 'docs' },
    ],
  },
  {
    name: 'huge-values',
    description: 'Embeds 1.3 MiB in values.yaml: too large for a store without S3, it fails',
    category: 'Developer Tools',
    keywords: ['large'],
    colour: '#e0992c',
    versions: [{ version: '1.0.0', appVersion: '1.0.0', bulk: 'values' }],
  },
];
