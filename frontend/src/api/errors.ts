import { isAxiosError } from 'axios';

/** Reasons the backend answers in its Kubernetes Status bodies (see the OpenAPI `Status`). */
export type ApiErrorReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'RequestEntityTooLarge'
  | 'Invalid'
  | 'RepoUnreadable'
  | 'OutboundBlocked'
  | 'StoreMissing'
  | 'TooManyRequests'
  | 'BadGateway'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'InternalError'
  | 'NetworkError'
  | 'Unknown';

/** The Kubernetes Status body of an error answer. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
}

/** A failed request, with a message the UI can show as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** HTTP status; 0 when no answer arrived. */
    readonly code: number,
    /** One of ApiErrorReason, or another reason the server sent. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function statusOf(body: unknown): { message?: string; reason?: string; code?: number } {
  if (typeof body === 'string') {
    try {
      return statusOf(JSON.parse(body));
    } catch {
      const text = body.trim();
      return text !== '' && text.length <= 500 && !text.startsWith('<') ? { message: text } : {};
    }
  }
  if (!isRecord(body)) return {};
  const { message, reason, code } = body;
  return {
    ...(typeof message === 'string' && message.trim() !== '' ? { message: message.trim() } : {}),
    ...(typeof reason === 'string' && reason !== '' ? { reason } : {}),
    ...(typeof code === 'number' ? { code } : {}),
  };
}

const REASON_BY_STATUS: Record<number, ApiErrorReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Turns whatever a request rejected with into an ApiError; an ApiError passes through. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isAxiosError(error)) {
    const response = error.response;
    if (response === undefined) {
      return new ApiError(`The service could not be reached (${error.message})`, 0, 'NetworkError', {
        cause: error,
      });
    }
    const status = statusOf(response.data);
    const code = status.code ?? response.status;
    const reason = status.reason ?? REASON_BY_STATUS[code] ?? 'Unknown';
    const message = status.message ?? `Request failed with status ${code}`;
    return new ApiError(message, code, reason, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(message, 0, 'Unknown', { cause: error });
}
