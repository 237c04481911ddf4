// Why a request was refused (its body, a field of it, the category rules it carries), as a
// message: the English sentence for the CLI, the logs and the API's `message`, and a reason code
// (`why`) the console says in the user's language.
import type { ClientCertificateProblem } from '../repo/client-certificate.js';
import { say, type Message } from './index.js';

export type RequestWhy =
  | 'not-object'
  | 'too-deep'
  | 'unknown-field'
  | 'required'
  | 'required-with'
  | 'bad-key'
  | 'one-of'
  | 'invalid-value'
  | 'wrong-type'
  | 'not-allowed'
  | 'too-long'
  | 'too-short'
  | 'too-many'
  | 'too-few'
  | 'too-large'
  | 'too-small'
  | 'duplicate-items'
  | 'empty'
  | 'rule-matches-nothing'
  | 'pattern-invalid'
  | 'ca-invalid'
  | 'url-invalid'
  | 'url-scheme'
  | 'oci-reference'
  | 'oci-path'
  | 'oci-host'
  | 'schedule'
  | 'sync-needs-repository'
  | 'require-with-bundle'
  | 'certificate-incomplete'
  | Exclude<ClientCertificateProblem, 'incomplete'>;

/** The refusal of `field` (a path such as `body.source.url`), with what the sentence names besides. */
export function refused(
  problem: string,
  why: RequestWhy,
  field: string,
  extra: Readonly<Record<string, string | number>> = {},
): Message {
  return say('request-invalid', { ...extra, problem, why, field });
}
