// One place that says, in the user's language, what went wrong and what to do about it, from the
// reason of the backend's Status body and the kind of its failed call (never from its wording).
// The server's own message stays available as the detail.
import { toApiError, type CallFailure } from '../api';
import { messageText } from './messages';

/** Why a repository cannot be read, from the kind of the service's failed call to it. */
function repoHeadline(failure: CallFailure | undefined): string {
  switch (failure?.kind) {
    case 'credentials-other-host':
      return t('ERROR_REPO_PASS_CREDENTIALS');
    case 'unauthorized':
    case 'forbidden':
      return t('ERROR_REPO_AUTH');
    case 'untrusted-certificate':
    case 'tls-failed':
      return t('ERROR_REPO_TLS');
    case 'client-certificate-required':
      return t('ERROR_REPO_CLIENT_CERT');
    case 'unknown-host':
    case 'not-found':
      return t('ERROR_REPO_NOT_FOUND');
    default:
      return t('ERROR_REPO_UNREADABLE');
  }
}

function badGatewayHeadline(failure: CallFailure | undefined): string {
  if (failure?.kind === 'proxy-failed' || failure?.kind === 'proxy-auth-required')
    return t('ERROR_PROXY_FAILED');
  if (failure?.target === 'repository') {
    return failure.kind === 'refused' || failure.kind === 'unreachable' || failure.kind === 'timed-out'
      ? t('ERROR_REPO_UNREACHABLE')
      : t('ERROR_REPO_FAILED');
  }
  if (failure?.target === 'kubesphere') return t('ERROR_KUBESPHERE_FAILED');
  return t('ERROR_BAD_GATEWAY');
}

/** A clear, localized sentence for any failure: what happened and what to do. */
export function errorMessage(error: unknown): string {
  const { reason, failure } = toApiError(error);
  switch (reason) {
    case 'BadRequest':
    case 'Invalid':
      return t('ERROR_BAD_REQUEST');
    case 'Unauthorized':
      return t('ERROR_UNAUTHORIZED');
    case 'Forbidden':
      return t('ERROR_FORBIDDEN');
    case 'NotFound':
      return t('ERROR_NOT_FOUND');
    case 'Conflict':
      return t('ERROR_CONFLICT');
    case 'RequestEntityTooLarge':
      return t('ERROR_TOO_LARGE');
    case 'RepoUnreadable':
      return repoHeadline(failure);
    case 'OutboundBlocked':
      return t('ERROR_OUTBOUND_BLOCKED');
    case 'StoreMissing':
      return t('ERROR_STORE_MISSING');
    case 'TooManyRequests':
      return t('ERROR_TOO_MANY_REQUESTS');
    case 'BadGateway':
      return badGatewayHeadline(failure);
    case 'ServiceUnavailable':
      return t('ERROR_SERVICE_UNAVAILABLE');
    case 'Timeout':
      return t('ERROR_TIMEOUT');
    case 'InternalError':
      return t('ERROR_INTERNAL');
    case 'NetworkError':
      return t('ERROR_NETWORK');
    default:
      return t('ERROR_UNKNOWN');
  }
}

/**
 * The cause for the detail line: in the user's language when the server gave it a code, else
 * the server's own words (they name the field, host or chart).
 */
export function errorDetail(error: unknown): string {
  const { detail, message } = toApiError(error);
  return detail === undefined ? message : messageText(detail);
}
