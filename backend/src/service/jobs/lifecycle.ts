// One job from the moment the queue starts it to its end in this replica: Running, periodic
// checkpoints (which also pick up a cancel asked on another replica), the job deadline, the
// engine's runImport as the right identity, and the outcome. A job ends here (finish) or is
// handed back at a shutdown (interrupt); either way this replica then lets go of it (release).
import { describeError, say, type Message } from '../../engine/index.js';
import {
  importIncrementally,
  runImport,
  type AppStore,
  type ChartRepository,
  type ImportOptions,
  type IncrementalResult,
} from '../../engine/index.js';
import { mapError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateStores } from '../state/types.js';
import { decodeRunRecord } from '../syncs/run-record.js';
import { forgetRunRecord, recordJobResult, type SyncRunOutcome } from '../syncs/status.js';
import { credentialsFor, tokenFor } from './identity.js';
import type { KubeSphereGateway } from './kubesphere.js';
import type { LiveJob } from './live.js';
import { verifyOptionOf } from './verify.js';
import { recordableMessage, recordableText } from './progress.js';
import { interruptedMessage } from './recovery.js';
import {
  categoryMapOf,
  openRepository,
  resolveSource,
  selectionOf,
  type RepoAccessOptions,
  type ResolvedSource,
} from './spec.js';
import type { JobPhase } from './types.js';

export interface LifecycleOptions {
  stores: StateStores;
  kubesphere: KubeSphereGateway;
  repos: RepoAccessOptions;
  logger: Logger;
  /** The extension's KubeSphere ServiceAccount token, re-read before each service run. */
  serviceAccountTokenFile: string;
  /** The App Store's package limit (0: S3, none). */
  storePackageLimitBytes: number;
  /** A running job stops starting versions after this long and ends Failed; none when undefined. */
  jobDeadlineMs: number | undefined;
  /** How often a running job's checkpoint runs. */
  checkpointMs: number;
  now: () => Date;
  /** This replica no longer holds the job: its last status is being written. */
  onRelease: (live: LiveJob) => void;
}

export interface Outcome {
  phase: JobPhase;
  /** Why it ended so, when there is something to say. */
  message?: Message;
  /** The status's English text when it says more than `message`'s (the service's wording of an error). */
  text?: string;
  /** A sync's run that ended with a report: what it leaves for the sync's next run. */
  syncRun?: SyncRunOutcome;
}

export class JobLifecycle {
  constructor(private readonly options: LifecycleOptions) {}

  /** Runs the job to its end; never rejects (every failure becomes the job's outcome). */
  async run(live: LiveJob): Promise<void> {
    const { record } = live;
    const { logger, jobDeadlineMs } = this.options;
    record.status.phase = 'Running';
    record.status.startTime = this.options.now().toISOString();
    live.emitStatus();
    await live.checkpoints.write(record.status);
    const timer = setInterval(() => {
      void this.checkpoint(live);
    }, this.options.checkpointMs);
    timer.unref();
    const deadline =
      jobDeadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            this.passDeadline(live, jobDeadlineMs);
          }, jobDeadlineMs);
    try {
      const token = await tokenFor(live.identity, this.options.serviceAccountTokenFile);
      const { source, credentials } = await this.sourceOf(live, token);
      const repo = openRepository(source, credentials, this.options.repos);
      const store = this.options.kubesphere.store(token, record.spec.workspace);
      const categories = categoryMapOf(record.spec.categories);
      const limit = this.options.storePackageLimitBytes;
      const options: ImportOptions = {
        repoUrl: source.url,
        selection: selectionOf(record.spec),
        publish: record.spec.publish,
        dryRun: record.spec.dryRun,
        // A dry run looks up package sizes (HEAD or a one-byte range) to flag what needs slimming.
        dryRunSizes: record.spec.dryRun,
        concurrency: record.spec.concurrency,
        ...(categories ? { categories } : {}),
        ...(record.spec.categoryRules ? { categoryRules: record.spec.categoryRules } : {}),
        ...verifyOptionOf(record.spec.verify),
        ...(record.spec.prune ? { prune: true } : {}),
        ...(record.spec.adopt ? { adopt: true } : {}),
        // 0 (S3): nothing to aim for; the engine still slims if the store refuses a size after all.
        ...(limit ? { maxPackageBytes: limit } : {}),
        signal: live.controller.signal,
        cancel: live.cancel.signal,
        onEvent: (event) => {
          live.tell(live.progress.apply(event));
        },
      };
      // A sync's runs compare with its last complete run; a user's job always runs in full.
      const result =
        record.syncName === undefined
          ? undefined
          : await this.importForSync(record.syncName, repo, store, options);
      const report = result?.report ?? (await runImport(repo, store, options));
      const { failed } = report.summary;
      const phase: JobPhase =
        failed === 0 ? 'Succeeded' : failed === report.items.length ? 'Failed' : 'PartiallyFailed';
      clearInterval(timer);
      clearTimeout(deadline);
      const message = phase === 'Failed' ? say('job-all-failed', { count: failed }) : result?.message;
      await this.finish(live, {
        phase,
        ...(message === undefined ? {} : { message }),
        ...(result ? { syncRun: { record: result.record, unchanged: result.unchanged } } : {}),
      });
    } catch (error) {
      clearInterval(timer);
      clearTimeout(deadline);
      if (live.stop === 'shutdown') {
        await this.interrupt(live);
      } else if (live.stop === 'cancel') {
        await this.finish(live, { phase: 'Cancelled', message: say('job-cancelled') });
      } else if (live.stop === 'deadline') {
        await this.finish(live, {
          phase: 'Failed',
          message: say('job-deadline-stopped', { deadline: describeMs(jobDeadlineMs ?? 0) }),
        });
      } else {
        const mapped = mapError(error);
        if (mapped.internal) logger.error({ err: error, job: record.id }, 'job failed unexpectedly');
        const message = mapped.internal
          ? say('internal-error', { problem: `unexpected failure: ${errorMessage(error)}` })
          : describeError(error);
        await this.finish(live, {
          phase: 'Failed',
          message,
          ...(mapped.internal ? {} : { text: mapped.message }),
        });
      }
    }
  }

  /**
   * Where the run reads the charts. A configured repository in a run as the extension (a sync's)
   * is read again through KubeSphere with the extension's token: its URL and credentials as
   * KubeSphere has them now (none are stored with the sync). Otherwise the spec's source, with
   * the credentials given with the job or kept in the sync's Secret.
   */
  private async sourceOf(live: LiveJob, token: string): Promise<ResolvedSource> {
    const { source } = live.record.spec;
    if (live.identity === 'service' && source.configuredRepo && !live.credentials)
      return resolveSource(
        { repo: source.configuredRepo },
        this.options.kubesphere,
        token,
        live.controller.signal,
      );
    const credentials = await credentialsFor(
      live.record.spec,
      live.credentials,
      this.options.stores.credentials,
    );
    return { source, ...(credentials ? { credentials } : {}) };
  }

  /** The job ends here: its outcome written, then the sync's result when a sync started it. */
  async finish(live: LiveJob, outcome: Outcome): Promise<void> {
    const { status } = live.record;
    status.phase = outcome.phase;
    if (outcome.message !== undefined) {
      // The job object's schema bounds its texts (progress.ts recordableMessage).
      status.detail = recordableMessage(outcome.message);
      status.message = recordableText(outcome.text ?? outcome.message.message);
    }
    status.completionTime = this.options.now().toISOString();
    await this.release(live);
    await recordJobResult(
      this.options.stores.syncs,
      live.record,
      this.options.now(),
      this.options.logger,
      outcome.syncRun,
    );
    this.options.logger.info(
      { job: live.id, phase: status.phase, summary: status.summary, sync: live.record.syncName },
      'job ended',
    );
  }

  /**
   * A sync's import: nothing read per chart when the repository and the store are as its last
   * complete run left them (its record, in the sync's status), a full run otherwise.
   */
  private async importForSync(
    syncName: string,
    repo: ChartRepository,
    store: AppStore,
    options: ImportOptions,
  ): Promise<IncrementalResult> {
    const { stores, logger, now } = this.options;
    const sync = await stores.syncs.get(syncName).catch((error: unknown) => {
      logger.warn({ sync: syncName, error: errorMessage(error) }, 'sync not read: running in full');
      return undefined;
    });
    const result = await importIncrementally(repo, store, options, {
      previous: decodeRunRecord(sync?.status.runRecord),
      now,
      beforeFullRun: () => forgetRunRecord(stores.syncs, syncName, logger),
    });
    if (result.fullRunReason !== undefined)
      logger.info({ sync: syncName, reason: result.fullRunReason }, 'sync runs in full');
    return result;
  }

  /** Shutdown: user jobs end Failed; service jobs wait, ownerless, for the next replica. */
  async interrupt(live: LiveJob): Promise<void> {
    if (live.record.runAs === 'user') {
      await this.finish(live, { phase: 'Failed', message: interruptedMessage(live.record) });
      return;
    }
    const { status } = live.record;
    status.phase = 'Pending';
    const waiting = say('job-waiting-for-replica');
    status.message = waiting.message;
    status.detail = waiting;
    await this.release(live);
  }

  /** Periodic: picks up a cancel asked on another replica, writes progress and the heartbeat. */
  private async checkpoint(live: LiveJob): Promise<void> {
    if (live.checkpoints.isClosed) return;
    if (!live.stop && (await live.checkpoints.cancelRequested())) live.requestCancel();
    if (live.checkpoints.due) {
      await live.checkpoints.write(live.record.status);
      live.emitStatus();
    }
  }

  /** Time is up: the job stops as a cancel stops it (the versions being written finish). */
  private passDeadline(live: LiveJob, deadlineMs: number): void {
    if (live.stop) return;
    live.stop = 'deadline';
    live.cancel.abort();
    live.tell([live.progress.warn(say('job-deadline-passed', { deadline: describeMs(deadlineMs) }))]);
  }

  /** This replica lets go of a job: last checkpoint without an owner, listeners told and dropped. */
  private async release(live: LiveJob): Promise<void> {
    delete live.record.status.owner;
    delete live.record.status.heartbeatTime;
    await live.checkpoints.close(live.record.status);
    this.options.onRelease(live);
    live.emitStatus();
    live.dropListeners();
  }
}

/** `90 s`, `2 h`: a duration for people. */
function describeMs(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
