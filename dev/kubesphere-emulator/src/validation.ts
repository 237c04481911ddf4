// Kubernetes name and label validation as the kube-apiserver applies it when ks-core's handlers
// create or update the cluster-scoped CRs, with the apimachinery message texts:
//   k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Subdomain, IsValidLabelValue, IsQualifiedName)
//   k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMeta, NameIsDNSSubdomain)
//   k8s.io/apimachinery/pkg/api/errors/errors.go (NewInvalid: `<Kind>.<group> "<name>" is invalid: ...`)
// Custom resources are validated with NameIsDNSSubdomain (apiextensions-apiserver customResourceStrategy).

import { KsError } from './errors.js';

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainRe = new RegExp(`^${dns1123LabelFmt}(\\.${dns1123LabelFmt})*$`);
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const subdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** validation.IsDNS1123Subdomain: list of error strings, empty when valid. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!dns1123SubdomainRe.test(value)) errs.push(subdomainErrMsg);
  return errs;
}

/** validation.IsValidLabelValue */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!labelValueRe.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

/** validation.IsQualifiedName (label keys) */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !qualifiedNameRe.test(name)) {
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errs;
}

/** ValidateObjectMeta for a cluster-scoped CR (name + labels + total annotation size), as an Invalid error. */
export function validateObjectMeta(
  kind: string,
  name: string,
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
): void {
  const causes: string[] = [];
  if (name === '') {
    causes.push('metadata.name: Required value: name or generateName is required');
  } else {
    for (const e of isDNS1123Subdomain(name))
      causes.push(`metadata.name: Invalid value: ${JSON.stringify(name)}: ${e}`);
  }
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const e of isQualifiedName(k))
      causes.push(`metadata.labels: Invalid value: ${JSON.stringify(k)}: ${e}`);
    for (const e of isValidLabelValue(v))
      causes.push(`metadata.labels: Invalid value: ${JSON.stringify(v)}: ${e}`);
  }
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
    for (const e of isQualifiedName(k.toLowerCase()))
      causes.push(`metadata.annotations: Invalid value: ${JSON.stringify(k)}: ${e}`);
  }
  if (total > 256 * 1024) causes.push(`metadata.annotations: Too long: must have at most 262144 bytes`);
  if (causes.length === 0) return;
  // errors.NewInvalid -> `%s %q is invalid: %v` with an aggregate: one cause as-is, several as "[a, b]".
  const detail = causes.length === 1 ? (causes[0] ?? '') : `[${causes.join(', ')}]`;
  throw new KsError(
    422,
    `${kind}.application.kubesphere.io ${JSON.stringify(name)} is invalid: ${detail}`,
    'Invalid',
  );
}
