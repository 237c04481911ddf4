import { isAxiosError } from 'axios';
import {
  failureKindValues,
  type FailureKind,
  type Status,
  type StatusReason,
} from '@store-importer/backend/contract';

/** Why a request failed: a reason of the service's Status answers, or one of the client's own. */
export type ApiErrorReason = StatusReason | 'NetworkError' | 'Unknown';

/** The Kubernetes Status body of an error answer. */
export type StatusBody = Status;

/** How the service's call to a repository or to KubeSphere failed, when that is why. */
export type CallFailure = NonNullable<Status['failure']>;

/** A failed request, with a message the UI can show as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** HTTP status; 0 when no answer arrived. */
    readonly code: number,
    /** One of ApiErrorReason, or another reason the server sent. */
    readonly reason: string,
    options?: { cause?: unknown; failure?: CallFailure },
  ) {
    super(message, options);
    this.failure = options?.failure;
  }

  /** What to say is chosen from this, never from the message. */
  readonly failure: CallFailure | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function failureOf(value: unknown): CallFailure | undefined {
  if (!isRecord(value)) return undefined;
  const { target, kind } = value;
  const known = (failureKindValues as readonly unknown[]).includes(kind);
  return (target === 'repository' || target === 'kubesphere') && known
    ? { target, kind: kind as FailureKind }
    : undefined;
}

function statusOf(body: unknown): {
  message?: string;
  reason?: string;
  code?: number;
  failure?: CallFailure;
} {
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
  const failure = failureOf(body.failure);
  return {
    ...(failure ? { failure } : {}),
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
    return new ApiError(message, code, reason, {
      cause: error,
      ...(status.failure ? { failure: status.failure } : {}),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(message, 0, 'Unknown', { cause: error });
}
