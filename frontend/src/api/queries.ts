// The page's server state through react-query, as the console's own pages keep theirs (ks-console
// shares its react-query 3 with extensions): query keys, reads, and writes with the reads they make
// stale. The request functions stay in the resource modules; this file only says how React uses them.
import {
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from 'react-query';
import { reviewAccess } from './access';
import { getBundleLimits, type BundleLimits } from './bundles';
import { listCategories, type StoreCategory } from './categories';
import { getChartDetails, type ChartDetails, type ChartDetailsRequest } from './details';
import { ApiError, toApiError, type ApiErrorReason } from './errors';
import { cancelJob, createJob, getJob, listJobs, type ListJobsQuery } from './jobs';
import { createPreview, type PreviewRequest, type RepoPreview } from './previews';
import { listRepos, type ConfiguredRepo } from './repos';
import { createSync, deleteSync, getSync, listSyncs, runSync, updateSync, type SyncRecord } from './syncs';
import { isTerminalPhase, type JobRecord } from './types';
import { listWorkspaces, type WorkspaceItem } from './workspaces';

/** Every key starts with the extension's name: the console's client holds the console's queries too. */
const ROOT = 'store-importer';

export const queryKeys = {
  /** Every repos query; one per workspace whose repositories it adds to the global ones. */
  repos: [ROOT, 'repos'],
  repoList: (workspace: string | undefined) => [ROOT, 'repos', workspace ?? null],
  workspaces: [ROOT, 'workspaces'],
  /** Whether the caller may manage the App Store of a workspace (null: the global store). */
  access: (workspace: string | undefined) => [ROOT, 'access', workspace ?? null],
  categories: [ROOT, 'categories'],
  bundleLimits: [ROOT, 'bundles', 'limits'],
  /** Every job query: lists and single jobs. */
  jobs: [ROOT, 'jobs'],
  jobList: (query: ListJobsQuery) => [ROOT, 'jobs', 'list', query],
  job: (id: string) => [ROOT, 'jobs', 'one', id],
  /** Every sync query: the list and single syncs. */
  syncs: [ROOT, 'syncs'],
  syncList: [ROOT, 'syncs', 'list'],
  sync: (name: string) => [ROOT, 'syncs', 'one', name],
  /** `attempt` tells one click of Preview from the next on the same source: each reads the repository anew. */
  preview: (request: PreviewRequest | undefined, attempt: number) => [
    ROOT,
    'previews',
    request ?? null,
    attempt,
  ],
  /** One chart version's details: the source (credentials included), chart and version. */
  chartDetails: (request: ChartDetailsRequest | undefined) => [ROOT, 'chart-details', request ?? null],
} as const;

/**
 * The page's own read defaults, whatever the console's client says (4.1.1 sets the same): a
 * failure shows at once with its retry button, and coming back to the tab reads nothing again.
 */
const READS = { retry: false, refetchOnWindowFocus: false } as const;

/** While a job of the list runs, the list reads itself again this often. */
export const JOBS_REFRESH_MS = 5_000;
/** After a failed re-read of a job already on screen, how long before the next try. */
export const JOB_RETRY_MS = 5_000;

type Read<T> = UseQueryOptions<T, ApiError>;

/** A running job makes the list of jobs refresh itself. */
export function hasActiveJob(jobs: readonly JobRecord[]): boolean {
  return jobs.some((job) => !isTerminalPhase(job.status.phase));
}

/** The global repositories, and `workspace`'s when one is given. */
export function reposQuery(workspace?: string): Read<ConfiguredRepo[]> {
  return {
    ...READS,
    queryKey: queryKeys.repoList(workspace),
    queryFn: ({ signal }) => listRepos(signal, workspace),
  };
}

export function workspacesQuery(): Read<WorkspaceItem[]> {
  return { ...READS, queryKey: queryKeys.workspaces, queryFn: ({ signal }) => listWorkspaces(signal) };
}

/** How long KubeSphere's answer about the caller's rights is used (the service keeps a yes as long). */
export const ACCESS_FRESH_MS = 30_000;

/**
 * Whether KubeSphere lets the caller manage the App Store of `workspace` (undefined: the global
 * store) with this extension. ks-apiserver refuses the review (403) to a caller without the
 * extension's manage role template, who would be refused every write too: that is a no. Any other
 * failure stays an error, never a guessed yes.
 */
export function accessQuery(workspace?: string): Read<boolean> {
  return {
    ...READS,
    queryKey: queryKeys.access(workspace),
    queryFn: ({ signal }) =>
      reviewAccess(workspace, signal).then(
        (review) => review.manage,
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 403) return false;
          throw error;
        },
      ),
    staleTime: ACCESS_FRESH_MS,
  };
}

export function bundleLimitsQuery(): Read<BundleLimits> {
  return { ...READS, queryKey: queryKeys.bundleLimits, queryFn: ({ signal }) => getBundleLimits(signal) };
}

export function categoriesQuery(): Read<StoreCategory[]> {
  return {
    ...READS,
    queryKey: queryKeys.categories,
    queryFn: ({ signal }) => listCategories(signal),
  };
}

export function jobListQuery(query: ListJobsQuery): Read<JobRecord[]> {
  return {
    ...READS,
    queryKey: queryKeys.jobList(query),
    queryFn: ({ signal }) => listJobs(query, signal),
    refetchInterval: (jobs) => (jobs !== undefined && hasActiveJob(jobs) ? JOBS_REFRESH_MS : false),
  };
}

/**
 * One job. Once it is on screen, a failed re-read is one more interruption of the live view: it is
 * tried again every JOB_RETRY_MS, except for a job that is gone. A first read that fails is shown.
 */
export function jobQuery(client: QueryClient, id: string): Read<JobRecord> {
  return {
    ...READS,
    queryKey: queryKeys.job(id),
    queryFn: ({ signal }) => getJob(id, signal),
    retry: (_failures, error) =>
      error.reason !== 'NotFound' && client.getQueryData(queryKeys.job(id)) !== undefined,
    retryDelay: JOB_RETRY_MS,
  };
}

export function syncListQuery(): Read<SyncRecord[]> {
  return { ...READS, queryKey: queryKeys.syncList, queryFn: ({ signal }) => listSyncs(signal) };
}

/** Read on demand only (the edit dialog's "load the latest"), never from the cache. */
export function syncQuery(name: string): Read<SyncRecord> {
  return {
    ...READS,
    queryKey: queryKeys.sync(name),
    queryFn: ({ signal }) => getSync(name, signal),
    enabled: false,
  };
}

/**
 * A preview, read while `request` is given. The request may carry credentials: nothing keeps it
 * once no step shows it (cacheTime 0), and it is read once per key (a Preview click, a review).
 */
export function previewQuery(request: PreviewRequest | undefined, attempt = 0): Read<RepoPreview> {
  return {
    ...READS,
    queryKey: queryKeys.preview(request, attempt),
    queryFn: ({ signal }) =>
      request === undefined
        ? Promise.reject(new Error('no preview was requested'))
        : createPreview(request, signal),
    enabled: request !== undefined,
    cacheTime: 0,
    staleTime: Infinity,
  };
}

/** How long the details of a version read without credentials stay cached once nothing shows them. */
export const DETAILS_CACHE_MS = 5 * 60_000;

/** Whether a source request carries secrets: then nothing keeps it once no panel shows it. */
function carriesSecrets(source: ChartDetailsRequest['source']): boolean {
  return 'url' in source && (source.password !== undefined || source.token !== undefined);
}

/**
 * One chart version's details, read while `request` is given. A version's package does not change
 * under its version, so one read is enough (staleTime Infinity); a request with credentials is
 * dropped as soon as no panel shows it (cacheTime 0), like a preview's.
 */
export function chartDetailsQuery(request: ChartDetailsRequest | undefined): Read<ChartDetails> {
  return {
    ...READS,
    queryKey: queryKeys.chartDetails(request),
    queryFn: ({ signal }) =>
      request === undefined
        ? Promise.reject(new Error('no chart details were requested'))
        : getChartDetails(request, signal),
    enabled: request !== undefined,
    cacheTime: request !== undefined && carriesSecrets(request.source) ? 0 : DETAILS_CACHE_MS,
    staleTime: Infinity,
  };
}

export const useChartDetails = (request: ChartDetailsRequest | undefined) =>
  useQuery(chartDetailsQuery(request));
export const useRepos = (workspace?: string) => useQuery(reposQuery(workspace));
export const useWorkspaces = () => useQuery(workspacesQuery());
/** `data`: whether the caller may manage the App Store of `workspace`; `enabled: false` asks nothing. */
export const useAccess = (workspace?: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...accessQuery(workspace), enabled });

/** With more workspaces than this, they are not asked one by one: nothing is known ahead of time. */
export const ACCESS_WORKSPACES_ASKED = 20;

/** The workspaces to ask about once the global store was refused: none when there are too many to ask. */
function workspacesToAsk(refusedGlobally: boolean, workspaces: readonly WorkspaceItem[] | undefined) {
  return refusedGlobally && workspaces !== undefined && workspaces.length <= ACCESS_WORKSPACES_ASKED
    ? workspaces
    : [];
}

/**
 * Whether KubeSphere's answers let the caller manage the App Store somewhere: `global`, else one of
 * `workspaces` (each answered in `inWorkspaces`, undefined while unknown). Undefined while unknown
 * or unknowable (a failed read, too many workspaces).
 */
export function manageAnywhere(
  global: boolean | undefined,
  workspaces: readonly WorkspaceItem[] | undefined,
  inWorkspaces: readonly (boolean | undefined)[],
): boolean | undefined {
  if (global !== false) return global;
  if (workspaces === undefined || workspaces.length > ACCESS_WORKSPACES_ASKED) return undefined;
  if (inWorkspaces.includes(true)) return true;
  return inWorkspaces.length === workspaces.length && inWorkspaces.every((answer) => answer === false)
    ? false
    : undefined;
}

/**
 * Whether the caller may manage the App Store somewhere (manageAnywhere): the workspaces they see
 * are read and asked about only once the global store was refused.
 */
export function useAccessAnywhere(): boolean | undefined {
  const global = useAccess();
  const refusedGlobally = global.data === false;
  const workspaces = useQuery({ ...workspacesQuery(), enabled: refusedGlobally });
  const inWorkspaces = useQueries(
    workspacesToAsk(refusedGlobally, workspaces.data).map((workspace) => accessQuery(workspace.name)),
  );
  return manageAnywhere(
    global.data,
    workspaces.data,
    inWorkspaces.map((answer) => answer.data),
  );
}
export const useCategories = () => useQuery(categoriesQuery());
export const useBundleLimits = () => useQuery(bundleLimitsQuery());
export const useJobList = (query: ListJobsQuery) => useQuery(jobListQuery(query));
export const useSyncList = () => useQuery(syncListQuery());
export const useSync = (name: string) => useQuery(syncQuery(name));
export const usePreview = (
  request: PreviewRequest | undefined,
  attempt?: number,
  { keepPreviousData = false }: { keepPreviousData?: boolean } = {},
) => useQuery({ ...previewQuery(request, attempt), keepPreviousData });

export function useJob(id: string) {
  const client = useQueryClient();
  return useQuery(jobQuery(client, id));
}

/** A write and the reads it makes stale. */
export interface Write<TData, TVariables> {
  write: (variables: TVariables) => Promise<TData>;
  stale: readonly QueryKey[];
  /** Failures that tell the reads are stale too: the object changed or went meanwhile. */
  staleOnFailure?: readonly ApiErrorReason[];
}

/**
 * The mutation of a write: once it succeeded its stale reads are read again (those on screen at
 * once, the others when next shown). Not awaited: a dialog closes on the answer, the list follows.
 */
export function writeOptions<TData, TVariables>(
  client: QueryClient,
  { write, stale, staleOnFailure = [] }: Write<TData, TVariables>,
): UseMutationOptions<TData, ApiError, TVariables> {
  const refresh = (): void => {
    for (const key of stale) void client.invalidateQueries(key);
  };
  return {
    mutationFn: (variables) => write(variables),
    onSuccess: refresh,
    onError: (error) => {
      if ((staleOnFailure as readonly string[]).includes(error.reason)) refresh();
    },
  };
}

export function useWrite<TData, TVariables>(write: Write<TData, TVariables>) {
  const client = useQueryClient();
  return useMutation(writeOptions(client, write));
}

/** A sync changed (409) or was deleted (404) since the page read it. */
const SYNC_CHANGED: readonly ApiErrorReason[] = ['Conflict', 'NotFound'];

/** How a cancel ended: accepted, or the job had already ended on its own (409). */
export type CancelOutcome = 'requested' | 'ended';

export const writes = {
  createJob: { write: createJob, stale: [queryKeys.jobs] } satisfies Write<
    JobRecord,
    Parameters<typeof createJob>[0]
  >,
  cancelJob: {
    write: (id: string): Promise<CancelOutcome> =>
      cancelJob(id).then(
        () => 'requested',
        (error: unknown) => {
          if (toApiError(error).reason === 'Conflict') return 'ended';
          throw error;
        },
      ),
    stale: [queryKeys.jobs],
  } satisfies Write<CancelOutcome, string>,
  createSync: { write: createSync, stale: [queryKeys.syncs] } satisfies Write<
    SyncRecord,
    Parameters<typeof createSync>[0]
  >,
  updateSync: {
    write: ({ name, request }: { name: string; request: Parameters<typeof updateSync>[1] }) =>
      updateSync(name, request),
    stale: [queryKeys.syncs],
    staleOnFailure: SYNC_CHANGED,
  },
  deleteSync: {
    // Already gone: what the user wanted.
    write: (name: string): Promise<void> =>
      deleteSync(name).then(
        () => undefined,
        (error: unknown) => {
          if (toApiError(error).reason !== 'NotFound') throw error;
        },
      ),
    stale: [queryKeys.syncs],
  } satisfies Write<void, string>,
  /** A run is a new job, and changes the sync's last run. */
  runSync: {
    write: runSync,
    stale: [queryKeys.jobs, queryKeys.syncs],
    staleOnFailure: SYNC_CHANGED,
  } satisfies Write<JobRecord, string>,
} as const;

export const useCreateJob = () => useWrite(writes.createJob);
export const useCancelJob = () => useWrite(writes.cancelJob);
export const useCreateSync = () => useWrite(writes.createSync);
export const useUpdateSync = () => useWrite(writes.updateSync);
export const useDeleteSync = () => useWrite(writes.deleteSync);
export const useRunSync = () => useWrite(writes.runSync);
