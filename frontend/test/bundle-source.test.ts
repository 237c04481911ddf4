// The offline bundle as a wizard source: what it sends, what it lacks, how the address and a past
// job carry it (its id only, never the file), what "Retry failed" does with it, and how the job
// page names it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../src/api';
import { isBundleGone, ApiError } from '../src/api';
import { bundleFileProblem } from '../src/components/BundleField';
import { sourceProblem, toSourceRequest } from '../src/components/source';
import { repoTitle, sourceLabel } from '../src/pages/ImportFromRepo/jobs/describe';
import { rerunRoute } from '../src/pages/ImportFromRepo/jobs/rerun';
import { prefillOfWork, prefillSource } from '../src/pages/ImportFromRepo/wizard/fromPrefill';
import { prefillOf, prefillQuery, readPrefill } from '../src/pages/ImportFromRepo/wizard/prefill';
import { DEFAULT_OPTIONS } from '../src/components/options';
import { jobRecord } from './jobs-fixtures';
import { stubTranslate } from './support/translate';

beforeAll(() => {
  stubTranslate();
});

const ID = 'c0ffee'.repeat(10) + 'abcd';
const URL = 'https://charts.example.com/stable';
const INFO = {
  id: ID,
  repository: URL,
  charts: 2,
  versions: 3,
  bytes: 4096,
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2026-12-06T13:00:00Z',
};

function bundleJob(): JobRecord {
  return jobRecord({
    spec: {
      source: { url: URL, bundle: { sha256: ID } },
      versions: 'all',
      includeDeprecated: false,
      publish: 'active',
      concurrency: 4,
    },
    status: { phase: 'PartiallyFailed' },
  });
}

describe('an offline bundle source', () => {
  it('sends its id once uploaded, and asks for the file before', () => {
    expect(toSourceRequest({ kind: 'bundle', id: ID, info: INFO })).toEqual({ bundle: ID });
    expect(sourceProblem({ kind: 'bundle', id: ID })).toBeUndefined();
    expect(sourceProblem({ kind: 'bundle' })).toBe('Choose the bundle file');
    // A replacement on its way up: the old id is not previewed meanwhile.
    expect(sourceProblem({ kind: 'bundle', id: ID, info: INFO, uploading: true })).toBe(
      'Wait for the upload to finish',
    );
    expect(() => toSourceRequest({ kind: 'bundle' })).toThrow();
  });

  it('refuses a file over the service cap before sending it, naming both sizes', () => {
    expect(bundleFileProblem({ name: 'charts.tgz', size: 2048 }, 2048)).toBeUndefined();
    expect(bundleFileProblem({ name: 'charts.tgz', size: 3 * 1024 ** 3 }, 1024 ** 3)).toBe(
      'charts.tgz is 3 GiB, over the 1 GiB the service accepts.',
    );
    // The cap not known yet: the service says it.
    expect(bundleFileProblem({ name: 'charts.tgz', size: 3 * 1024 ** 3 }, undefined)).toBeUndefined();
  });

  it('keeps the id in the address, never the file or its summary, and reads it back', () => {
    const file = new File(['x'], 'charts.tgz');
    const work = prefillOfWork({
      step: 'charts',
      source: { kind: 'bundle', id: ID, info: INFO, file },
      options: DEFAULT_OPTIONS,
      charts: { pending: {} },
      overrides: {},
    });
    expect(work.source).toEqual({ bundle: ID });
    const query = prefillQuery(work);
    expect(query).toContain(`bundle=${ID}`);
    expect(query).not.toContain('charts.tgz');
    const read = readPrefill(query);
    expect(read.source).toEqual({ bundle: ID });
    // Back in the wizard: the id only, so the page asks for the file again.
    expect(prefillSource(read)).toEqual({ kind: 'bundle', id: ID });
  });

  it('drops an address bundle that is not an id', () => {
    expect(readPrefill('?bundle=../../etc').source).toBeUndefined();
    expect(readPrefill(`?bundle=${ID.toUpperCase()}`).source).toBeUndefined();
  });

  it('opens the wizard on the bundle for "Retry failed" and "Import again" of a bundle job', () => {
    const route = rerunRoute(bundleJob(), ['alpha']);
    expect(route).toEqual({
      kind: 'wizard',
      prefill: expect.objectContaining({ source: { bundle: ID }, charts: ['alpha'] }) as unknown,
    });
    expect(prefillOf(bundleJob().spec).source).toEqual({ bundle: ID });
  });

  it('names a bundle job after the repository, saying it came from a bundle', () => {
    const { source } = bundleJob().spec;
    expect(repoTitle(source)).toBe('charts.example.com/stable');
    expect(sourceLabel(source)).toBe(`offline bundle of ${URL}`);
    expect(sourceLabel({ url: URL })).toBe(URL);
  });

  it('tells a bundle the service no longer keeps from other failures', () => {
    const gone = new ApiError('gone', 404, 'NotFound', {
      detail: { code: 'bundle-not-found', params: { id: ID }, message: 'gone' },
    });
    expect(isBundleGone(gone)).toBe(true);
    expect(isBundleGone(new ApiError('no job', 404, 'NotFound'))).toBe(false);
    expect(isBundleGone(new Error('x'))).toBe(false);
  });
});
