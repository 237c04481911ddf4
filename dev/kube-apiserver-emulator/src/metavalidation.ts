// ObjectMeta validation, copied from
//   k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Subdomain, IsQualifiedName,
//     IsValidLabelValue, IsConfigMapKey, RegexError, MaxLenError, EmptyError)
//   k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor,
//     ValidateObjectMetaAccessorUpdate, ValidateAnnotations, ValidateFinalizers, ValidateNoNewFinalizers)
//   k8s.io/apimachinery/pkg/api/validation/generic.go (NameIsDNSSubdomain, maskTrailingDash)
//   k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (ValidateLabels)
//   k8s.io/apimachinery/pkg/api/validation/path/name.go (IsValidPathSegmentName: RBAC object names)

import { fe, goQuote, type FieldError } from './errors.js';
import type { KObject } from './types.js';

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}
const maxLenError = (n: number): string => `must be no more than ${n} characters`;
const emptyError = (): string => 'must be non-empty';

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';

/** A label of at most 63 characters matching `fmt` (IsDNS1123Label, IsDNS1035Label). */
function labelErrors(value: string, fmt: string, msg: string, examples: string[]): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!new RegExp(`^${fmt}$`).test(value)) errs.push(regexError(msg, fmt, ...examples));
  return errs;
}

export function isDNS1123Label(value: string): string[] {
  const msg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  return labelErrors(value, dns1123LabelFmt, msg, ['my-name', '123-abc']);
}

export function isDNS1035Label(value: string): string[] {
  const msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  return labelErrors(value, dns1035LabelFmt, msg, ['my-name', 'abc-123']);
}

/** path.IsValidPathSegmentName: the minimal name rule of Roles, ClusterRoles and their bindings. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** A ValidateNameFunc: the messages for a name (prefix = a generateName). */
export type NameValidator = (name: string, prefix: boolean) => string[];

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value))
    errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

const qualifiedNameCharFmt = '[A-Za-z0-9]';
const qualifiedNameExtCharFmt = '[-A-Za-z0-9_.]';
const qualifiedNameFmt = `(${qualifiedNameCharFmt}${qualifiedNameExtCharFmt}*)?${qualifiedNameCharFmt}`;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name))
    errs.push(
      `name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`,
    );
  return errs;
}

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRe = new RegExp(`^${labelValueFmt}$`);

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value))
    errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!configMapKeyRe.test(value))
    errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** NameIsDNSSubdomain(name, prefix): a generateName prefix has its trailing dash masked. */
export function nameIsDNSSubdomain(name: string, prefix: boolean): string[] {
  if (prefix && name.endsWith('-')) name = `${name.slice(0, -1)}a`;
  return isDNS1123Subdomain(name);
}

const TotalAnnotationSizeLimitB = 256 * 1024;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** NameIsDNS1035Label (Services). */
export function nameIsDNS1035Label(name: string, prefix: boolean): string[] {
  if (prefix && name.endsWith('-')) name = `${name.slice(0, -1)}a`;
  return isDNS1035Label(name);
}

/** ValidateObjectMetaAccessor for create (and the common part of update). */
export function validateObjectMeta(
  obj: KObject,
  namespaced: boolean,
  validName: NameValidator = nameIsDNSSubdomain,
): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const name = str(m.name);
  const generateName = str(m.generateName);
  if (generateName !== '') {
    for (const msg of validName(generateName, true))
      errs.push(fe.invalid('metadata.generateName', generateName, msg));
  }
  if (name === '') errs.push(fe.required('metadata.name', 'name or generateName is required'));
  else for (const msg of validName(name, false)) errs.push(fe.invalid('metadata.name', name, msg));
  const ns = str(m.namespace);
  if (namespaced) {
    if (ns === '') errs.push(fe.required('metadata.namespace', ''));
    // namespace names are DNS-1123 labels; the emulator only knows namespaces it was given
  } else if (ns !== '') {
    errs.push(fe.forbidden('metadata.namespace', 'not allowed on this type'));
  }
  const labels = m.labels ?? {};
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(fe.invalid('metadata.labels', k, msg));
    for (const msg of isValidLabelValue(v)) errs.push(fe.invalid('metadata.labels', v, msg));
  }
  const annotations = m.annotations ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid('metadata.annotations', k, msg));
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (total > TotalAnnotationSizeLimitB)
    errs.push(fe.tooLong('metadata.annotations', '', TotalAnnotationSizeLimitB));
  const finalizers = m.finalizers ?? [];
  for (const f of finalizers) {
    for (const msg of isQualifiedName(f)) errs.push(fe.invalid('metadata.finalizers', f, msg));
  }
  const hasOrphan = finalizers.includes('orphan');
  const hasForeground = finalizers.includes('foregroundDeletion');
  if (hasOrphan && hasForeground)
    errs.push(
      fe.invalid(
        'metadata.finalizers',
        finalizers,
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  return errs;
}

/** ValidateObjectMetaAccessorUpdate (after rest.BeforeUpdate copied the system fields). */
export function validateObjectMetaUpdate(
  obj: KObject,
  old: KObject,
  namespaced: boolean,
  validName: NameValidator = nameIsDNSSubdomain,
): FieldError[] {
  const errs = validateObjectMeta(obj, namespaced, validName);
  const m = obj.metadata;
  const o = old.metadata;
  const immutable = (field: string, a: unknown, b: unknown): void => {
    if (a !== b) errs.push(fe.invalid(`metadata.${field}`, a ?? '', 'field is immutable'));
  };
  immutable('name', m.name, o.name);
  immutable('namespace', m.namespace ?? '', o.namespace ?? '');
  immutable('uid', m.uid, o.uid);
  if (o.deletionTimestamp) {
    const extra = [...new Set(m.finalizers ?? [])].filter((f) => !(o.finalizers ?? []).includes(f)).sort();
    if (extra.length > 0)
      errs.push(
        fe.forbidden(
          'metadata.finalizers',
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map(goQuote).join(', ')}}`,
        ),
      );
  }
  return errs;
}
