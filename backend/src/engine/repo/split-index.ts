// Splits a large index into one piece per chart, working on the UTF-8 bytes, so that each
// chart is decoded, parsed, picked and dropped in turn: neither the whole text as a string nor
// the whole document tree ever exists at once. Only the usual machine-written layouts are
// split; anything unusual returns undefined and the caller parses the whole document instead,
// which is always correct. Structure characters are ASCII, so byte offsets never cut a
// multi-byte character.

/** The parts of an index: the text outside `entries`, and each chart. */
export interface SplitIndex {
  /** A document holding every top-level key except `entries` (apiVersion, generated...). */
  rest: string;
  /** Byte ranges. JSON: the chart name and its list. YAML: the piece starts with `<name>:`. */
  charts: { name?: string; start: number; end: number }[];
  format: 'yaml' | 'json';
}

/** Splits only documents this large; smaller ones parse whole fast enough. */
export const SPLIT_MIN_BYTES = 256 * 1024;

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const DASH = 0x2d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function startsLine(bytes: Buffer, position: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[position + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * YAML as `helm repo index` (go-yaml) writes it: `entries:` alone on a line at column 0, each
 * chart a key at one fixed indentation, everything of the chart indented more (its `- `
 * sequence may sit at the key's indentation).
 */
export function splitYamlIndex(bytes: Buffer): SplitIndex | undefined {
  let start = -1;
  let indent = -1;
  const starts: number[] = [];
  let end = bytes.length;
  let inEntries = false;
  for (let position = 0; position < bytes.length;) {
    let next = bytes.indexOf(NL, position);
    if (next === -1) next = bytes.length;
    const c = bytes[position];
    if (startsLine(bytes, position, '---') || startsLine(bytes, position, '...')) return undefined;
    if (!inEntries) {
      if (startsLine(bytes, position, 'entries:')) {
        let i = position + 8;
        while (bytes[i] === SPACE || bytes[i] === TAB) i++;
        if (i < next && bytes[i] !== CR && bytes[i] !== HASH) return undefined; // flow style
        if (start !== -1) return undefined; // twice
        start = position;
        inEntries = true;
      }
    } else if (c === SPACE) {
      let spaces = 0;
      while (bytes[position + spaces] === SPACE) spaces++;
      const first = bytes[position + spaces];
      const blank = position + spaces >= next || first === CR || first === HASH;
      if (!blank) {
        if (indent === -1) indent = spaces;
        if (spaces < indent) return undefined;
        const second = bytes[position + spaces + 1];
        const sequenceItem = first === DASH && (second === SPACE || second === NL || second === CR);
        if (spaces === indent && !sequenceItem) starts.push(position);
        else if (starts.length === 0) return undefined;
      }
    } else if (c === TAB) {
      return undefined;
    } else if (c !== NL && c !== CR && c !== HASH) {
      end = position; // the next top-level key: entries end here
      inEntries = false;
    }
    position = next + 1;
  }
  if (start === -1 || starts.length === 0) return undefined;
  const charts = starts.map((from, i) => ({ start: from, end: starts[i + 1] ?? end }));
  const rest = bytes.toString('utf8', 0, start) + bytes.toString('utf8', end);
  return { rest, charts, format: 'yaml' };
}

function isSpace(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === NL || byte === CR;
}

class JsonScanner {
  position = 0;
  constructor(readonly bytes: Buffer) {}

  skipSpace(): void {
    while (isSpace(this.bytes[this.position])) this.position++;
  }

  expect(code: number): boolean {
    this.skipSpace();
    if (this.bytes[this.position] !== code) return false;
    this.position++;
    return true;
  }

  /** End of the string whose opening quote is at `from`, or -1. */
  stringEnd(from: number): number {
    let i = from + 1;
    for (;;) {
      const quote = this.bytes.indexOf(QUOTE, i);
      if (quote === -1) return -1;
      let backslashes = 0;
      while (this.bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      i = quote + 1;
    }
  }

  /** Skips one value, returning [start, end) or undefined when malformed. */
  value(): [number, number] | undefined {
    this.skipSpace();
    const start = this.position;
    const c = this.bytes[start];
    if (c === QUOTE) {
      const end = this.stringEnd(start);
      if (end === -1) return undefined;
      this.position = end;
      return [start, end];
    }
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      let i = start;
      while (i < this.bytes.length) {
        const d = this.bytes[i];
        if (d === QUOTE) {
          i = this.stringEnd(i);
          if (i === -1) return undefined;
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) {
          depth--;
          if (depth === 0) {
            this.position = i + 1;
            return [start, i + 1];
          }
        }
        i++;
      }
      return undefined;
    }
    let i = start;
    for (; i < this.bytes.length; i++) {
      const d = this.bytes[i];
      if (isSpace(d) || d === 0x2c || d === 0x7d || d === 0x5d) break;
    }
    if (i === start) return undefined;
    this.position = i;
    return [start, i];
  }

  /** Members of the object at `position`: yields [key, valueStart, valueEnd]; returns validity. */
  *members(): Generator<[string, number, number], boolean> {
    if (!this.expect(0x7b)) return false;
    if (this.expect(0x7d)) return true;
    for (;;) {
      this.skipSpace();
      const keyStart = this.position;
      if (this.bytes[keyStart] !== QUOTE) return false;
      const keyEnd = this.stringEnd(keyStart);
      if (keyEnd === -1) return false;
      this.position = keyEnd;
      let key: unknown;
      try {
        key = JSON.parse(this.bytes.toString('utf8', keyStart, keyEnd));
      } catch {
        return false;
      }
      if (!this.expect(0x3a)) return false;
      const span = this.value();
      if (span === undefined || typeof key !== 'string') return false;
      yield [key, span[0], span[1]];
      if (this.expect(0x2c)) continue;
      return this.expect(0x7d);
    }
  }
}

/**
 * JSON: splits `entries` into one list per chart after a structural scan (strings, nesting,
 * separators). Each piece and the rest are then checked by JSON.parse.
 */
export function splitJsonIndex(bytes: Buffer): SplitIndex | undefined {
  const scanner = new JsonScanner(bytes);
  const rest: string[] = [];
  const charts: { name: string; start: number; end: number }[] = [];
  let sawEntries = false;
  const top = scanner.members();
  for (let step = top.next(); ; step = top.next()) {
    if (step.done === true) {
      if (!step.value) return undefined;
      break;
    }
    const [key, valueStart, valueEnd] = step.value;
    if (key !== 'entries' || bytes[valueStart] !== 0x7b) {
      rest.push(`${JSON.stringify(key)}:${bytes.toString('utf8', valueStart, valueEnd)}`);
      continue;
    }
    if (sawEntries) return undefined;
    sawEntries = true;
    const inner = new JsonScanner(bytes);
    inner.position = valueStart;
    const members = inner.members();
    for (let m = members.next(); ; m = members.next()) {
      if (m.done === true) {
        if (!m.value || inner.position !== valueEnd) return undefined;
        break;
      }
      const [name, start, end] = m.value;
      charts.push({ name, start, end });
    }
  }
  scanner.skipSpace();
  if (scanner.position !== bytes.length || !sawEntries) return undefined;
  return { rest: `{${rest.join(',')}}`, charts, format: 'json' };
}
