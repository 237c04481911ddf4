import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/components/format';
import {
  defaultSource,
  caProblem,
  clientCertificateProblems,
  EMPTY_URL_SOURCE,
  indexFileBase,
  sourceProblem,
  toSourceRequest,
  urlProblem,
  type UrlSourceValue,
} from '../src/components/source';
import { stubTranslate } from './support/translate';

beforeAll(() => {
  stubTranslate();
});

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const url = (patch: Partial<UrlSourceValue>): UrlSourceValue => ({ ...EMPTY_URL_SOURCE, ...patch });

describe('urlProblem', () => {
  it.each([
    ['https://charts.example.com', undefined],
    ['http://127.0.0.1:8080/charts?x=1', undefined],
    ['oci://registry.example.com/org/chart', undefined],
    ['  https://charts.example.com  ', undefined],
    ['', 'Enter the repository URL.'],
    ['   ', 'Enter the repository URL.'],
    ['ftp://charts.example.com', 'The URL must start with http://, https:// or oci://.'],
    ['charts.example.com', 'The URL must start with http://, https:// or oci://.'],
    ['https://user:pw@charts.example.com', expect.stringContaining('Do not put credentials in the URL')],
    ['https://charts.example.com/a b', expect.stringContaining('not a valid repository URL')],
    ['https://', expect.stringContaining('not a valid repository URL')],
    ['https://exa mple.com', expect.stringContaining('not a valid repository URL')],
  ])('%j -> %j', (input, expected) => {
    expect(urlProblem(input)).toEqual(expected);
  });

  it('refuses a URL longer than the API takes', () => {
    expect(urlProblem(`https://example.com/${'a'.repeat(2048)}`)).toBe(
      `Repository URL is too long: at most ${formatNumber(2048)} characters.`,
    );
  });
});

describe('defaultSource', () => {
  it('is the configured repositories when KubeSphere has some, else a URL', () => {
    expect(
      defaultSource([{ name: 'main', url: 'https://charts.example.com', workspace: 'system-workspace' }]),
    ).toEqual({
      kind: 'configured',
    });
    expect(defaultSource([])).toEqual(EMPTY_URL_SOURCE);
  });
});

describe('sourceProblem', () => {
  it('asks for a configured repository until one is chosen', () => {
    expect(sourceProblem({ kind: 'configured' })).toBe('Select a repository.');
    expect(sourceProblem({ kind: 'configured', repo: { name: 'main' } })).toBeUndefined();
  });

  it('checks the credentials of the chosen kind only', () => {
    const base = url({ url: 'https://charts.example.com', username: '', token: '' });
    expect(sourceProblem(base)).toBeUndefined();
    expect(sourceProblem({ ...base, auth: 'basic' })).toMatch(/^Enter the username/);
    expect(sourceProblem({ ...base, auth: 'basic', username: 'me' })).toBeUndefined();
    expect(sourceProblem({ ...base, auth: 'token' })).toMatch(/^Enter the token/);
    expect(sourceProblem({ ...base, auth: 'token', token: 'abc' })).toBeUndefined();
    expect(sourceProblem({ ...base, auth: 'token', token: 'x'.repeat(16385) })).toBe(
      `Token is too long: at most ${formatNumber(16384)} characters.`,
    );
  });

  it('reports the URL before anything else', () => {
    expect(sourceProblem(url({ url: 'nope', auth: 'basic' }))).toMatch(/^The URL must start/);
  });

  it('wants PEM text as the CA', () => {
    expect(caProblem('')).toBeUndefined();
    expect(caProblem(PEM)).toBeUndefined();
    expect(caProblem('not a cert')).toMatch(/PEM text/);
    expect(sourceProblem(url({ url: 'https://a.example', caPem: 'junk' }))).toMatch(/PEM text/);
  });
});

describe('clientCertificateProblems', () => {
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

  it('wants both or neither', () => {
    expect(clientCertificateProblems({ certPem: '', keyPem: ' ' })).toEqual({});
    expect(clientCertificateProblems({ certPem: PEM, keyPem: KEY })).toEqual({});
    expect(clientCertificateProblems({ certPem: PEM, keyPem: '' }).key).toMatch(/both .* or neither/);
    expect(clientCertificateProblems({ certPem: '', keyPem: KEY }).cert).toMatch(/both .* or neither/);
    expect(sourceProblem(url({ url: 'https://a.example', certPem: PEM }))).toMatch(/both .* or neither/);
  });

  it('wants PEM text, an unencrypted key, and the service limits', () => {
    expect(clientCertificateProblems({ certPem: 'junk', keyPem: KEY }).cert).toMatch(/BEGIN CERTIFICATE/);
    expect(clientCertificateProblems({ certPem: PEM, keyPem: 'junk' }).key).toMatch(/BEGIN PRIVATE KEY/);
    const rsa = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
    expect(clientCertificateProblems({ certPem: PEM, keyPem: rsa })).toEqual({});
    const encrypted = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----';
    expect(clientCertificateProblems({ certPem: PEM, keyPem: encrypted }).key).toMatch(/encrypted/);
    const huge = PEM.replace('MIIB', 'A'.repeat(70_000));
    expect(clientCertificateProblems({ certPem: huge, keyPem: KEY }).cert).toMatch(/too long/);
  });

  it('sends both, trimmed', () => {
    expect(toSourceRequest(url({ url: 'https://a.example', certPem: ` ${PEM}`, keyPem: KEY }))).toEqual({
      url: 'https://a.example',
      certPem: PEM.trim(),
      keyPem: KEY.trim(),
    });
  });
});

describe('toSourceRequest', () => {
  it('sends a configured repository by reference only', () => {
    expect(
      toSourceRequest({ kind: 'configured', repo: { name: 'main', workspace: 'system-workspace' } }),
    ).toEqual({
      repo: { name: 'main', workspace: 'system-workspace' },
    });
    expect(() => toSourceRequest({ kind: 'configured' })).toThrow(/no configured repository/);
  });

  it('leaves out empty fields and the credentials of other kinds', () => {
    const value = url({
      url: ' https://charts.example.com ',
      auth: 'token',
      username: 'left-over',
      password: 'left-over',
      token: ' t0ken ',
    });
    expect(toSourceRequest(value)).toEqual({ url: 'https://charts.example.com', token: 't0ken' });
    expect(toSourceRequest({ ...value, auth: 'basic', password: '' })).toEqual({
      url: 'https://charts.example.com',
      username: 'left-over',
    });
    expect(toSourceRequest({ ...value, auth: 'none' })).toEqual({ url: 'https://charts.example.com' });
  });

  it('sends TLS settings, and plain HTTP for oci:// only', () => {
    const value = url({
      url: 'https://a.example',
      caPem: `  ${PEM}`,
      insecureSkipTLSVerify: true,
      plainHttp: true,
    });
    expect(toSourceRequest(value)).toEqual({
      url: 'https://a.example',
      caPem: PEM.trim(),
      insecureSkipTLSVerify: true,
    });
    expect(toSourceRequest({ ...value, url: 'oci://r.example/c', caPem: '' })).toEqual({
      url: 'oci://r.example/c',
      insecureSkipTLSVerify: true,
      plainHttp: true,
    });
  });

  it('sends passCredentials only when ticked and there are credentials to pass', () => {
    const hub = url({
      url: 'oci://registry-1.docker.io/bitnamicharts',
      auth: 'basic',
      username: 'me',
      password: 'pw',
    });
    expect(toSourceRequest(hub)).toEqual({ url: hub.url, username: 'me', password: 'pw' });
    expect(toSourceRequest({ ...hub, passCredentials: true })).toEqual({
      url: hub.url,
      username: 'me',
      password: 'pw',
      passCredentials: true,
    });
    expect(toSourceRequest({ ...hub, auth: 'token', token: 't', passCredentials: true })).toEqual({
      url: hub.url,
      token: 't',
      passCredentials: true,
    });
    // Ticked, then the credentials removed: the option is hidden and nothing is sent.
    expect(toSourceRequest({ ...hub, auth: 'none', passCredentials: true })).toEqual({ url: hub.url });
    // A sync's credentials stay in its Secret: the option applies to them with none typed.
    expect(toSourceRequest({ ...hub, auth: 'none', passCredentials: true }, true)).toEqual({
      url: hub.url,
      passCredentials: true,
    });
    expect(toSourceRequest({ ...hub, auth: 'none' }, true)).toEqual({ url: hub.url });
  });
});

describe('a URL that names the index file', () => {
  it.each([
    ['https://charts.example.com/stable/index.yaml', 'https://charts.example.com/stable'],
    ['https://charts.example.com/index.yaml', 'https://charts.example.com'],
    [' http://charts.example.com/a/INDEX.YML ', 'http://charts.example.com/a'],
    ['https://charts.example.com/a/index.yaml?token=1', 'https://charts.example.com/a?token=1'],
  ])('%s is read from %s', (typed, base) => {
    expect(indexFileBase(typed)).toBe(base);
    expect(urlProblem(typed)).toBeUndefined();
    expect(toSourceRequest(url({ url: typed }))).toEqual({ url: base });
  });

  it.each([
    'https://charts.example.com/stable',
    'https://charts.example.com/index.yaml-mirror',
    'https://charts.example.com/my-index.yaml',
    'oci://registry.example.com/charts/index.yaml',
  ])('leaves %s as it is', (typed) => {
    expect(indexFileBase(typed)).toBeUndefined();
    expect(toSourceRequest(url({ url: typed }))).toEqual({ url: typed });
  });
});
