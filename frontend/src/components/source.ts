// The source form's value, what it sends and what is wrong with it. Kept apart from the form
// component so it can be tested without a DOM and shared by the wizard and the syncs form.
import {
  schemaLimits,
  type BundleInfo,
  type ConfiguredRepoRef,
  type SourceRequest,
  type UrlSourceRequest,
} from '../api';
import { asText } from '../i18n';

export interface UrlSourceValue {
  kind: 'url';
  url: string;
  auth: 'none' | 'basic' | 'token';
  username: string;
  password: string;
  token: string;
  caPem: string;
  /** Client certificate and its private key (mutual TLS): both or neither. */
  certPem: string;
  keyPem: string;
  insecureSkipTLSVerify: boolean;
  plainHttp: boolean;
  /** Credentials to other hosts the repository names too (token service, chart URLs). */
  passCredentials: boolean;
}

/**
 * An offline bundle uploaded to the service: its id (kept in the address, not a secret), what the
 * service said of it, and the file while the page holds it (to upload it again when the service
 * no longer has it). An id without `info` came from the address or a past job: the file must be
 * chosen again unless the service still has it.
 */
export interface BundleSourceValue {
  kind: 'bundle';
  id?: string;
  info?: BundleInfo;
  file?: File;
  /** A file is on its way up: the id (if any) is about to be replaced, so nothing may use it yet. */
  uploading?: boolean;
}

export type SourceValue =
  { kind: 'configured'; repo?: ConfiguredRepoRef } | UrlSourceValue | BundleSourceValue;

/** An uploaded bundle's id, as the service gives it (and as an address may carry it). */
export const BUNDLE_ID = new RegExp(schemaLimits.BundleId.pattern);

export const EMPTY_URL_SOURCE: UrlSourceValue = {
  kind: 'url',
  url: '',
  auth: 'none',
  username: '',
  password: '',
  token: '',
  caPem: '',
  certPem: '',
  keyPem: '',
  insecureSkipTLSVerify: false,
  plainHttp: false,
  passCredentials: false,
};

// The service's limits (the contract's UrlSourceRequest): checked here so the form says it first.
const { properties: SOURCE_FIELDS } = schemaLimits.UrlSourceRequest;
const MAX_URL = schemaLimits.RepositoryUrl.maxLength;
const URL_PATTERN = new RegExp(schemaLimits.RepositoryUrl.pattern);
/** The most a pasted or uploaded CA bundle may hold. */
export const MAX_CA_PEM = SOURCE_FIELDS.caPem.maxLength;
export const MAX_CERT_PEM = SOURCE_FIELDS.certPem.maxLength;
export const MAX_KEY_PEM = SOURCE_FIELDS.keyPem.maxLength;

export function isOciUrl(url: string): boolean {
  return url.trim().toLowerCase().startsWith('oci://');
}

/**
 * The repository's base URL when an http(s) URL names its index file (`.../index.yaml`, as people
 * copy it from a browser): Helm appends index.yaml itself, so the file's URL would not read.
 * Undefined when the URL is already a base URL (or an oci:// reference).
 */
export function indexFileBase(raw: string): string | undefined {
  const url = raw.trim();
  const match = /^(https?:\/\/[^?#]+?)\/index\.ya?ml(?=$|[?#])(.*)$/i.exec(url);
  if (match === null) return undefined;
  return `${match[1] ?? ''}${match[2] ?? ''}`;
}

/** The URL sent: the base URL when the index file's was typed. */
export function repositoryUrl(raw: string): string {
  return indexFileBase(raw) ?? raw.trim();
}

/**
 * Whether the source has credentials that could go to other hosts: typed ones, or those a sync
 * keeps in its Secret (`stored`, sent again by nobody: the service uses them for the sync's runs).
 */
export function hasCredentials(value: UrlSourceValue, stored = false): boolean {
  return stored || value.auth !== 'none';
}

/**
 * What the API expects: empty fields left out, credentials only for the chosen kind of auth, and
 * passCredentials only with credentials (`storedCredentials`: a sync's, kept by the service).
 */
export function toSourceRequest(value: SourceValue, storedCredentials = false): SourceRequest {
  if (value.kind === 'configured') {
    if (value.repo === undefined) throw new Error('no configured repository chosen');
    return { repo: value.repo };
  }
  if (value.kind === 'bundle') {
    if (value.id === undefined) throw new Error('no bundle uploaded');
    return { bundle: value.id };
  }
  const request: UrlSourceRequest = { url: repositoryUrl(value.url) };
  if (value.auth === 'basic') {
    request.username = value.username.trim();
    if (value.password !== '') request.password = value.password;
  }
  if (value.auth === 'token') request.token = value.token.trim();
  if (value.caPem.trim() !== '') request.caPem = value.caPem.trim();
  if (value.certPem.trim() !== '') request.certPem = value.certPem.trim();
  if (value.keyPem.trim() !== '') request.keyPem = value.keyPem.trim();
  if (value.insecureSkipTLSVerify) request.insecureSkipTLSVerify = true;
  if (value.plainHttp && isOciUrl(value.url)) request.plainHttp = true;
  if (value.passCredentials && hasCredentials(value, storedCredentials)) request.passCredentials = true;
  return request;
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * The source a form starts with when nothing chose one (no prefill, nothing typed): the
 * repositories configured in KubeSphere when there are some, else a URL.
 */
export function defaultSource(configured: readonly unknown[]): SourceValue {
  return configured.length > 0 ? { kind: 'configured' } : { ...EMPTY_URL_SOURCE };
}

/** What is wrong with a repository URL, localized; undefined when it is usable. */
export function urlProblem(raw: string): string | undefined {
  const url = raw.trim();
  if (url === '') return t('SOURCE_URL_REQUIRED');
  if (!/^(https?|oci):\/\//i.test(url)) return t('SOURCE_URL_SCHEME');
  if (url.length > MAX_URL) return t('SOURCE_TOO_LONG', asText({ field: t('SOURCE_URL'), max: MAX_URL }));
  const authority = url.slice(url.indexOf('//') + 2).split('/')[0] ?? '';
  if (authority.includes('@')) return t('SOURCE_URL_CREDENTIALS');
  // http(s) URLs must also parse; oci:// references are not URLs a browser fully understands.
  if (!URL_PATTERN.test(url) || (!isOciUrl(url) && !parses(url))) return t('SOURCE_URL_INVALID');
  return undefined;
}

function lengthProblem(text: string, field: string, max: number): string | undefined {
  return text.length > max ? t('SOURCE_TOO_LONG', asText({ field, max })) : undefined;
}

/** The first thing to fix before the source can be used, localized; undefined when it is usable. */
export function sourceProblem(value: SourceValue): string | undefined {
  if (value.kind === 'configured') return value.repo === undefined ? t('SOURCE_REPO_REQUIRED') : undefined;
  if (value.kind === 'bundle') {
    if (value.uploading === true) return t('SOURCE_BUNDLE_WAIT');
    return value.id === undefined ? t('SOURCE_BUNDLE_REQUIRED') : undefined;
  }
  const problem = urlProblem(value.url);
  if (problem !== undefined) return problem;
  if (value.auth === 'basic') {
    if (value.username.trim() === '') return t('SOURCE_USERNAME_REQUIRED');
    const tooLong =
      lengthProblem(value.username.trim(), t('SOURCE_USERNAME'), SOURCE_FIELDS.username.maxLength) ??
      lengthProblem(value.password, t('SOURCE_PASSWORD'), SOURCE_FIELDS.password.maxLength);
    if (tooLong !== undefined) return tooLong;
  }
  if (value.auth === 'token') {
    if (value.token.trim() === '') return t('SOURCE_TOKEN_REQUIRED');
    const tooLong = lengthProblem(value.token.trim(), t('SOURCE_TOKEN'), SOURCE_FIELDS.token.maxLength);
    if (tooLong !== undefined) return tooLong;
  }
  const { cert, key } = clientCertificateProblems(value);
  return caProblem(value.caPem) ?? cert ?? key;
}

/**
 * What is wrong with the client certificate and with its key, localized: both or neither, PEM
 * text, the service's limits. Whether the key is the certificate's own is the service's check.
 */
export function clientCertificateProblems(value: Pick<UrlSourceValue, 'certPem' | 'keyPem'>): {
  cert?: string;
  key?: string;
} {
  const cert = value.certPem.trim();
  const key = value.keyPem.trim();
  if (cert === '' && key === '') return {};
  if (cert === '') return { cert: t('SOURCE_CERT_KEY_PAIR') };
  if (key === '') return { key: t('SOURCE_CERT_KEY_PAIR') };
  const problems: { cert?: string; key?: string } = {};
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(cert))
    problems.cert = t('SOURCE_CERT_INVALID');
  else {
    const tooLong = lengthProblem(cert, t('SOURCE_CERT'), MAX_CERT_PEM);
    if (tooLong !== undefined) problems.cert = tooLong;
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(key))
    problems.key = t('SOURCE_KEY_ENCRYPTED');
  else if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----/.test(key))
    problems.key = t('SOURCE_KEY_INVALID');
  else {
    const tooLong = lengthProblem(key, t('SOURCE_KEY'), MAX_KEY_PEM);
    if (tooLong !== undefined) problems.key = tooLong;
  }
  return problems;
}

/** What is wrong with a pasted CA bundle, localized; undefined when empty or usable. */
export function caProblem(pem: string): string | undefined {
  const ca = pem.trim();
  if (ca === '') return undefined;
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) return t('SOURCE_CA_INVALID');
  return lengthProblem(ca, t('SOURCE_CA'), MAX_CA_PEM);
}
