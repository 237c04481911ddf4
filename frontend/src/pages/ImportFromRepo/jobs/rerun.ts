// How to run a job's import again ("Retry failed"). A job keeps no credentials: a user's are
// used for that run only, a sync's sit in a Secret only the sync can use. So the way depends on
// where the source came from.
import type { CreateJobRequest, JobRecord, PreviewRequest, SourceRequest } from '../../../api';
import { prefillOf, type WizardPrefill } from '../wizard/prefill';

export type RerunRoute =
  /** Start a job as the caller. `probe`: read the repository first, it may need credentials. */
  | { kind: 'job'; request: CreateJobRequest; probe: boolean }
  /** Run the sync that started the job: it has the repository's stored credentials. */
  | { kind: 'sync'; sync: string }
  /** Only the user can supply what is missing: open the wizard with everything else filled in. */
  | { kind: 'wizard'; prefill: WizardPrefill };

/** The same import as `job`, limited to `charts` when given. */
export function rerunRequest(job: JobRecord, source: SourceRequest, charts?: string[]): CreateJobRequest {
  const { spec } = job;
  const only = charts ?? spec.charts;
  return {
    source,
    versions: spec.versions,
    ...(only && only.length > 0 ? { charts: only } : {}),
    includeDeprecated: spec.includeDeprecated,
    ...(spec.workspace ? { workspace: spec.workspace } : {}),
    publish: spec.publish,
    dryRun: spec.dryRun,
    concurrency: spec.concurrency,
    ...(spec.categories && Object.keys(spec.categories).length > 0 ? { categories: spec.categories } : {}),
    ...(spec.categoryRules && spec.categoryRules.length > 0 ? { categoryRules: spec.categoryRules } : {}),
    // The signature policy and its public keys, as the job kept them.
    ...(spec.verify ? { verify: spec.verify } : {}),
    // Without them a retry would make a second app beside an adopted one, or keep what was pruned.
    ...(spec.adopt === true ? { adopt: true } : {}),
    ...(spec.prune === true ? { prune: true } : {}),
  };
}

export function rerunRoute(job: JobRecord, charts?: string[]): RerunRoute {
  const { source } = job.spec;
  // A repository configured in KubeSphere: KubeSphere hands its credentials to the service again.
  if (source.configuredRepo)
    return { kind: 'job', request: rerunRequest(job, { repo: source.configuredRepo }, charts), probe: false };
  // An uploaded bundle is kept a while on one replica: the wizard asks for the file again.
  if (source.bundle) return { kind: 'wizard', prefill: prefillOf(job.spec, charts) };
  if (source.secretRef) {
    if (job.syncName) return { kind: 'sync', sync: job.syncName };
    return { kind: 'wizard', prefill: credentialsPrefill(job, charts) };
  }
  // A client certificate was given, and a job keeps none: the wizard asks for it again.
  if (source.hasClientCertificate) return { kind: 'wizard', prefill: credentialsPrefill(job, charts) };
  const url = {
    url: source.url,
    ...(source.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    ...(source.plainHttp ? { plainHttp: true } : {}),
    ...(source.passCredentials ? { passCredentials: true } : {}),
  };
  // The job does not say whether its user typed credentials or a CA: read the repository first.
  return { kind: 'job', request: rerunRequest(job, url, charts), probe: true };
}

/** The wizard's prefill when a probe found the repository unreadable without what was typed. */
export function credentialsPrefill(job: JobRecord, charts?: string[]): WizardPrefill {
  return { ...prefillOf(job.spec, charts), needsCredentials: true };
}

/** The cheapest read of the same repository and charts: a preview without package sizes. */
export function probeRequest(request: CreateJobRequest): PreviewRequest {
  const { source, versions, charts, includeDeprecated, workspace, categories } = request;
  return {
    source,
    ...(categories ? { categories } : {}),
    ...(versions ? { versions } : {}),
    ...(charts ? { charts } : {}),
    ...(includeDeprecated ? { includeDeprecated } : {}),
    ...(workspace ? { workspace } : {}),
    sizes: 'none',
  };
}
