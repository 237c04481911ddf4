// Domain errors of the engine. They know nothing of the service's statuses or the CLI's exit codes:
// the CLI and the service map them once, by `name` (so a duplicated copy of this module still
// maps) and by the kind of the HTTP failure they carry, never by message text.
import { type HttpFailure, failureKindOfStatus } from './http/failure.js';
import type { Message } from './messages/index.js';

export interface ErrorOptions {
  cause?: unknown;
}

/** Options of an error that may come from an outbound HTTP call. */
export interface FailureOptions extends ErrorOptions {
  failure?: HttpFailure | undefined;
}

/**
 * Base of named errors: `name` is the class name, so mappers can match on it. Made from a
 * Message, it keeps it (`detail`) for the console to show in the user's language.
 */
export abstract class DomainError extends Error {
  readonly detail: Message | undefined;

  constructor(message: string | Message, options?: ErrorOptions) {
    super(typeof message === 'string' ? message : message.message, options);
    this.name = new.target.name;
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

/** The caller's input is wrong (a flag, a URL, a request body). */
export class InputError extends DomainError {}

/** A chart repository could not be read: unreachable, refused, or its index is invalid. */
export class RepoError extends DomainError {
  /**
   * How the HTTP call to the repository failed; undefined when the failure is in what it sent
   * (an invalid index or manifest, a wrong digest) or in what it names.
   */
  readonly failure: HttpFailure | undefined;

  constructor(message: string | Message, options?: FailureOptions) {
    super(message, options);
    this.failure = options?.failure;
  }
}

/** The repository does not list the chart, or that version of it. */
export class ChartNotFoundError extends DomainError {}

/** A chart package is unusable: not a gzip tar, unsafe entries, no valid Chart.yaml, too large. */
export class ChartError extends DomainError {}

/**
 * The KubeSphere API refused or failed a call. Carries its HTTP status (0: no answer) and
 * plain-text message, and how the call failed.
 */
export class StoreError extends DomainError {
  /** How the call failed: from the client, or else from the status. */
  readonly failure: HttpFailure;

  /**
   * Why an earlier attempt of the same call failed (a 5xx or a lost connection). That attempt may
   * have been written before the answer was lost, so a 409 now may be this run's own write.
   */
  earlierAttempt: string | undefined;

  constructor(
    message: string | Message,
    readonly status: number,
    options?: FailureOptions,
  ) {
    super(message, options);
    this.failure = options?.failure ?? {
      kind: status === 0 ? 'unreachable' : failureKindOfStatus(status),
      ...(status === 0 ? {} : { status }),
      attempts: 1,
    };
  }
}

/** The App Store extension (openpitrix) is not installed, so nothing can be stored. */
export class StoreMissingError extends StoreError {}

/** The work was cancelled by the caller. */
export class CancelledError extends DomainError {}

/** The store answered 409: the object exists already (someone else was first). */
export function isConflict(error: unknown): boolean {
  return error instanceof StoreError && error.status === 409;
}

/**
 * A store write that may have been applied although it failed: its answer was a 5xx or never
 * came (a proxy timing out after ks-apiserver committed it), or an earlier attempt was.
 */
export function mayHaveBeenApplied(error: unknown): error is StoreError {
  return (
    error instanceof StoreError &&
    !(error instanceof StoreMissingError) &&
    (error.status === 0 || error.status >= 500 || error.earlierAttempt !== undefined)
  );
}

/** A short, secret-free reason for an item's failure. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
