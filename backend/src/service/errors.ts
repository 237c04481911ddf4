// The ONLY place where errors become HTTP statuses. Errors are matched by `name` (a duplicated
// copy of a module still maps) and by the kind of their HTTP failure, never by message text;
// bodies have the Kubernetes Status shape with a top-level `message` and `reason`, which is what
// the KubeSphere console toasts. No stack, no secret.
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

import type { Status, StatusReason, UnknownChart } from '../contract/index.js';
import { DomainError, describeError, type HttpFailureKind, NO_ANSWER_FAILURES } from '../engine/index.js';

/** The body of every error answer (the contract's Status). */
export type StatusBody = Status;

/** How a call to a repository or to KubeSphere failed, as answered to the caller. */
export type CallFailure = NonNullable<Status['failure']>;

abstract class ServiceError extends DomainError {}

/** The request body or a parameter is invalid (schema validation). */
export class ValidationError extends ServiceError {}
/** No usable credentials in the request. */
export class UnauthorizedError extends ServiceError {}
/** The caller may not do this (decided by KubeSphere, never by this service alone). */
export class ForbiddenError extends ServiceError {}
export class NotFoundError extends ServiceError {}
export class ConflictError extends ServiceError {}
/** A synchronous request ran out of time (REQUEST_TIMEOUT_MS). */
export class RequestTimeoutError extends ServiceError {}
/** The service is shutting down, or a dependency it needs is not usable. */
export class ServiceUnavailableError extends ServiceError {}
/** An uploaded body is over the size the service takes (413). */
export class PayloadTooLargeError extends ServiceError {}
/** An uploaded body of a type the route does not take (415). */
export class UnsupportedMediaTypeError extends ServiceError {}
/** No room to keep an upload (507). */
export class InsufficientStorageError extends ServiceError {}
/** A sync names charts its repository does not have (422, each name with the nearest ones). */
export class UnknownChartsError extends ServiceError {
  constructor(
    message: string,
    readonly unknownCharts: UnknownChart[],
  ) {
    super(message);
  }
}

export const STORE_MISSING_MESSAGE =
  'App Store Management (the KubeSphere extension "openpitrix") is not installed in this KubeSphere, so nothing can be imported: install it from the Extensions Center, then try again';

export interface MappedError {
  status: number;
  reason: StatusReason;
  message: string;
  failure?: CallFailure;
  unknownCharts?: UnknownChart[];
  /** An unexpected error: log it with its stack, answer a generic message. */
  internal: boolean;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The kind of HTTP failure a RepoError or StoreError carries, or undefined. */
function failureKind(error: unknown): HttpFailureKind | undefined {
  if (typeof error !== 'object' || error === null || !('failure' in error)) return undefined;
  const failure: unknown = error.failure;
  if (typeof failure !== 'object' || failure === null || !('kind' in failure)) return undefined;
  return typeof failure.kind === 'string' ? (failure.kind as HttpFailureKind) : undefined;
}

/**
 * The repository host itself failed, or the network to it: an upstream failure (502). Every
 * other reason a repository cannot be read is the request's problem (422).
 */
const REPO_UPSTREAM_FAILURES: ReadonlySet<HttpFailureKind> = new Set<HttpFailureKind>([
  'refused',
  'unreachable',
  'timed-out',
  'rate-limited',
  'server-failed',
  // The service's forward proxy: the installation's problem, not the request's.
  'proxy-failed',
  'proxy-auth-required',
]);

/** Body-parser's errors carry `type` and `status`. */
function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const type: unknown = error.type;
  return typeof type === 'string' ? type : undefined;
}

/** Domain error -> status, reason and a message for the caller. */
export function mapError(error: unknown): MappedError {
  const message = messageOf(error);
  const mapped = (status: number, reason: StatusReason, text = message): MappedError => ({
    status,
    reason,
    message: text,
    internal: false,
  });
  switch (nameOf(error)) {
    // BundleError: an uploaded offline bundle that is not what its manifest says, or over a cap.
    case 'ValidationError':
    case 'InputError':
    case 'BundleError':
    case 'BundleOverLimitError':
      return mapped(400, 'BadRequest');
    case 'UnauthorizedError':
      return mapped(401, 'Unauthorized');
    case 'ForbiddenError':
      return mapped(403, 'Forbidden');
    // ChartNotFoundError: the repository does not list the chart or version asked for.
    case 'NotFoundError':
    case 'ChartNotFoundError':
      return mapped(404, 'NotFound');
    case 'ConflictError':
    case 'StaleWriteError':
      return mapped(409, 'Conflict');
    case 'CancelledError':
      return mapped(409, 'Conflict', `cancelled: ${message}`);
    case 'ServiceUnavailableError':
      return mapped(503, 'ServiceUnavailable');
    case 'PayloadTooLargeError':
      return mapped(413, 'RequestEntityTooLarge');
    case 'UnsupportedMediaTypeError':
      return mapped(415, 'UnsupportedMediaType');
    case 'InsufficientStorageError':
      return mapped(507, 'InsufficientStorage');
    case 'RequestTimeoutError':
      return mapped(504, 'Timeout');
    // The outbound policy refused the repository's address: the request names a host this
    // installation does not allow. 422: the request is well-formed, its target is not allowed.
    case 'OutboundBlockedError':
      return mapped(422, 'OutboundBlocked');
    // The repository given cannot be used: unknown host, refused access, not found, not a Helm
    // repository. The caller chose it, so it is the request's problem (422), except when the
    // repository host itself failed (5xx, timeouts, rate limits, lost connections): 502.
    case 'RepoError': {
      const kind = failureKind(error);
      const answer =
        kind !== undefined && REPO_UPSTREAM_FAILURES.has(kind)
          ? mapped(502, 'BadGateway', `the repository failed: ${message}`)
          : mapped(422, 'RepoUnreadable', `the repository cannot be read: ${message}`);
      return kind === undefined ? answer : { ...answer, failure: { target: 'repository', kind } };
    }
    case 'ChartError':
      return mapped(422, 'Invalid');
    case 'UnknownChartsError':
      return { ...mapped(422, 'Invalid'), unknownCharts: (error as UnknownChartsError).unknownCharts };
    case 'StoreMissingError':
      return mapped(424, 'StoreMissing', STORE_MISSING_MESSAGE);
    case 'StoreError': {
      const kind = failureKind(error) ?? 'unreachable';
      return { ...mapStoreError(kind, message), failure: { target: 'kubesphere', kind } };
    }
  }
  const type = bodyParserType(error);
  if (type === 'entity.too.large')
    return mapped(413, 'RequestEntityTooLarge', 'the request body is too large');
  if (type === 'entity.parse.failed') return mapped(400, 'BadRequest', 'the request body is not valid JSON');
  if (type !== undefined) return mapped(400, 'BadRequest', 'the request body cannot be read');
  return { status: 500, reason: 'InternalError', message: 'internal error', internal: true };
}

/** KubeSphere's own answer reaches the caller: its RBAC decides, its message explains. */
function mapStoreError(kind: HttpFailureKind, message: string): MappedError {
  const mapped = (code: number, reason: StatusReason, text = message): MappedError => ({
    status: code,
    reason,
    message: text,
    internal: false,
  });
  if (NO_ANSWER_FAILURES.has(kind))
    return mapped(502, 'BadGateway', `KubeSphere cannot be reached: ${message}`);
  switch (kind) {
    case 'unauthorized':
      return mapped(401, 'Unauthorized', `KubeSphere rejected the credentials: ${message}`);
    case 'forbidden':
      return mapped(403, 'Forbidden', `KubeSphere refused access: ${message}`);
    case 'not-found':
      return mapped(404, 'NotFound');
    case 'conflict':
      return mapped(409, 'Conflict');
    case 'rate-limited':
      return mapped(429, 'TooManyRequests');
    default:
      return mapped(502, 'BadGateway', `KubeSphere failed: ${message}`);
  }
}

/** What a Status body may carry beside its message and reason. */
export type StatusExtras = Pick<StatusBody, 'failure' | 'unknownCharts' | 'detail'>;

export function statusBody(
  status: number,
  reason: StatusReason,
  message: string,
  { failure, unknownCharts, detail }: StatusExtras = {},
): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code: status,
    ...(failure ? { failure } : {}),
    ...(unknownCharts ? { unknownCharts } : {}),
    ...(detail ? { detail } : {}),
  };
}

export function sendStatus(
  res: Response,
  status: number,
  reason: StatusReason,
  message: string,
  extras?: StatusExtras,
): void {
  res.status(status).json(statusBody(status, reason, message, extras));
}

/** The last middleware: every error of every route ends here. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const mapped = mapError(error);
    const requestId = res.getHeader('x-request-id');
    if (mapped.internal) {
      logger.error({ err: error, requestId, path: req.path }, 'request failed');
      mapped.message = `internal error; the service log has the details under request id ${String(requestId)}`;
    } else if (mapped.status >= 500) {
      logger.warn(
        { requestId, path: req.path, status: mapped.status, error: mapped.message },
        'request failed',
      );
    }
    // A coded cause (engine/messages), for a console to say it in the user's language. The
    // outbound policy's refusal is made from its details (describeError), not from a message.
    const detail =
      mapped.internal || !(error instanceof DomainError)
        ? undefined
        : error.name === 'OutboundBlockedError'
          ? describeError(error)
          : error.detail;
    sendStatus(res, mapped.status, mapped.reason, mapped.message, {
      failure: mapped.failure,
      unknownCharts: mapped.unknownCharts,
      detail,
    });
  };
}
