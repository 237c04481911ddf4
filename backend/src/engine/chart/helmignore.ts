// A chart's .helmignore, with Helm's semantics (helm pkg/ignore/rules.go), which are not
// gitignore's: patterns are Go filepath.Match globs, `**` is an error, a pattern without a slash
// matches the base name, one with a slash the whole path, `dir/` only directories, and a
// negated pattern ignores everything it does not match. Helm's loader (LoadDir) skips a whole
// directory when the directory itself is ignored.

interface Pattern {
  regex: RegExp;
  negate: boolean;
  mustDir: boolean;
  /** Match the base name rather than the whole path. */
  base: boolean;
}

export interface HelmIgnore {
  /** True when Helm would leave `path` (relative to the chart, `/`-separated) out of a package. */
  ignores(path: string, isDir: boolean): boolean;
}

/** Parses .helmignore; undefined when Helm itself would refuse it (then nothing is ignored). */
export function parseHelmIgnore(source: string): HelmIgnore | undefined {
  const patterns: Pattern[] = [];
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  for (const line of lines) {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) continue;
    if (rule.includes('**')) return undefined;
    if (globToRegExp(rule) === undefined) return undefined;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    const anchored = rule.startsWith('/');
    if (anchored) rule = rule.slice(1);
    const regex = globToRegExp(rule);
    if (regex === undefined) return undefined;
    patterns.push({ regex, negate, mustDir, base: !anchored && !rule.includes('/') });
  }
  return {
    ignores(path: string, isDir: boolean): boolean {
      const segments = path.split('/');
      for (let i = 1; i < segments.length; i += 1) {
        if (ignoredByRules(patterns, segments.slice(0, i).join('/'), true)) return true;
      }
      return ignoredByRules(patterns, path, isDir);
    },
  };
}

/** rules.go Ignore, verbatim in behaviour (including its treatment of negation). */
function ignoredByRules(patterns: Pattern[], path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const pattern of patterns) {
    const subject = pattern.base ? path.slice(path.lastIndexOf('/') + 1) : path;
    const matched = pattern.regex.test(subject);
    if (pattern.negate) {
      if (pattern.mustDir && !isDir) return true;
      if (!matched) return true;
      continue;
    }
    if (pattern.mustDir && !isDir) continue;
    if (matched) return true;
  }
  return false;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeChar(char: string): string {
  return char.replace(REGEX_SPECIAL, '\\$&');
}

function escapeClassChar(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}

/** Go's filepath.Match pattern as a RegExp; undefined when Go reports ErrBadPattern. */
export function globToRegExp(glob: string): RegExp | undefined {
  // Go matches runes, so the pattern is read by code point, not by grapheme.
  const chars = Array.from(glob);
  let out = '^';
  let i = 0;
  // A class member: a character, or an escaped one; '-' and ']' must be escaped (Go's getEsc).
  const classChar = (): string | undefined => {
    let char = chars[i];
    if (char === undefined || char === '-' || char === ']') return undefined;
    if (char === '\\') {
      i += 1;
      char = chars[i];
      if (char === undefined) return undefined;
    }
    i += 1;
    return i >= chars.length ? undefined : char;
  };
  while (i < chars.length) {
    const char = chars[i] ?? '';
    if (char === '*') {
      out += '[^/]*';
      i += 1;
    } else if (char === '?') {
      out += '[^/]';
      i += 1;
    } else if (char === '\\') {
      const next = chars[i + 1];
      if (next === undefined) return undefined;
      out += escapeChar(next);
      i += 2;
    } else if (char === '[') {
      i += 1;
      const negated = chars[i] === '^';
      if (negated) i += 1;
      const ranges: string[] = [];
      let count = 0;
      for (;;) {
        if (chars[i] === ']' && count > 0) {
          i += 1;
          break;
        }
        const lo = classChar();
        if (lo === undefined) return undefined;
        let hi = lo;
        if (chars[i] === '-') {
          i += 1;
          const end = classChar();
          if (end === undefined) return undefined;
          hi = end;
        }
        count += 1;
        // Go never matches a range whose ends are reversed; a RegExp would not compile.
        if ((lo.codePointAt(0) ?? 0) > (hi.codePointAt(0) ?? 0)) continue;
        ranges.push(lo === hi ? escapeClassChar(lo) : `${escapeClassChar(lo)}-${escapeClassChar(hi)}`);
      }
      const set = ranges.join('');
      if (negated) out += `[^/${set}]`;
      else out += set === '' ? '(?!)' : `(?:(?!/)[${set}])`;
    } else {
      out += escapeChar(char);
      i += 1;
    }
  }
  return new RegExp(`${out}$`, 'u');
}
