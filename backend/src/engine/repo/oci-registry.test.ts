import { describe, expect, it } from 'vitest';

import { InputError } from '../errors.js';
import { parseChallenge, parseOciReference } from './oci-registry.js';

describe('parseOciReference', () => {
  it.each([
    [
      'oci://registry.example.com/charts/nginx',
      { registry: 'registry.example.com', repository: 'charts/nginx', chart: 'nginx' },
    ],
    ['oci://127.0.0.1:5000/nginx', { registry: '127.0.0.1:5000', repository: 'nginx', chart: 'nginx' }],
    ['OCI://Reg.Example:443/a/b/c/', { registry: 'reg.example:443', repository: 'a/b/c', chart: 'c' }],
    [
      'oci://r.io/charts/nginx:1.0.0_build.1',
      { registry: 'r.io', repository: 'charts/nginx', chart: 'nginx', tag: '1.0.0_build.1' },
    ],
    [
      'oci://r.io:5000/x/y@sha256:abc',
      { registry: 'r.io:5000', repository: 'x/y', chart: 'y', digest: 'sha256:abc' },
    ],
    ['oci://[::1]:5000/x', { registry: '[::1]:5000', repository: 'x', chart: 'x' }],
  ])('%s', (url, expected) => {
    expect(parseOciReference(url)).toEqual(expected);
  });

  it.each([
    'oci://registry',
    'oci:///x',
    'oci://r.io/UPPER',
    'oci://r.io/a b',
    'https://r.io/x',
    'oci://us:er@r.io/x',
    'oci://r.io/x?y',
  ])('refuses %s', (url) => {
    expect(() => parseOciReference(url)).toThrow(InputError);
  });

  it.each([
    ['oci://registry', 'oci-reference'],
    ['oci://r.io/UPPER', 'oci-path'],
    ['oci://r_io/x', 'oci-host'],
  ])('says why it refuses %s, for the console to say it in its language', (url, why) => {
    let thrown: unknown;
    try {
      parseOciReference(url);
    } catch (error) {
      thrown = error;
    }
    const { detail, message } = thrown as InputError;
    expect(detail).toMatchObject({
      code: 'request-invalid',
      message,
      params: { why, field: 'url', url: `"${url}"` },
    });
  });
});

describe('parseChallenge', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/nginx:pull',
        },
      },
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    [
      'Bearer realm=https://a/t, service=s',
      { scheme: 'bearer', params: { realm: 'https://a/t', service: 's' } },
    ],
    ['Bearer realm="a\\"b"', { scheme: 'bearer', params: { realm: 'a"b' } }],
  ])('%s', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });

  it('returns undefined without a header', () => {
    expect(parseChallenge(undefined)).toBeUndefined();
    expect(parseChallenge('')).toBeUndefined();
  });
});
