// The workspaces of KubeSphere, read as the caller from ks-core's tenant API
// (pkg/kapis/tenant/v1beta1/handler.go, pkg/models/tenant/tenant.go):
//   GET /workspacetemplates         ListWorkspaceTemplates: every workspace to who may `list`
//                                   `workspaces` globally, else those of the caller's
//                                   WorkspaceRoleBindings (a member sees their own)
//   GET /workspacetemplates/{name}  DescribeWorkspaceTemplate: any workspace by name, 404 when none
// Every signed-in user may call both: the `authenticated` GlobalRole's rego policy allows get/list
// on tenant.kubesphere.io (config/ks-core/templates/globalroles.yaml). An import's target is
// checked here, once, for the CLI and the service alike, before anything is read or written.
import { say } from '../messages/index.js';
import { InputError, StoreError } from '../errors.js';
import type { KubeSphereApi } from './api.js';
import { ANNOTATION_ALIAS, SYSTEM_WORKSPACE } from './kubesphere-keys.js';
import type { StoreWorkspace } from './types.js';

export const TENANT_API_PATH = '/kapis/tenant.kubesphere.io/v1beta1';

/** How many names an "unknown workspace" error lists. */
const NAMES_SHOWN = 20;

interface WorkspaceTemplateList {
  items?: { metadata?: { name?: string; annotations?: Record<string, string> } }[] | null;
}

/** The workspaces the token may see, by name, without system-workspace. */
export async function listWorkspaces(api: KubeSphereApi, signal?: AbortSignal): Promise<StoreWorkspace[]> {
  const list = await api.call<WorkspaceTemplateList>(
    { method: 'GET', path: `${TENANT_API_PATH}/workspacetemplates`, fromServerRoot: true },
    signal,
  );
  return (list.items ?? [])
    .map((item) => {
      const name = item.metadata?.name ?? '';
      return { name, displayName: item.metadata?.annotations?.[ANNOTATION_ALIAS] || name };
    })
    .filter((workspace) => workspace.name !== '' && workspace.name !== SYSTEM_WORKSPACE)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * How the check of a target workspace ended: it exists, or it cannot be told (the token may not
 * read workspaces: 403), so KubeSphere's App Store RBAC in that workspace is all that decides.
 */
export type WorkspaceCheck = 'found' | 'unverifiable';

/**
 * Resolves when `workspace` exists; throws InputError naming it, and the workspaces the token may
 * see, when it does not. Other failures (401, unreachable) throw their StoreError.
 */
export async function checkWorkspace(
  api: KubeSphereApi,
  workspace: string,
  signal?: AbortSignal,
): Promise<WorkspaceCheck> {
  try {
    await api.call(
      {
        method: 'GET',
        path: `${TENANT_API_PATH}/workspacetemplates/${encodeURIComponent(workspace)}`,
        fromServerRoot: true,
      },
      signal,
    );
    return 'found';
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    // 403: the token may not read the tenant API. A 404 of no route at all (`404 page not found`,
    // a server without the tenant API) says nothing of the workspace either.
    if (error.status === 403 || (error.status === 404 && /page not found/i.test(error.message)))
      return 'unverifiable';
    if (error.status !== 404) throw error;
  }
  throw new InputError(
    say('workspace-unknown', { workspace, problem: await unknownWorkspaceMessage(api, workspace, signal) }),
  );
}

async function unknownWorkspaceMessage(
  api: KubeSphereApi,
  workspace: string,
  signal?: AbortSignal,
): Promise<string> {
  const what = `workspace ${JSON.stringify(workspace)} does not exist in KubeSphere, or you cannot see it`;
  const global = 'or import into the global App Store (no workspace)';
  // The list only helps to say what to pick: when it cannot be read, the console can.
  const names = await listWorkspaces(api, signal).then(
    (workspaces) => workspaces.map((w) => w.name),
    () => undefined,
  );
  if (names === undefined)
    return `${what}: pick one of the workspaces listed in the KubeSphere console (Workspaces), ${global}`;
  if (names.length === 0)
    return `${what}: you can see no workspace (ask a workspace administrator to invite you), ${global}`;
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const more = names.length > NAMES_SHOWN ? ` and ${String(names.length - NAMES_SHOWN)} more` : '';
  return `${what}: pick one of the workspaces you can see (${shown}${more}), ${global}`;
}
