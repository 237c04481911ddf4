// One place that says, in the user's language, what went wrong and what to do about it, from the
// reason of the backend's Status body. The server's own message stays available as the detail.
import { toApiError } from '../api';

/** A RepoUnreadable error's kind, read from the engine's message (its wording is ours, see engine/repo/http.ts). */
function repoHeadline(message: string): string {
  // engine/repo/oci.ts: a token service on another origin, refused without passCredentials.
  if (/token service on another host/.test(message)) return t('ERROR_REPO_PASS_CREDENTIALS');
  if (/\((401 Unauthorized|403 Forbidden)\)/.test(message)) return t('ERROR_REPO_AUTH');
  if (/\bTLS\b/.test(message)) return t('ERROR_REPO_TLS');
  if (/\(DNS\)|not found \((404|410)/.test(message)) return t('ERROR_REPO_NOT_FOUND');
  return t('ERROR_REPO_UNREADABLE');
}

function badGatewayHeadline(message: string): string {
  if (message.startsWith('the repository failed')) {
    return /connection refused|connection failed|request failed|timed? ?out/i.test(message)
      ? t('ERROR_REPO_UNREACHABLE')
      : t('ERROR_REPO_FAILED');
  }
  if (message.startsWith('KubeSphere')) return t('ERROR_KUBESPHERE_FAILED');
  return t('ERROR_BAD_GATEWAY');
}

/** A clear, localized sentence for any failure: what happened and what to do. */
export function errorMessage(error: unknown): string {
  const { reason, message } = toApiError(error);
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
      return repoHeadline(message);
    case 'OutboundBlocked':
      return t('ERROR_OUTBOUND_BLOCKED');
    case 'StoreMissing':
      return t('ERROR_STORE_MISSING');
    case 'TooManyRequests':
      return t('ERROR_TOO_MANY_REQUESTS');
    case 'BadGateway':
      return badGatewayHeadline(message);
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

/** The server's own words (they name the field, host or chart), for the detail line. */
export function errorDetail(error: unknown): string {
  return toApiError(error).message;
}
