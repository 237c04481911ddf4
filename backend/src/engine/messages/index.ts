// A message: a stable code, its parameters and its English text (catalog.ts).
import { catalog, type MessageCode, type MessageParams, type Remedy } from './catalog.js';

export { catalog, type MessageCode, type MessageParams, type Remedy } from './catalog.js';
export type { YamlKind } from './package-problems.js';

export type MessageParamValue = string | number;

export interface Message {
  code: MessageCode;
  params: Readonly<Record<string, MessageParamValue>>;
  /** The English text: what the CLI and the logs print. */
  message: string;
}

/** The message of `code` with `params`, its English text written once here. */
export function say<C extends MessageCode>(code: C, ...rest: SayParams<C>): Message {
  const params = (rest[0] ?? {}) as MessageParams<C>;
  const text = (catalog[code].text as (p: MessageParams<C>) => string)(params);
  return { code, params: params, message: text };
}

/**
 * Another message's parameters carried inside a message, each under `prefix` (`cause.`, `also.`):
 * a console takes them back out to say that message in its language too.
 */
export function paramsUnder<V extends MessageParamValue>(
  prefix: string,
  params: Readonly<Record<string, V>>,
): Record<string, V> {
  const under: Record<string, V> = {};
  for (const [name, value] of Object.entries(params)) under[`${prefix}${name}`] = value;
  return under;
}

/** Codes without parameters take none. */
type SayParams<C extends MessageCode> =
  MessageParams<C> extends Record<string, never> ? [] : [params: MessageParams<C>];

/** Whether running again can fix a version that failed with this message. */
export function remedyOf(message: Message): Remedy {
  const fixed: Remedy | undefined = (catalog[message.code] as { remedy?: Remedy }).remedy;
  if (fixed !== undefined) return fixed;
  // A failed call: transient kinds pass with time, the others need a change first.
  const kind = message.params.kind;
  return typeof kind === 'string' && RETRYABLE_KINDS.has(kind) ? 'retry' : 'change';
}

/** Failure kinds (engine/http/failure.ts) that a later attempt can get past. */
const RETRYABLE_KINDS: ReadonlySet<string> = new Set([
  'refused',
  'unreachable',
  'timed-out',
  'conflict',
  'rate-limited',
  'server-failed',
  'unexpected-status',
]);

/** Printable and at most `max` characters: a parameter taken from a repository's data. */
export function shown(text: string, max = 80): string {
  const printable = text.replace(/[\p{C}]/gu, '?');
  return printable.length > max ? `${printable.slice(0, max)}...` : printable;
}

/** An item's reason and its messages: notes joined by "; ", nothing at all when there are none. */
export function noted(messages: readonly Message[]): { reason: string; reasons?: Message[] } {
  if (messages.length === 0) return { reason: '' };
  return { reason: messages.map((note) => note.message).join('; '), reasons: [...messages] };
}

/** A failed item's reason, its message and what helps. */
export function failedWith(message: Message): { reason: string; reasons: Message[]; remedy: Remedy } {
  return { reason: message.message, reasons: [message], remedy: remedyOf(message) };
}
