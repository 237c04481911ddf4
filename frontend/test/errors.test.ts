import { beforeAll, describe, expect, it } from 'vitest';
import type { FailureKind } from '@store-importer/backend/contract';
import { AxiosError, AxiosHeaders } from 'axios';
import { ApiError, toApiError, type CallFailure } from '../src/api';
import { errorDetail, errorMessage } from '../src/components/errors';
import { stubTranslate, translate } from './support/translate';

beforeAll(() => {
  stubTranslate();
});

const en = (key: string) => translate('en', key);
const api = (reason: string, message: string, code = 422) => new ApiError(message, code, reason);

describe('errorMessage', () => {
  it.each([
    ['BadRequest', 'source.url: must match pattern', 'ERROR_BAD_REQUEST'],
    ['Invalid', 'Chart.yaml is invalid', 'ERROR_BAD_REQUEST'],
    ['Unauthorized', 'KubeSphere rejected the credentials: token expired', 'ERROR_UNAUTHORIZED'],
    ['Forbidden', 'KubeSphere refused access: forbidden', 'ERROR_FORBIDDEN'],
    ['NotFound', 'job x not found', 'ERROR_NOT_FOUND'],
    ['Conflict', 'the job already ended', 'ERROR_CONFLICT'],
    ['RequestEntityTooLarge', 'the request body is too large', 'ERROR_TOO_LARGE'],
    ['OutboundBlocked', 'the host 10.0.0.1 is not allowed', 'ERROR_OUTBOUND_BLOCKED'],
    ['StoreMissing', 'App Store Management is not installed', 'ERROR_STORE_MISSING'],
    ['TooManyRequests', 'slow down', 'ERROR_TOO_MANY_REQUESTS'],
    ['ServiceUnavailable', 'shutting down', 'ERROR_SERVICE_UNAVAILABLE'],
    ['Timeout', 'the preview took too long', 'ERROR_TIMEOUT'],
    ['InternalError', 'internal error; request id 1', 'ERROR_INTERNAL'],
    ['NetworkError', 'The service could not be reached (Network Error)', 'ERROR_NETWORK'],
    ['SomethingNew', 'what', 'ERROR_UNKNOWN'],
  ])('%s -> %s', (reason, message, key) => {
    expect(errorMessage(api(reason, message))).toBe(en(key));
  });

  it.each<[FailureKind | undefined, string]>([
    ['unauthorized', 'ERROR_REPO_AUTH'],
    ['forbidden', 'ERROR_REPO_AUTH'],
    ['untrusted-certificate', 'ERROR_REPO_TLS'],
    ['client-certificate-required', 'ERROR_REPO_CLIENT_CERT'],
    ['tls-failed', 'ERROR_REPO_TLS'],
    ['unknown-host', 'ERROR_REPO_NOT_FOUND'],
    ['not-found', 'ERROR_REPO_NOT_FOUND'],
    ['credentials-other-host', 'ERROR_REPO_PASS_CREDENTIALS'],
    ['credentials-plain-http', 'ERROR_REPO_UNREADABLE'],
    ['too-large', 'ERROR_REPO_UNREADABLE'],
    // An invalid index: no failed call.
    [undefined, 'ERROR_REPO_UNREADABLE'],
  ])('RepoUnreadable with a %s call says what to check', (kind, key) => {
    // The wording of the message plays no part: the same text with every kind.
    const failure = kind === undefined ? undefined : { target: 'repository' as const, kind };
    const error = new ApiError('the repository cannot be read: not found (404)', 422, 'RepoUnreadable', {
      ...(failure ? { failure } : {}),
    });
    expect(errorMessage(error)).toBe(en(key));
  });

  it('tells a failing repository from a failing KubeSphere (BadGateway)', () => {
    const gateway = (failure?: CallFailure) =>
      new ApiError('failed', 502, 'BadGateway', { ...(failure ? { failure } : {}) });
    expect(errorMessage(gateway({ target: 'repository', kind: 'rate-limited' }))).toBe(
      en('ERROR_REPO_FAILED'),
    );
    expect(errorMessage(gateway({ target: 'repository', kind: 'timed-out' }))).toBe(
      en('ERROR_REPO_UNREACHABLE'),
    );
    expect(errorMessage(gateway({ target: 'kubesphere', kind: 'refused' }))).toBe(
      en('ERROR_KUBESPHERE_FAILED'),
    );
    expect(errorMessage(gateway())).toBe(en('ERROR_BAD_GATEWAY'));
  });

  it('reads the failure of a Status body, and ignores one it does not know', () => {
    const answer = (data: unknown) =>
      toApiError(
        new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, {
          data,
          status: 422,
          statusText: '',
          headers: {},
          config: { headers: new AxiosHeaders() },
        }),
      );
    const status = { kind: 'Status', reason: 'RepoUnreadable', message: 'm', code: 422 };
    const known = answer({ ...status, failure: { target: 'repository', kind: 'not-found' } });
    expect(known.failure).toEqual({ target: 'repository', kind: 'not-found' });
    expect(errorMessage(known)).toBe(en('ERROR_REPO_NOT_FOUND'));
    expect(
      answer({ ...status, failure: { target: 'repository', kind: 'new-kind' } }).failure,
    ).toBeUndefined();
    expect(
      answer({ ...status, failure: { target: 'elsewhere', kind: 'not-found' } }).failure,
    ).toBeUndefined();
  });

  it.each(['proxy-failed', 'proxy-auth-required'] as const)('a %s call says the proxy failed', (kind) => {
    for (const target of ['repository', 'kubesphere'] as const)
      expect(
        errorMessage(new ApiError('the proxy refused', 502, 'BadGateway', { failure: { target, kind } })),
      ).toBe(en('ERROR_PROXY_FAILED'));
  });

  it('handles what is not an ApiError', () => {
    expect(errorMessage(new Error('boom'))).toBe(en('ERROR_UNKNOWN'));
    expect(errorDetail(new Error('boom'))).toBe('boom');
    expect(errorDetail('plain')).toBe('plain');
  });

  it('keeps the server message as the detail', () => {
    expect(errorDetail(api('OutboundBlocked', 'the host 10.0.0.1 is not allowed'))).toBe(
      'the host 10.0.0.1 is not allowed',
    );
  });

  it('says a coded cause in the language of the page, and ignores one it does not know', () => {
    const body = {
      kind: 'Status',
      message: 'the repository cannot be read: Cannot fetch the index from http://repo.test/: timed out.',
      reason: 'RepoUnreadable',
      code: 422,
      detail: {
        code: 'repo-fetch-failed',
        params: {
          problem: 'Cannot fetch the index from http://repo.test/: timed out.',
          url: 'http://repo.test/',
          kind: 'timed-out',
          attempts: 3,
        },
        message: 'Cannot fetch the index from http://repo.test/: timed out.',
      },
    };
    const error = toApiError(
      new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, {
        data: body,
        status: 422,
        statusText: '',
        headers: {},
        config: { headers: new AxiosHeaders() },
      }),
    );
    expect(error.detail?.code).toBe('repo-fetch-failed');
    stubTranslate('zh');
    try {
      expect(errorDetail(error)).toBe(
        '无法从 http://repo.test/ 读取（超时）。服务器未及时响应：请稍后重试。',
      );
    } finally {
      stubTranslate('en');
    }
    expect(errorDetail(error)).toBe(
      'Cannot read http://repo.test/ (timed out). The server did not answer in time: try again later.',
    );
    const unknown = new ApiError('plain words', 422, 'Invalid', {});
    expect(errorDetail(unknown)).toBe('plain words');
    expect(
      toApiError(
        new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, {
          data: { ...body, detail: { ...body.detail, code: 'not-a-code' } },
          status: 422,
          statusText: '',
          headers: {},
          config: { headers: new AxiosHeaders() },
        }),
      ).detail,
    ).toBeUndefined();
  });

  it('has a Chinese sentence for every reason', () => {
    stubTranslate('zh');
    try {
      expect(errorMessage(api('StoreMissing', 'x', 424))).toBe(translate('zh', 'ERROR_STORE_MISSING'));
      expect(errorMessage(api('StoreMissing', 'x', 424))).toMatch(/openpitrix/);
    } finally {
      stubTranslate('en');
    }
  });
});
