// What the platform endpoints share: what they may read of the emulator, and how they answer
// (go-restful WriteEntity JSON, or net/http Error text from pkg/api/utils.go handle).
import type { EmulatorUser, UserInfo } from '../auth.js';
import type { RoleTemplate } from '../rbac.js';
import type { ExtensionRegistry } from './extensions.js';
import type { KsVersion } from './version.js';

export interface PlatformDeps {
  version: KsVersion;
  /** RBAC: may the user do `verb` on `resource` of `apiGroup` at the global scope (authorizer.Authorize) */
  may(user: UserInfo, verb: string, apiGroup: string, resource: string): boolean;
  openpitrix: boolean;
  users: ReadonlyMap<string, EmulatorUser>;
  templates: ReadonlyMap<string, RoleTemplate>;
  extensions: ExtensionRegistry;
  /** workspaces besides system-workspace (those the store's repos name) */
  workspaces(): string[];
  /** when the emulated cluster was set up: every built-in object's creationTimestamp */
  since: string;
}

export type PlatformReply =
  | { kind: 'json'; status: number; body: unknown }
  /** net/http Error: text/plain, the message and a newline */
  | { kind: 'text'; status: number; body: string };

export const json = (body: unknown, status = 200): PlatformReply => ({ kind: 'json', status, body });
export const text = (body: string, status: number): PlatformReply => ({ kind: 'text', status, body });
