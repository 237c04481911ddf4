// Domain errors of the engine. They know nothing of HTTP or exit codes: the CLI and the
// service map them once, by `name`, so a duplicated copy of this module still maps.

export interface ErrorOptions {
  cause?: unknown;
}

abstract class EngineError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller's input is wrong (a flag, a URL, a request body). */
export class InputError extends EngineError {}

/** A chart repository could not be read: unreachable, refused, or its index is invalid. */
export class RepoError extends EngineError {}

/** A chart package is unusable: not a gzip tar, unsafe entries, no valid Chart.yaml, too large. */
export class ChartError extends EngineError {}

/** The KubeSphere API refused or failed a call. Carries its HTTP status and plain-text message. */
export class StoreError extends EngineError {
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The App Store extension (openpitrix) is not installed, so nothing can be stored. */
export class StoreMissingError extends StoreError {}

/** The work was cancelled by the caller. */
export class CancelledError extends EngineError {}

/** A short, secret-free reason for an item's failure. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
