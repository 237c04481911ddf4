// The service's messages (warnings, reasons, why a job ended) in the user's language, from their
// code and parameters (locales/*/messages.ts); never from their English text, which is for the
// CLI and the logs.
import { messageCodeValues } from '@store-importer/backend/contract';
import type { ImportItem, Message, MessageCode } from '../api';
import { asText } from '../i18n';
import { formatBytes } from './format';

type Snake<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Snake<Tail>}` : S;

/** The locale key of a code: `chart-missing` -> `MSG_CHART_MISSING`. */
export type MessageKey<C extends MessageCode = MessageCode> = `MSG_${Uppercase<Snake<C>>}`;

/** A code or failure kind as locale keys spell it: `timed-out` -> `TIMED_OUT`. */
export function upperSnake(text: string): string {
  return text.toUpperCase().replaceAll('-', '_');
}

export function messageKey<C extends MessageCode>(code: C): MessageKey<C> {
  return `MSG_${upperSnake(code)}` as MessageKey<C>;
}

/** A failed call's kind in words (`text`) and what to do about it (`hint`); the kinds of engine/http/failure.ts, and `invalid` content. */
function kindWords(kind: string, part: 'KIND' | 'HINT'): string {
  return t(`MSG_${part}_${upperSnake(kind)}`);
}

/** The parameters as the sentence shows them: sizes in human units, and the parts some codes need. */
function shownParams(message: Message): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params))
    shown[name] = name.endsWith('Bytes') && typeof value === 'number' ? formatBytes(value) : value;
  const { version, kind, removed, expectedKind, actualKind, path, line, column } = message.params;
  if (message.code.startsWith('index-entry-'))
    shown.entry =
      typeof version === 'string' ? t('MSG_VERSION_ENTRY', asText({ version })) : t('MSG_AN_ENTRY');
  if (typeof kind === 'string') {
    shown.kindText = kindWords(kind, 'KIND');
    shown.hint = kindWords(kind, 'HINT');
  }
  // A Chart.yaml value's kind (engine/messages/package-problems.ts YamlKind).
  if (typeof expectedKind === 'string') shown.expectedText = t(`MSG_YAML_KIND_${upperSnake(expectedKind)}`);
  if (typeof actualKind === 'string') shown.actualText = t(`MSG_YAML_KIND_${upperSnake(actualKind)}`);
  if (message.code === 'chart-yaml-key-not-string')
    shown.at = typeof path === 'string' && path !== '' ? t('MSG_KEY_AT', asText({ path })) : '';
  if (message.code.startsWith('index-invalid-'))
    shown.position =
      typeof line !== 'number' || !(line > 0)
        ? ''
        : typeof column === 'number' && column > 0
          ? t('MSG_AT_LINE', asText({ line, column }))
          : // The parser may give a line without a column (0): never "column 0".
            t('MSG_AT_LINE_ONLY', asText({ line }));
  if (message.code === 'address-blocked') shown.blockedText = blockedText(message);
  const whyKeys = WHY_KEYS[message.code];
  if (whyKeys !== undefined) shown.problemText = problemText(message, whyKeys, shown);
  const cause = causeOf(message);
  if (cause !== undefined) shown.problem = messageText(cause);
  if (message.code === 'slimmed')
    shown.removedText =
      typeof removed === 'string' && removed !== '' ? t('MSG_SLIMMED_REMOVED', asText({ removed })) : '';
  return shown;
}

/** Prefix of a cause's parameters (engine/messages/describe.ts causeParams). */
const CAUSE_PREFIX = 'cause.';

/** The coded cause a message carries in its parameters, when the page knows its code. */
function causeOf(message: Message): Message | undefined {
  const { causeCode } = message.params;
  if (!(messageCodeValues as readonly unknown[]).includes(causeCode)) return undefined;
  const params = paramsUnder(CAUSE_PREFIX, message);
  return { code: causeCode as MessageCode, params, message: String(params.problem ?? '') };
}

/** The parameters a message carries under `prefix` (engine/messages paramsUnder), prefix taken off. */
function paramsUnder(prefix: string, message: Message): Record<string, string | number> {
  const under: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params))
    if (name.startsWith(prefix)) under[name.slice(prefix.length)] = value;
  return under;
}

/**
 * Why the outbound policy refused a destination, by its category (service/outbound/errors.ts
 * BlockCategory); a message kept from before the category was sent has only its English text.
 */
function blockedText(message: Message): string {
  const { category, problem } = message.params;
  if (typeof category !== 'string' || category === '') return String(problem ?? '');
  const host = String(message.params.host ?? '');
  const address = String(message.params.address ?? '');
  const range = String(message.params.range ?? '');
  if (category === 'invalidHost' && host === '') return t('MSG_BLOCKED_NO_HOST');
  // "10.0.0.1", or "repo.internal" (10.0.0.1) when a name resolved to the address.
  const subject =
    address !== '' && address !== host
      ? t('MSG_HOST_AT_ADDRESS', asText({ host, address }))
      : t('MSG_QUOTED_HOST', asText({ host }));
  return t(`MSG_BLOCKED_${upperSnake(category)}`, asText({ host, subject, range }));
}

/**
 * The locale keys of the codes whose `problem` comes with a reason (`why`): a signature that
 * failed (engine/verify/types.ts SignatureWhy), an icon not stored (run/icons.ts IconWhy), a
 * request refused (engine/messages/refusal.ts RequestWhy), keys it cannot use (verify/keys.ts).
 */
const WHY_KEYS: Partial<Record<MessageCode, string>> = {
  'signature-invalid': 'MSG_SIGNATURE_WHY_',
  'signature-unchecked': 'MSG_SIGNATURE_WHY_',
  'icon-not-stored': 'MSG_ICON_WHY_',
  'request-invalid': 'MSG_REQUEST_WHY_',
  'verify-keys-invalid': 'MSG_KEYS_WHY_',
};

/**
 * A problem in words, by its reason with the names it shows; a message kept from before reasons
 * were sent, or a failure no reason names, has only its English text.
 */
function problemText(message: Message, keys: string, shown: Record<string, string | number>): string {
  const { why, problem, alsoWhy } = message.params;
  if (typeof why !== 'string' || why === '') return String(problem ?? '');
  const first = t(`${keys}${upperSnake(why)}`, asText(shown));
  if (typeof alsoWhy !== 'string' || alsoWhy === '') return first;
  // A second reason (a signature both ways wrong): its names under `also.`.
  const also = { ...shown, ...paramsUnder('also.', message) };
  return `${first} ${t(`${keys}${upperSnake(alsoWhy)}`, asText(also))}`;
}

/** A message in the user's language. */
export function messageText(message: Message): string {
  return t(messageKey(message.code), asText(shownParams(message)));
}

/**
 * An item's reason in the user's language: its messages, or its English text for an item recorded
 * before the service sent messages.
 */
export function reasonText(item: Pick<ImportItem, 'reason' | 'reasons'>): string {
  if (item.reasons === undefined || item.reasons.length === 0) return item.reason;
  // Each message is a sentence with its own full stop, in either language.
  return item.reasons.map(messageText).join(' ');
}
