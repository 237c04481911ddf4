import { isAxiosError } from 'axios';
import {
  failureKindValues,
  messageCodeValues,
  type FailureKind,
  type Message,
  type Status,
  type StatusReason,
  type UnknownChart,
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
    options?: { cause?: unknown; failure?: CallFailure; unknownCharts?: UnknownChart[]; detail?: Message },
  ) {
    super(message, options);
    this.failure = options?.failure;
    this.unknownCharts = options?.unknownCharts;
    this.detail = options?.detail;
  }

  /** The cause as a message code, to say in the user's language instead of `message`. */
  readonly detail: Message | undefined;

  /** What to say is chosen from this, never from the message. */
  readonly failure: CallFailure | undefined;
  /** A sync's chart names its repository does not have, with the nearest it has. */
  readonly unknownCharts: UnknownChart[] | undefined;
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

/** A message the page knows how to say; anything else is left to `message`. */
function messageOf(value: unknown): Message | undefined {
  if (!isRecord(value) || typeof value.message !== 'string' || !isRecord(value.params)) return undefined;
  if (!(messageCodeValues as readonly unknown[]).includes(value.code)) return undefined;
  const params: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(value.params))
    if (typeof param === 'string' || typeof param === 'number') params[name] = param;
  return { code: value.code as Message['code'], params, message: value.message };
}

function unknownChartsOf(value: unknown): UnknownChart[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((item) => typeof item === 'string');
  const charts = value.filter(
    (item): item is UnknownChart => isRecord(item) && typeof item.name === 'string' && strings(item.nearest),
  );
  return charts.length > 0 ? charts : undefined;
}

function statusOf(body: unknown): {
  message?: string;
  reason?: string;
  code?: number;
  failure?: CallFailure;
  unknownCharts?: UnknownChart[];
  detail?: Message;
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
  const unknownCharts = unknownChartsOf(body.unknownCharts);
  const detail = messageOf(body.detail);
  return {
    ...(detail ? { detail } : {}),
    ...(failure ? { failure } : {}),
    ...(unknownCharts ? { unknownCharts } : {}),
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
      ...(status.unknownCharts ? { unknownCharts: status.unknownCharts } : {}),
      ...(status.detail ? { detail: status.detail } : {}),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(message, 0, 'Unknown', { cause: error });
}
