import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
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

  it.each([
    [
      'the repository cannot be read: Cannot fetch the index from https://r.example/index.yaml: credentials rejected (401 Unauthorized). Check the username and password, or the token.',
      'ERROR_REPO_AUTH',
    ],
    [
      'the repository cannot be read: Cannot fetch the index from https://r.example/index.yaml: access denied (403 Forbidden). Check that these credentials may read the repository.',
      'ERROR_REPO_AUTH',
    ],
    [
      'the repository cannot be read: Cannot fetch the index: the TLS certificate of r.example is not trusted (SELF_SIGNED_CERT_IN_CHAIN).',
      'ERROR_REPO_TLS',
    ],
    [
      'the repository cannot be read: Cannot fetch the index: the host r.example was not found (DNS). Check the URL.',
      'ERROR_REPO_NOT_FOUND',
    ],
    [
      'the repository cannot be read: Cannot fetch the index from https://r.example/index.yaml: not found (404 Not Found). Check the URL.',
      'ERROR_REPO_NOT_FOUND',
    ],
    [
      'the repository cannot be read: The registry registry-1.docker.io names a token service on another host (https://auth.docker.io/token): the repository credentials go there only if you allow it. If you trust that host, run again with --pass-credentials (passCredentials: true in the API).',
      'ERROR_REPO_PASS_CREDENTIALS',
    ],
    [
      'the repository cannot be read: The index at https://r.example is not valid YAML',
      'ERROR_REPO_UNREADABLE',
    ],
  ])('RepoUnreadable %#: says what to check', (message, key) => {
    expect(errorMessage(api('RepoUnreadable', message))).toBe(en(key));
  });

  it('tells a failing repository from a failing KubeSphere (BadGateway)', () => {
    expect(errorMessage(api('BadGateway', 'the repository failed: rate limited', 502))).toBe(
      en('ERROR_REPO_FAILED'),
    );
    expect(errorMessage(api('BadGateway', 'KubeSphere cannot be reached: ECONNREFUSED', 502))).toBe(
      en('ERROR_KUBESPHERE_FAILED'),
    );
    expect(errorMessage(api('BadGateway', 'Request failed with status 502', 502))).toBe(
      en('ERROR_BAD_GATEWAY'),
    );
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
