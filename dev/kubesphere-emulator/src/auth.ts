// Authentication, authorization and the OAuth token endpoint, following ks-core release-4.1:
//   pkg/apiserver/apiserver.go (buildHandlerChain): union of anonymous, basic and bearer authenticators;
//     excluded paths /oauth/* etc.; RBAC authorizer otherwise
//   pkg/apiserver/authentication/request/anonymous/anonymous.go: no Authorization header -> "system:anonymous"
//   pkg/apiserver/authentication/request/bearertoken/bearertoken.go: "invalid bearer token" default error
//   pkg/apiserver/authentication/token/issuer.go Verify (golang-jwt v4 errors, "jwt: token is expired by ...")
//   pkg/models/auth/token.go Verify: "token not found in cache"
//   pkg/apiserver/filters/authentication.go: 401 metav1.Status (apierrors.NewUnauthorized)
//   pkg/apiserver/filters/authorization.go + k8s.io/apiserver responsewriters.Forbidden/forbiddenMessage: 403 Status
//   pkg/apiserver/authorization/path/path.go, union/union.go, rbac/rbac.go (rule evaluation: rbac.ts)
//   pkg/kapis/oauth/handler.go token/passwordGrant/issueTokenTo; pkg/apiserver/authentication/oauth/error.go

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_GROUP } from './constants.js';
import { aggregateRules, ruleAllows, type PolicyRule, type RoleTemplate } from './rbac.js';
import {
  ANONYMOUS_RULES,
  AUTHENTICATED_RULES,
  authenticatedRegoAllows,
  PLATFORM_ADMIN_RULES,
} from './platform/roles.js';
import { DEFAULT_KS_VERSION, excludedPaths, type KsVersion } from './platform/version.js';
import type { RequestInfo } from './requestinfo.js';

export type Role = 'platform-admin' | 'viewer';

export interface EmulatorUser {
  username: string;
  password: string;
  /** platform-admin may do everything; viewer may read the App Store (plus its role templates). */
  role: Role;
  /**
   * names of the RoleTemplates its GlobalRole aggregates (aggregationRoleTemplates.templateNames);
   * their rules come from the emulator's `roleTemplates` option
   */
  roleTemplates?: string[];
  /** static tokens that authenticate as this user (never expire) */
  tokens?: string[];
  /**
   * the name of its GlobalRole (the User's `iam.kubesphere.io/globalrole` annotation); default
   * platform-admin for that role, else none
   */
  globalRole?: string;
  /** spec.lang: the console's language for this user */
  lang?: string;
  /**
   * its WorkspaceRoleBindings: workspace -> the bound WorkspaceRole (e.g. `team-a-admin`); what
   * tenant.go ListWorkspaceTemplates lists to a user who may not list every workspace
   */
  workspaceRoles?: Record<string, string>;
}

export interface UserInfo {
  name: string;
  role: Role | 'anonymous';
  /** the role templates the user's global role aggregates */
  roleTemplates: readonly string[];
}

function userInfo(u: EmulatorUser): UserInfo {
  return { name: u.username, role: u.role, roleTemplates: u.roleTemplates ?? [] };
}

export interface K8sStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

export class AuthFailure extends Error {
  constructor(
    readonly body: K8sStatus | OAuthError,
    readonly status: number,
  ) {
    super(typeof (body as K8sStatus).message === 'string' ? (body as K8sStatus).message : 'oauth error');
    this.name = 'AuthFailure';
  }
}

export interface OAuthError {
  error: string;
  error_description?: string;
}

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

/** Go time.Duration String() for the "token is expired by" message. */
function goDuration(ms: number): string {
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds - h * 3600 - m * 60;
  const sText = `${Number(s.toFixed(9))}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}

interface IssuedToken {
  username: string;
  expiresAt: number;
}

export class Authenticator {
  private readonly secret = randomBytes(32);
  private readonly issued = new Map<string, IssuedToken>();
  private readonly staticTokens = new Map<string, string>();
  readonly users = new Map<string, EmulatorUser>();
  /** kubesphere-config authentication.issuer.accessTokenMaxAge (chart default 2h) */
  accessTokenMaxAgeSeconds = 7200;
  /** accessTokenInactivityTimeout (0 by default) */
  accessTokenInactivityTimeoutSeconds = 0;

  constructor(users: EmulatorUser[]) {
    for (const u of users) {
      this.users.set(u.username, u);
      for (const t of u.tokens ?? []) this.staticTokens.set(t, u.username);
    }
  }

  /** token.issuer IssueTo: HS256 JWT with username/token_type claims; cached until it expires. */
  issue(username: string, tokenType: 'access_token' | 'refresh_token', expiresInSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      username,
      token_type: tokenType,
      iat: now,
      sub: username,
      iss: 'kubesphere',
    };
    if (expiresInSeconds !== 0) claims.exp = now + expiresInSeconds;
    claims.jti = randomBytes(6).toString('hex');
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(claims));
    const sig = b64url(createHmac('sha256', this.secret).update(`${head}.${body}`).digest());
    const token = `${head}.${body}.${sig}`;
    this.issued.set(token, {
      username,
      expiresAt: expiresInSeconds !== 0 ? (now + expiresInSeconds) * 1000 : Infinity,
    });
    return token;
  }

  /** tokenOperator.Verify */
  private verify(token: string): string {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('token contains an invalid number of segments');
    const [head = '', body = '', sig = ''] = parts;
    let claims: { username?: string; exp?: number };
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
      if (header.alg !== 'HS256' && header.alg !== 'RS256')
        throw new Error(`signing method ${header.alg ?? ''} is invalid`);
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        username?: string;
        exp?: number;
      };
    } catch (err) {
      throw new Error(
        err instanceof Error && err.message.startsWith('signing method')
          ? err.message
          : 'invalid character looking for beginning of value',
      );
    }
    const expected = createHmac('sha256', this.secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Error('signature is invalid');
    const now = Date.now();
    if (typeof claims.exp === 'number' && claims.exp * 1000 < now) {
      throw new Error(`jwt: token is expired by ${goDuration(now - claims.exp * 1000)}`);
    }
    // accessTokenMaxAge != 0: tokens must still be in the token cache
    const cached = this.issued.get(token);
    if (!cached || cached.expiresAt < now) throw new Error('token not found in cache');
    return cached.username;
  }

  /** The union authenticator + filters/authentication.go. Returns the user, or throws a 401 Status. */
  authenticate(authorization: string | undefined): UserInfo {
    const auth = (authorization ?? '').trim();
    if (auth === '') return { name: 'system:anonymous', role: 'anonymous', roleTemplates: [] };
    const parts = auth.split(' ');
    const scheme = (parts[0] ?? '').toLowerCase();
    let err: string | null = null;
    if (scheme === 'basic' && parts.length >= 2) {
      // basictoken + basic.NewBasicAuthenticator -> passwordAuthenticator
      const decoded = Buffer.from(parts[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        const u = this.users.get(decoded.slice(0, colon));
        if (u && u.password === decoded.slice(colon + 1)) return userInfo(u);
        err = 'incorrect password';
      }
    } else if (scheme === 'bearer' && parts.length >= 2 && (parts[1] ?? '') !== '') {
      const token = parts[1] ?? '';
      const staticUser = this.staticTokens.get(token);
      if (staticUser) {
        const u = this.users.get(staticUser);
        if (u) return userInfo(u);
      }
      try {
        const name = this.verify(token);
        const u = this.users.get(name);
        // jwt.go AuthenticateToken: the User must exist (cache Get)
        if (!u) throw new Error(`User.iam.kubesphere.io "${name}" not found`);
        return userInfo(u);
      } catch (e) {
        err = (e as Error).message;
      }
    }
    throw unauthorized(err ?? 'The request cannot be authenticated.');
  }

  /** pkg/kapis/oauth/handler.go token (+ passwordGrant, issueTokenTo). Form fields already parsed. */
  tokenEndpoint(form: URLSearchParams): { status: number; body: unknown } {
    const clientId = form.get('client_id') ?? '';
    const clientSecret = form.get('client_secret') ?? '';
    const grantType = form.get('grant_type') ?? '';
    // the built-in "kubesphere" OAuth client (secret "kubesphere", trusted)
    if (clientId !== 'kubesphere') {
      return {
        status: 400,
        body: {
          error: 'invalid_client',
          error_description: 'The provided client_id is invalid or does not exist.',
        },
      };
    }
    if (clientSecret !== 'kubesphere') {
      return {
        status: 401,
        body: { error: 'unauthorized_client', error_description: 'Invalid client credential.' },
      };
    }
    if (grantType === 'password') {
      const u = this.users.get(form.get('username') ?? '');
      if (!u || u.password !== (form.get('password') ?? '')) {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Invalid username or password.' },
        };
      }
      return { status: 200, body: this.issueTokenTo(u.username) };
    }
    if (grantType === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      let name: string;
      try {
        name = this.verify(rt);
      } catch {
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' },
        };
      }
      return { status: 200, body: this.issueTokenTo(name) };
    }
    return {
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description: 'The provided grant_type is not supported.',
      },
    };
  }

  private issueTokenTo(username: string): {
    access_token: string;
    token_type: string;
    refresh_token: string;
    expires_in: number;
  } {
    const accessToken = this.issue(username, 'access_token', this.accessTokenMaxAgeSeconds);
    const refreshToken = this.issue(
      username,
      'refresh_token',
      this.accessTokenMaxAgeSeconds + this.accessTokenInactivityTimeoutSeconds,
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      refresh_token: refreshToken,
      expires_in: this.accessTokenMaxAgeSeconds,
    };
  }
}

export function unauthorized(message: string): AuthFailure {
  return new AuthFailure(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Unauthorized',
      code: 401,
    },
    401,
  );
}

/**
 * The rules of each role of the emulator's users. platform-admin is ks-core's (globalroles.yaml:
 * everything). The viewer stands for a role an admin would make to let a user read the App Store
 * (the emulator's own API group); what else it may do comes from its role templates.
 */
const ROLE_RULES: Record<Role, readonly PolicyRule[]> = {
  'platform-admin': PLATFORM_ADMIN_RULES,
  viewer: [{ apiGroups: [API_GROUP], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
};

/** path.go: an exact path, or a prefix when the pattern ends in `*`. */
function pathExcluded(path: string, version: KsVersion): boolean {
  return excludedPaths(version).some((pattern) =>
    pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern,
  );
}

/**
 * The union authorizer of apiserver.go: the excluded paths (path authorizer), then RBAC over the
 * user's global roles: `anonymous` for a request without a user, `authenticated` (its rules and its
 * rego policy) for every signed-in user, plus the user's own role and the templates it aggregates.
 */
export function authorize(
  user: UserInfo,
  info: RequestInfo,
  templates: ReadonlyMap<string, RoleTemplate>,
  version: KsVersion = DEFAULT_KS_VERSION,
): boolean {
  if (pathExcluded(info.path, version)) return true;
  if (user.role === 'anonymous') return ANONYMOUS_RULES.some((rule) => ruleAllows(info, rule));
  if (AUTHENTICATED_RULES.some((rule) => ruleAllows(info, rule))) return true;
  if (authenticatedRegoAllows(user.name, info)) return true;
  const rules = [...ROLE_RULES[user.role], ...aggregateRules(templates, user.roleTemplates)];
  return rules.some((rule) => ruleAllows(info, rule));
}

/** responsewriters.Forbidden + forbiddenMessage + apierrors.NewForbidden */
export function forbidden(user: UserInfo, info: RequestInfo): AuthFailure {
  let msg: string;
  if (!info.isResourceRequest) {
    msg = `User ${JSON.stringify(user.name)} cannot ${info.verb} path ${JSON.stringify(info.path)}`;
  } else {
    const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
    msg = info.namespace
      ? `User ${JSON.stringify(user.name)} cannot ${info.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(info.apiGroup)} in the namespace ${JSON.stringify(info.namespace)}`
      : `User ${JSON.stringify(user.name)} cannot ${info.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(info.apiGroup)} at the cluster scope`;
  }
  msg = msg.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const qualified =
    info.resource === '' && info.apiGroup === ''
      ? ''
      : info.apiGroup
        ? `${info.resource}.${info.apiGroup}`
        : info.resource;
  let message: string;
  if (qualified === '') message = `forbidden: ${msg}`;
  else if (info.name === '') message = `${qualified} is forbidden: ${msg}`;
  else message = `${qualified} ${JSON.stringify(info.name)} is forbidden: ${msg}`;
  const details: K8sStatus['details'] = {};
  if (info.name) details.name = info.name;
  if (info.apiGroup) details.group = info.apiGroup;
  if (info.resource) details.kind = info.resource;
  return new AuthFailure(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Forbidden',
      details,
      code: 403,
    },
    403,
  );
}
