// Kubernetes label selectors, as ks-core's list handlers parse them with labels.Parse
// (k8s.io/apimachinery/pkg/labels/selector.go: Parser, Requirement.Matches, NewRequirement validation).

import { isQualifiedName, isValidLabelValue } from './validation.js';

type Op = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

type Token = { t: 'id' | 'op' | 'open' | 'close' | 'comma' | 'not' | 'end'; v: string };

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const special = new Set(['=', '!', '(', ')', ',', '>', '<']);
  while (i < s.length) {
    const c = s[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') out.push({ t: 'open', v: c });
    else if (c === ')') out.push({ t: 'close', v: c });
    else if (c === ',') out.push({ t: 'comma', v: c });
    else if (c === '=' || c === '!' || c === '>' || c === '<') {
      const two = s.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ t: 'op', v: two });
        i += 2;
        continue;
      }
      if (c === '!') out.push({ t: 'not', v: c });
      else out.push({ t: 'op', v: c });
    } else {
      let j = i;
      while (j < s.length && !special.has(s[j] ?? '') && !/\s/.test(s[j] ?? '')) j++;
      const word = s.slice(i, j);
      out.push({ t: 'id', v: word });
      i = j;
      continue;
    }
    i++;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

function validateKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length) throw new SelectorError(`key: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

// labels.NewRequirement -> validateLabelValue(key, value, path.Child("values").Index(i).Key(key))
function validateValue(key: string, v: string, i: number): void {
  const errs = isValidLabelValue(v);
  if (errs.length)
    throw new SelectorError(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
}

export { validateValue as validateRequirementValue };

/** labels.Parse: an empty string selects everything. */
export function parseSelector(selector: string): Requirement[] {
  const toks = lex(selector);
  let p = 0;
  const peek = (): Token => toks[p] ?? { t: 'end', v: '' };
  const next = (): Token => toks[p++] ?? { t: 'end', v: '' };
  const reqs: Requirement[] = [];
  if (peek().t === 'end') return reqs;
  for (;;) {
    let tok = next();
    if (tok.t === 'not') {
      const key = next();
      if (key.t !== 'id')
        throw new SelectorError(`unable to parse requirement: found '${key.v}', expected: identifier`);
      validateKey(key.v);
      reqs.push({ key: key.v, op: '!', values: [] });
    } else if (tok.t === 'id') {
      const key = tok.v;
      validateKey(key);
      const opTok = peek();
      if (opTok.t === 'end' || opTok.t === 'comma') {
        reqs.push({ key, op: 'exists', values: [] });
      } else {
        next();
        let op: Op;
        if (opTok.t === 'op') op = opTok.v === '>' ? 'gt' : opTok.v === '<' ? 'lt' : (opTok.v as Op);
        else if (opTok.t === 'id' && (opTok.v === 'in' || opTok.v === 'notin')) op = opTok.v;
        else
          throw new SelectorError(
            `unable to parse requirement: found '${opTok.v}', expected: in, notin, =, ==, !=, gt, lt`,
          );
        if (op === 'in' || op === 'notin') {
          const open = next();
          if (open.t !== 'open')
            throw new SelectorError(`unable to parse requirement: found '${open.v}', expected: '('`);
          const values: string[] = [];
          for (;;) {
            const v = next();
            if (v.t === 'id') {
              values.push(v.v);
              const sep = next();
              if (sep.t === 'close') break;
              if (sep.t !== 'comma')
                throw new SelectorError(
                  `unable to parse requirement: found '${sep.v}', expected: ',' or ')'`,
                );
            } else if (v.t === 'close') {
              values.push('');
              break;
            } else if (v.t === 'comma') {
              values.push('');
            } else
              throw new SelectorError(
                `unable to parse requirement: found '${v.v}', expected: ',', ')' or identifier`,
              );
          }
          values.forEach((v, i) => {
            validateValue(key, v, i);
          });
          reqs.push({ key, op, values });
        } else {
          const v = peek();
          let value = '';
          if (v.t === 'id') {
            next();
            value = v.v;
          } else if (v.t !== 'end' && v.t !== 'comma') {
            throw new SelectorError(`unable to parse requirement: found '${v.v}', expected: identifier`);
          }
          if (op === 'gt' || op === 'lt') {
            if (!/^-?\d+$/.test(value))
              throw new SelectorError(
                `values[0]: Invalid value: ${JSON.stringify(value)}: for 'Gt', 'Lt' operators, the value must be an integer`,
              );
          } else validateValue(key, value, 0);
          reqs.push({ key, op, values: [value] });
        }
      }
    } else {
      throw new SelectorError(`found '${tok.v}', expected: !, identifier, or 'end of string'`);
    }
    tok = next();
    if (tok.t === 'end') break;
    if (tok.t !== 'comma') throw new SelectorError(`found '${tok.v}', expected: ',' or 'end of string'`);
  }
  return reqs;
}

/** Requirement.Matches for every requirement. */
export function selectorMatches(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const val = l[r.key] ?? '';
    switch (r.op) {
      case '=':
      case '==':
      case 'in':
        return has && r.values.includes(val);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(val);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(val)) return false;
        const a = Number(val);
        const b = Number(r.values[0]);
        return r.op === 'gt' ? a > b : a < b;
      }
    }
  });
}
