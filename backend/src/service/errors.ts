// The ONLY place where errors become HTTP statuses. Errors are matched by `name` (a duplicated
// copy of a module still maps), bodies have the Kubernetes Status shape with a top-level
// `message` and `reason`, which is what the KubeSphere console toasts. No stack, no secret.
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

import { DomainError } from '../engine/index.js';

/** The body of every error answer. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
}

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

export const STORE_MISSING_MESSAGE =
  'App Store Management (the KubeSphere extension "openpitrix") is not installed in this KubeSphere, so nothing can be imported: install it from the Extensions Center, then try again';

export interface MappedError {
  status: number;
  reason: string;
  message: string;
  /** An unexpected error: log it with its stack, answer a generic message. */
  internal: boolean;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The status of a StoreError (the engine's KubeSphere client), or undefined. */
function storeStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status: unknown = error.status;
  return typeof status === 'number' ? status : undefined;
}

/** Body-parser's errors carry `type` and `status`. */
function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const type: unknown = error.type;
  return typeof type === 'string' ? type : undefined;
}

/** Domain error -> status, reason and a message for the caller. */
export function mapError(error: unknown): MappedError {
  const message = messageOf(error);
  const mapped = (status: number, reason: string, text = message): MappedError => ({
    status,
    reason,
    message: text,
    internal: false,
  });
  switch (nameOf(error)) {
    case 'ValidationError':
    case 'InputError':
      return mapped(400, 'BadRequest');
    case 'UnauthorizedError':
      return mapped(401, 'Unauthorized');
    case 'ForbiddenError':
      return mapped(403, 'Forbidden');
    case 'NotFoundError':
      return mapped(404, 'NotFound');
    case 'ConflictError':
    case 'StaleWriteError':
      return mapped(409, 'Conflict');
    case 'CancelledError':
      return mapped(409, 'Conflict', `cancelled: ${message}`);
    case 'ServiceUnavailableError':
      return mapped(503, 'ServiceUnavailable');
    case 'RequestTimeoutError':
      return mapped(504, 'Timeout');
    // The outbound policy refused the repository's address: the request names a host this
    // installation does not allow. 422: the request is well-formed, its target is not allowed.
    case 'OutboundBlockedError':
      return mapped(422, 'OutboundBlocked');
    // The repository given cannot be used: unreachable, refused, not a Helm repository. The
    // caller chose it, so it is the request's problem (422), except when the repository host
    // itself failed (5xx, timeouts, rate limits): an upstream failure (502).
    case 'RepoError':
      return /the server failed|rate limited|timed? ?out|after \d+ attempts/i.test(message)
        ? mapped(502, 'BadGateway', `the repository failed: ${message}`)
        : mapped(422, 'RepoUnreadable', `the repository cannot be read: ${message}`);
    case 'ChartError':
      return mapped(422, 'Invalid');
    case 'StoreMissingError':
      return mapped(424, 'StoreMissing', STORE_MISSING_MESSAGE);
    case 'StoreError':
      return mapStoreError(storeStatus(error) ?? 0, message);
  }
  const type = bodyParserType(error);
  if (type === 'entity.too.large')
    return mapped(413, 'RequestEntityTooLarge', 'the request body is too large');
  if (type === 'entity.parse.failed') return mapped(400, 'BadRequest', 'the request body is not valid JSON');
  if (type !== undefined) return mapped(400, 'BadRequest', 'the request body cannot be read');
  return { status: 500, reason: 'InternalError', message: 'internal error', internal: true };
}

/** KubeSphere's own answer reaches the caller: its RBAC decides, its message explains. */
function mapStoreError(status: number, message: string): MappedError {
  const mapped = (code: number, reason: string, text = message): MappedError => ({
    status: code,
    reason,
    message: text,
    internal: false,
  });
  switch (status) {
    case 0:
      return mapped(502, 'BadGateway', `KubeSphere cannot be reached: ${message}`);
    case 401:
      return mapped(401, 'Unauthorized', `KubeSphere rejected the credentials: ${message}`);
    case 403:
      return mapped(403, 'Forbidden', `KubeSphere refused access: ${message}`);
    case 404:
      return mapped(404, 'NotFound');
    case 409:
      return mapped(409, 'Conflict');
    case 429:
      return mapped(429, 'TooManyRequests');
    default:
      return mapped(502, 'BadGateway', `KubeSphere failed: ${message}`);
  }
}

export function statusBody(status: number, reason: string, message: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code: status };
}

export function sendStatus(res: Response, status: number, reason: string, message: string): void {
  res.status(status).json(statusBody(status, reason, message));
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
    sendStatus(res, mapped.status, mapped.reason, mapped.message);
  };
}
