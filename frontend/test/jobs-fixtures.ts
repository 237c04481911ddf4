// A job record for the job page, history and syncs tests: a user's URL import, with overrides.
import type { JobRecord, JobStatus } from '../src/api';

export interface JobFixture {
  id?: string;
  spec?: Partial<JobRecord['spec']>;
  status?: Partial<JobStatus>;
  record?: Partial<Omit<JobRecord, 'spec' | 'status'>>;
}

export function jobRecord({ id = 'job-1', spec = {}, status = {}, record = {} }: JobFixture = {}): JobRecord {
  return {
    id,
    spec: {
      source: { url: 'https://charts.example.com' },
      versions: 'latest',
      includeDeprecated: false,
      publish: 'active',
      dryRun: false,
      concurrency: 4,
      ...spec,
    },
    requestedBy: 'admin',
    runAs: 'user',
    createdAt: '2026-01-01T00:00:00Z',
    ...record,
    status: {
      phase: 'Running',
      progress: { done: 0, total: 0 },
      summary: { created: 0, exists: 0, failed: 0, planned: 0 },
      failures: [],
      warnings: [],
      ...status,
    },
  };
}
