// Decoding JSON values into Go structs the way encoding/json does it (Go 1.23, as ks-core release-4.1 builds):
// field names matched exactly, then case-insensitively; unknown fields ignored; `null` leaves the zero value;
// []byte fields are standard base64 (padded, \r\n ignored); type mismatches produce
// `json: cannot unmarshal <json type> into Go struct field <Struct>.<path> of type <go type>`.
// sigs.k8s.io/yaml's extra rule (scalars become strings when the target is a string) is `scalarsToString`.

/** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml uses it to turn a float into a string field. */
export function formatFloat32(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const f = Math.fround(n);
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) === f) {
      const [mant = '', e = '0'] = s.split('e');
      digits = mant.replace('.', '').replace('-', '');
      exp = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = f < 0 ? '-' : '';
  // strconv ftoa.go %g: with the shortest precision the exponent form is used when exp < -4 || exp >= 6
  const eprec = 6;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
    const ee = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ee}`;
  }
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}${frac ? `.${frac}` : ''}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

export type GoType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'bytes' }
  | { kind: 'any' }
  | { kind: 'time' }
  | { kind: 'slice'; elem: GoType; ptr?: boolean }
  | { kind: 'map'; elem: GoType }
  | { kind: 'struct'; name: string; fields: Record<string, GoType> };

export class GoJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJsonError';
  }
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return typeof v;
}

function goTypeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'bytes':
      return '[]uint8';
    case 'any':
      return 'interface {}';
    case 'time':
      return 'time.Time';
    case 'slice':
      return `[]${t.ptr ? '*' : ''}${goTypeName(t.elem)}`;
    case 'map':
      return `map[string]${goTypeName(t.elem)}`;
    case 'struct':
      return t.name;
  }
}

/** base64.StdEncoding.Decode as encoding/json uses it for []byte. */
export function decodeStdBase64(s: string): Buffer {
  let clean = '';
  const positions: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\r' || c === '\n') continue;
    clean += c;
    positions.push(i);
  }
  const bad = (idx: number): never => {
    throw new GoJsonError(`illegal base64 data at input byte ${positions[idx] ?? s.length}`);
  };
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] ?? '';
    if (/[A-Za-z0-9+/]/.test(c)) continue;
    if (c === '=') {
      const rest = clean.slice(i);
      const q = i % 4;
      if (q < 2 || !/^={1,2}$/.test(rest) || (q === 2 && rest !== '==') || (q === 3 && rest !== '=')) bad(i);
      break;
    }
    bad(i);
  }
  if (clean.length % 4 !== 0) bad(clean.length);
  return Buffer.from(clean, 'base64');
}

export interface DecodeOptions {
  scalarsToString?: boolean;
}

function scalarToString(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat32(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

/** Decodes `value` into `type`; returns the decoded value (null for JSON null). */
export function goDecode(
  value: unknown,
  type: GoType,
  rootName: string,
  opts: DecodeOptions = {},
  path = '',
): unknown {
  const fail = (v: unknown): never => {
    const where = path ? `Go struct field ${rootName}.${path}` : 'Go value';
    throw new GoJsonError(`json: cannot unmarshal ${jsonKind(v)} into ${where} of type ${goTypeName(type)}`);
  };
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'any':
      return value;
    case 'string': {
      const s = opts.scalarsToString ? scalarToString(value) : value;
      if (typeof s !== 'string') return fail(value);
      return s;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(value);
      return value;
    case 'bytes':
      if (typeof value !== 'string') return fail(value);
      return decodeStdBase64(value);
    case 'time':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw new GoJsonError(
          `parsing time ${JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value))} as "2006-01-02T15:04:05Z07:00": cannot parse`,
        );
      }
      return value;
    case 'bool':
      if (typeof value !== 'boolean') return fail(value);
      return value;
    case 'slice':
      if (!Array.isArray(value)) return fail(value);
      return value.map((el: unknown) => goDecode(el, type.elem, rootName, opts, path));
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        out[k] = goDecode(v, type.elem, rootName, opts, path);
      return out;
    }
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) return fail(value);
      const out: Record<string, unknown> = {};
      const names = Object.keys(type.fields);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const field = names.find((n) => n === k) ?? names.find((n) => n.toLowerCase() === k.toLowerCase());
        if (!field) continue;
        const ft = type.fields[field];
        if (!ft) continue;
        const decoded = goDecode(v, ft, rootName, opts, path ? `${path}.${field}` : field);
        // JSON null leaves the field at its zero value
        if (decoded !== null) out[field] = decoded;
        else out[field] = undefined;
      }
      return out;
    }
  }
}

/** json.Unmarshal / go-restful ReadEntity of a request body: parse errors in Go's wording (approximately). */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw new GoJsonError('EOF');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const m = /[^\s]/.exec(text);
    const ch = m ? m[0] : '';
    if (!/^[{["\d\-tfn]$/.test(ch))
      throw new GoJsonError(`invalid character '${ch}' looking for beginning of value`);
    throw new GoJsonError('unexpected EOF');
  }
}

/** Go's `json:",omitempty"`-style writer for responses: go-restful writes MarshalIndent(v, "", " ")
 *  (PrettyPrintResponses) and encoding/json escapes <, >, & and U+2028/2029. */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, ' ').replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
