// Any error as a message: its own when it was made from one, else one by its class and the kind
// of its failed call. The English text is always the error's message.
import {
  CancelledError,
  ChartError,
  DomainError,
  InputError,
  RepoError,
  StoreError,
  StoreMissingError,
} from '../errors.js';
import { paramsUnder, say, type Message, type MessageParamValue } from './index.js';

/** Prefix of a cause's parameters inside the message that carries it. */
export const CAUSE_PREFIX = 'cause.';

/**
 * An error's coded message as parameters of another message that names it (`problem` stays its
 * English text): `causeCode` and each parameter under `cause.`, so a console can say the cause in
 * its language too. None when the error has no code.
 */
export function causeParams(error: unknown): Record<string, MessageParamValue> {
  const detail = error instanceof DomainError ? error.detail : undefined;
  if (detail === undefined) return {};
  return { causeCode: detail.code, ...paramsUnder(CAUSE_PREFIX, detail.params) };
}

export function describeError(error: unknown): Message {
  if (error instanceof DomainError && error.detail !== undefined) return error.detail;
  const problem = error instanceof Error ? error.message : String(error);
  if (error instanceof CancelledError) return say('cancelled', { problem });
  if (error instanceof StoreMissingError) return say('store-missing', { problem });
  if (error instanceof StoreError)
    return say('store-failed', { problem, kind: error.failure.kind, status: error.status });
  // The service's outbound policy (an engine RepoError by class), matched by name like every mapper.
  if (error instanceof Error && error.name === 'OutboundBlockedError') return blocked(error, problem);
  if (error instanceof RepoError)
    return say('repo-failed', { problem, kind: error.failure?.kind ?? 'invalid' });
  if (error instanceof ChartError) return say('package-invalid', { problem });
  if (error instanceof InputError) return say('input-invalid', { problem });
  return say('internal-error', { problem });
}

/** OutboundBlockedError's details (service/outbound/errors.ts), read by name: the engine cannot import it. */
function blocked(error: Error, problem: string): Message {
  const details = error as Error & { host?: unknown; category?: unknown; address?: unknown; range?: unknown };
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return say('address-blocked', {
    problem,
    host: text(details.host),
    category: text(details.category),
    address: text(details.address),
    range: text(details.range),
  });
}
