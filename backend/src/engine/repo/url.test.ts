import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { RepoError } from '../errors.js';
import { credentialTarget, indexUrlOf, redactUrl, resolveReferenceUrl } from './url.js';

describe('resolveReferenceUrl', () => {
  // The first nine are Helm's own TestResolveReferenceURL (pkg/repo/v1/chartrepo_test.go).
  it.each([
    ['http://localhost:8123/', '/nginx-0.2.0.tgz', 'http://localhost:8123/nginx-0.2.0.tgz'],
    ['http://localhost:8123/charts/', 'nginx-0.2.0.tgz', 'http://localhost:8123/charts/nginx-0.2.0.tgz'],
    ['http://localhost:8123/charts/', '/nginx-0.2.0.tgz', 'http://localhost:8123/nginx-0.2.0.tgz'],
    [
      'http://localhost:8123/charts-with-no-trailing-slash',
      'nginx-0.2.0.tgz',
      'http://localhost:8123/charts-with-no-trailing-slash/nginx-0.2.0.tgz',
    ],
    [
      'http://localhost:8123',
      'https://charts.helm.sh/stable/nginx-0.2.0.tgz',
      'https://charts.helm.sh/stable/nginx-0.2.0.tgz',
    ],
    [
      'http://localhost:8123/charts%2fwith%2fescaped%2fslash',
      'nginx-0.2.0.tgz',
      'http://localhost:8123/charts%2fwith%2fescaped%2fslash/nginx-0.2.0.tgz',
    ],
    [
      'http://localhost:8123/charts%2fwith%2fescaped%2fslash',
      '/nginx-0.2.0.tgz',
      'http://localhost:8123/nginx-0.2.0.tgz',
    ],
    [
      'http://localhost:8123/charts?with=queryparameter',
      'nginx-0.2.0.tgz',
      'http://localhost:8123/charts/nginx-0.2.0.tgz?with=queryparameter',
    ],
    [
      'http://localhost:8123/charts?with=queryparameter',
      '/nginx-0.2.0.tgz',
      'http://localhost:8123/nginx-0.2.0.tgz?with=queryparameter',
    ],
    // Beyond Helm's table, same semantics (Go's url.ResolveReference, then RawQuery = base's).
    ['https://h/a/b/', '../c/x.tgz', 'https://h/a/c/x.tgz'],
    ['https://h/a//', 'x.tgz', 'https://h/a//x.tgz'],
    ['https://h/repo', 'charts/x.tgz?sig=1', 'https://h/repo/charts/x.tgz'],
    ['https://h/repo?t=1', 'charts/x.tgz?sig=2', 'https://h/repo/charts/x.tgz?t=1'],
    ['https://h/repo', '//cdn.example/x.tgz', 'https://cdn.example/x.tgz'],
    ['https://h/repo', 'oci://reg.example/charts/x:1.0.0', 'oci://reg.example/charts/x:1.0.0'],
    ['https://h/repo', 'HTTP://Other/X.tgz', 'HTTP://Other/X.tgz'],
    ['https://h:8443/repo/', 'x y.tgz', 'https://h:8443/repo/x%20y.tgz'],
    ['https://h/repo/', 'x.tgz#frag', 'https://h/repo/x.tgz#frag'],
    ['https://h/repo/', 'dir:x/a.tgz', 'dir:x/a.tgz'],
    ['https://h/repo/', 'a:b/../x.tgz', 'a:b/../x.tgz'],
    ['https://h/repo/', './x:1.tgz', 'https://h/repo/x:1.tgz'],
    ['https://h/repo/', 'ünïcødé-1.0.0.tgz', 'https://h/repo/%C3%BCn%C3%AFc%C3%B8d%C3%A9-1.0.0.tgz'],
  ])('%s + %s -> %s', (base, ref, expected) => {
    expect(resolveReferenceUrl(base, ref)).toBe(expected);
  });

  it('throws RepoError for an unparsable base', () => {
    expect(() => resolveReferenceUrl('not a url', 'x.tgz')).toThrow(RepoError);
  });

  it('never throws anything but RepoError, and returns a parsable URL for relative references', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl()),
        fc.oneof(fc.string(), fc.webPath(), fc.webUrl()),
        (base, ref) => {
          try {
            const out = resolveReferenceUrl(base, ref);
            if (!/^[a-z][a-z0-9+.-]*:/i.test(ref)) expect(() => new URL(out)).not.toThrow();
          } catch (error) {
            expect(error).toBeInstanceOf(RepoError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('indexUrlOf', () => {
  it.each([
    ['https://charts.example.com', 'https://charts.example.com/index.yaml'],
    ['https://charts.example.com/', 'https://charts.example.com/index.yaml'],
    ['https://charts.example.com/stable', 'https://charts.example.com/stable/index.yaml'],
    ['https://charts.example.com/stable/', 'https://charts.example.com/stable/index.yaml'],
    ['https://h/r?token=abc&x=1', 'https://h/r/index.yaml?token=abc&x=1'],
  ])('%s -> %s', (repo, expected) => {
    expect(indexUrlOf(repo)).toBe(expected);
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://user:secret@h/r/index.yaml', 'https://h/r/index.yaml'],
    ['https://h/r/index.yaml?token=secret&b=2', 'https://h/r/index.yaml?token=***&b=***'],
    ['https://h/r#x', 'https://h/r'],
    ['nonsense user:secret@x?tok=1', 'nonsense x'],
    ['http://u:secret@[bad', 'http://[bad'],
    ['https://user:s3cret@exa mple.com/charts', 'https://exa mple.com/charts'],
    ['https://user:s3/secret@[bad/', 'https://[bad/'],
    ['https://user:secret@h@[bad', 'https://[bad'],
    ['user:secret@[bad', '[bad'],
    ['user:secret@host/path', 'host/path'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
    expect(redactUrl(input)).not.toContain('secret');
  });
});

describe('credentialTarget', () => {
  it.each([
    ['https://reg.example', 'https://reg.example/token', 'same-origin'],
    ['https://reg.example', 'https://reg.example:443/token', 'same-origin'],
    ['https://reg.example', 'https://reg.example:8443/token', 'other-origin'],
    ['https://reg.example', 'https://auth.example/token', 'other-origin'],
    ['https://reg.example', 'http://reg.example/token', 'plain-http'],
    ['https://reg.example', 'http://auth.example/token', 'plain-http'],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000/token', 'same-origin'],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5001/token', 'other-origin'],
    ['http://reg.example', 'https://reg.example/token', 'other-origin'],
  ] as const)('%s, credentials to %s: %s', (home, target, expected) => {
    expect(credentialTarget(new URL(home), new URL(target))).toBe(expected);
  });
});
