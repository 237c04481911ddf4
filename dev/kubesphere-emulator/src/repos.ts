// Repo handlers, copied from ks-core release-4.1 pkg/kapis/application/v2/handler_repo.go
// (CreateOrUpdateRepo, DeleteRepo, ManualSync, DescribeRepo, ListRepos) and the index fetch of
// pkg/simple/client/application/helper.go LoadRepoIndex/HelmPull (Helm getter: "failed to fetch %s : %s").
// The repo sync controller (helm_repo_controller.go) is NOT emulated: repos are stored, not synced.

import {
  DisplayNameAnnotationKey,
  StatusManualTrigger,
  SystemWorkspace,
  UploadRepoKey,
  WorkspaceLabelKey,
} from './constants.js';
import { apiNotFound, cacheNotFound, KsError, requestDoneStatus } from './errors.js';
import { goDecode, parseJsonBody, type GoType } from './gojson.js';
import { parseGoYaml } from './chart/goyaml.js';
import { success, toWire, type Ctx, type Reply } from './http.js';
import { defaultList, parseQueryParameter } from './query.js';
import { rulesOf, type ReleaseRules } from './releases.js';
import { clone } from './store.js';
import { repoCredentialType } from './upload.js';
import type { Repo, RepoCredential } from './types.js';
import { validateObjectMeta } from './validation.js';
import type { Deps } from './deps.js';

const str: GoType = { kind: 'string' };
const repoType: GoType = {
  kind: 'struct',
  name: 'Repo',
  fields: {
    metadata: {
      kind: 'struct',
      name: 'ObjectMeta',
      fields: { name: str, labels: { kind: 'map', elem: str }, annotations: { kind: 'map', elem: str } },
    },
    spec: {
      kind: 'struct',
      name: 'RepoSpec',
      fields: {
        url: str,
        credential: repoCredentialType,
        description: str,
        syncPeriod: { kind: 'int' },
      },
    },
  },
};

interface RepoBody {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { url?: string; credential?: RepoCredential; description?: string; syncPeriod?: number };
}

/** url.Parse + the userinfo it carries (Go's url.Parse accepts almost anything; the WHATWG parser is stricter). */
function parseUrl(raw: string): { url: string; username?: string; password?: string } {
  if (raw === '') return { url: '' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new KsError(500, `parse ${JSON.stringify(raw)}: invalid URI for request`);
  }
  const out: { url: string; username?: string; password?: string } = { url: raw };
  if (u.username !== '' || raw.includes('@')) {
    out.username = decodeURIComponent(u.username);
    out.password = decodeURIComponent(u.password);
  }
  return out;
}

/** helper.go LoadRepoIndex: GET <url>/index.yaml (basic auth when both username and password are set). */
async function loadRepoIndex(url: string, cred: RepoCredential): Promise<void> {
  if (url.startsWith('oci://')) throw new KsError(500, 'emulator: OCI repositories are not emulated');
  const indexUrl = url.endsWith('/') ? `${url}index.yaml` : `${url}/index.yaml`;
  const u = new URL(indexUrl);
  const headers: Record<string, string> = {};
  if (cred.username && cred.password)
    headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
  u.username = '';
  u.password = '';
  let res: globalThis.Response;
  try {
    res = await fetch(u, { headers, signal: AbortSignal.timeout(5 * 60 * 1000) });
  } catch (err) {
    throw new KsError(500, `Get ${JSON.stringify(indexUrl)}: ${(err as Error).message}`);
  }
  if (res.status !== 200)
    throw new KsError(500, `failed to fetch ${indexUrl} : ${res.status} ${res.statusText}`);
  const text = await res.text();
  let idx: unknown;
  try {
    idx = parseGoYaml(text);
  } catch (err) {
    throw new KsError(500, (err as Error).message);
  }
  if (idx !== null && (typeof idx !== 'object' || Array.isArray(idx))) {
    throw new KsError(
      500,
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(idx) ? 'array' : typeof idx === 'number' ? 'number' : typeof idx} into Go value of type repo.IndexFile`,
    );
  }
}

/** POST /repos, PATCH /repos/{repo} (+ workspace routes) */
export async function createOrUpdateRepoHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  let body: RepoBody;
  try {
    body = goDecode(parseJsonBody(ctx.body), repoType, 'Repo') ?? {};
  } catch (err) {
    throw requestDoneStatus(err);
  }
  const bodyName = body.metadata?.name ?? '';
  if (bodyName === UploadRepoKey)
    throw new KsError(400, `repo name ${UploadRepoKey} is not allowed`, 'BadRequest');
  const repoId = ctx.params.repo || bodyName;
  const parsed = parseUrl(body.spec?.url ?? '');
  const cred: RepoCredential = { ...(body.spec?.credential ?? {}) };
  if (parsed.username !== undefined) {
    cred.username = parsed.username;
    cred.password = parsed.password ?? '';
  }
  await loadRepoIndex(parsed.url, cred);
  if ((ctx.query.get('validate') ?? '') !== '') return { body: { ok: true } };
  const existing = d.store.repos.get(repoId);
  if (ctx.params.repo) {
    if (!existing) throw cacheNotFound('Repo', repoId);
  } else if (existing) {
    throw new KsError(409, `Repo ${repoId} already exists`, 'Conflict');
  }
  const repo: Repo = existing
    ? clone(existing)
    : {
        metadata: d.store.newMeta(repoId),
        spec: { url: '', credential: {} },
        status: { lastUpdateTime: null },
      };
  // mutateFn: the stored credential only comes from the URL's userinfo (the body's credential is not kept)
  const credential: RepoCredential = {};
  if (parsed.username !== undefined) {
    if (parsed.username) credential.username = parsed.username;
    if (parsed.password) credential.password = parsed.password;
  }
  const description = (body.spec?.description ?? '').slice(0, 512);
  repo.spec = {
    url: parsed.url,
    credential,
    ...(description ? { description } : {}),
    ...syncPeriod(rulesOf(d.cfg.version), body.spec?.syncPeriod),
  };
  repo.metadata.labels = {
    ...(repo.metadata.labels ?? {}),
    [WorkspaceLabelKey]: body.metadata?.labels?.[WorkspaceLabelKey] ?? '',
  };
  repo.metadata.annotations = {
    ...(repo.metadata.annotations ?? {}),
    [DisplayNameAnnotationKey]: body.metadata?.annotations?.[DisplayNameAnnotationKey] ?? '',
  };
  try {
    validateObjectMeta('Repo', repoId, repo.metadata.labels, repo.metadata.annotations);
  } catch (err) {
    throw requestDoneStatus(err);
  }
  if (existing) repo.metadata.resourceVersion = d.store.nextResourceVersion();
  d.store.repos.set(repoId, repo);
  d.persist();
  return { body: { repo_id: repoId } };
}

/**
 * repo_types.go RepoSpec.SyncPeriod: v4.1.3 (bb60d3943) `*int` without omitempty, written as null when
 * unset; before, `int` with omitempty: 0 (or unset) is left out.
 */
function syncPeriod(
  rules: Pick<ReleaseRules, 'syncPeriodPointer'>,
  value: number | undefined,
): { syncPeriod?: number | null } {
  if (rules.syncPeriodPointer) return { syncPeriod: value ?? null };
  return value ? { syncPeriod: value } : {};
}

/** DELETE /repos/{repo} */
export function deleteRepoHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.repo ?? '';
  if (!d.store.repos.delete(id)) throw apiNotFound('repos', id);
  d.persist();
  return success;
}

/** POST /repos/{repo}/action: status.state = manualTrigger */
export function manualSyncHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.repo ?? '';
  const repo = d.store.repos.get(id);
  if (!repo) throw cacheNotFound('Repo', id);
  repo.status.state = StatusManualTrigger;
  repo.metadata.resourceVersion = d.store.nextResourceVersion();
  d.persist();
  return success;
}

/** GET /repos/{repo} */
export function describeRepoHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.repo ?? '';
  const repo = d.store.repos.get(id);
  if (!repo) throw cacheNotFound('Repo', id);
  return { body: toWire('Repo', repo) };
}

/** GET /repos: repos labelled system-workspace or the path's workspace ("" on the global route). */
export function listReposHandler(d: Deps, ctx: Ctx): Reply {
  const workspace = ctx.params.workspace ?? '';
  const filtered = [...d.store.repos.values()].filter((r) =>
    [SystemWorkspace, workspace].includes(r.metadata.labels?.[WorkspaceLabelKey] ?? ''),
  );
  const result = defaultList(filtered, parseQueryParameter(ctx.query, rulesOf(d.cfg.version)));
  return {
    body: { items: result.items?.map((r) => toWire('Repo', r)) ?? null, totalItems: result.totalItems },
  };
}

/** Seeds a repo object directly (options.repos), as if created with kubectl; credentials kept as given. */
export function seedRepo(d: Deps, seed: RepoSeed): void {
  const repo: Repo = {
    metadata: {
      ...d.store.newMeta(seed.name),
      labels: { [WorkspaceLabelKey]: seed.workspace ?? SystemWorkspace },
      annotations: { [DisplayNameAnnotationKey]: seed.aliasName ?? '' },
    },
    spec: {
      url: seed.url,
      credential: seed.credential ?? {},
      ...(seed.description ? { description: seed.description } : {}),
      ...syncPeriod(rulesOf(d.cfg.version), seed.syncPeriod ?? 0),
    },
    status: { lastUpdateTime: null },
  };
  d.store.repos.set(seed.name, repo);
}

export interface RepoSeed {
  name: string;
  url: string;
  workspace?: string;
  aliasName?: string;
  description?: string;
  syncPeriod?: number;
  credential?: RepoCredential;
}
