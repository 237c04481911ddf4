// Label and field selectors, copied from
//   https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
//   https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/
//   k8s.io/apimachinery/pkg/labels/selector.go (Parse, Requirement.Matches: `!=` and `notin` match a
//     missing label; `gt`/`lt` need integers)
//   k8s.io/apimachinery/pkg/fields/selector.go (ParseSelector: =, ==, !=)
//   k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go (CRs: only metadata.name and
//     metadata.namespace; otherwise "field label not supported: <label>")

import { badRequest } from './errors.js';
import { isQualifiedName, isValidLabelValue } from './metavalidation.js';

type Op = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export type LabelSelector = Requirement[];

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

function checkKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length > 0)
    throw badRequest(
      `unable to parse requirement: key: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`,
    );
}
function checkValue(v: string): void {
  const errs = isValidLabelValue(v);
  if (errs.length > 0)
    throw badRequest(
      `unable to parse requirement: values[0][${v}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`,
    );
}

export function parseLabelSelector(s: string | undefined): LabelSelector {
  if (!s) return [];
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(s)) {
    let m: RegExpMatchArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(part))) {
      const key = m[1] ?? '';
      checkKey(key);
      const values = (m[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      values.forEach(checkValue);
      if (values.length === 0)
        throw badRequest(
          `unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`,
        );
      reqs.push({ key, op: m[2] === 'in' ? 'in' : 'notin', values });
    } else if ((m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part))) {
      const key = m[1] ?? '';
      const value = (m[3] ?? '').trim();
      checkKey(key);
      const opText = m[2] ?? '=';
      if (opText === '>' || opText === '<') {
        if (!/^-?\d+$/.test(value))
          throw badRequest(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        reqs.push({ key, op: opText === '>' ? 'gt' : 'lt', values: [value] });
      } else {
        checkValue(value);
        reqs.push({ key, op: opText === '!=' ? '!=' : '=', values: [value] });
      }
    } else if ((m = /^!\s*(\S+)$/.exec(part))) {
      const key = m[1] ?? '';
      checkKey(key);
      reqs.push({ key, op: '!', values: [] });
    } else if (/^\S+$/.test(part)) {
      checkKey(part);
      reqs.push({ key: part, op: 'exists', values: [] });
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  return reqs;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
      case 'in':
        return has && r.values.includes(v ?? '');
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v ?? '');
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v ?? '')) return false;
        const n = Number(v);
        const want = Number(r.values[0]);
        return r.op === 'gt' ? n > want : n < want;
      }
    }
  });
}

interface FieldReq {
  field: string;
  value: string;
  not: boolean;
}
export type FieldSelector = FieldReq[];

/** Parses a field selector; `supported` are the field labels the resource accepts. */
export function parseFieldSelector(s: string | undefined, supported: string[]): FieldSelector {
  if (!s) return [];
  const out: FieldReq[] = [];
  for (const part of s.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const field = m[1] ?? '';
    if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
    out.push({ field, value: m[3] ?? '', not: m[2] === '!=' });
  }
  return out;
}

export function matchesFields(sel: FieldSelector, fields: Record<string, string>): boolean {
  return sel.every((r) => (fields[r.field] === r.value) !== r.not);
}
