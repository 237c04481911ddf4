// A job this replica holds, waiting or running: its record (the freshest there is), how it runs,
// how it is stopped, and who listens to its live events (the SSE streams).
import type { Logger } from '../logger.js';
import type { CheckpointSettings } from './checkpoint.js';
import { StatusCheckpoints } from './checkpoint.js';
import { laneOf, type RunIdentity } from './identity.js';
import { JobProgress, type ProgressNote } from './progress.js';
import type { JobEvent, JobRecord, RepoCredentials } from './types.js';

export type JobListener = (event: JobEvent) => void;

/** Why a run stops before its end: a user's cancel, the service shutting down, the job deadline. */
export type StopReason = 'cancel' | 'shutdown' | 'deadline';

export class LiveJob {
  readonly record: JobRecord;
  readonly lane: string;
  readonly progress: JobProgress;
  readonly checkpoints: StatusCheckpoints;
  /** Stops the run at once (shutdown). */
  readonly controller = new AbortController();
  /** Stops it between versions, letting the versions in flight finish (a user's cancel, the deadline). */
  readonly cancel = new AbortController();
  stop?: StopReason;
  /** The run, once the queue started it. */
  run?: Promise<void>;
  private readonly listeners = new Set<JobListener>();

  constructor(
    record: JobRecord,
    readonly identity: RunIdentity,
    /** Repository credentials for this run; otherwise read through `spec.source.secretRef`. */
    readonly credentials: RepoCredentials | undefined,
    checkpoints: CheckpointSettings,
    private readonly logger: Logger,
  ) {
    this.record = structuredClone(record);
    this.lane = laneOf(record, identity);
    this.progress = new JobProgress(this.record.status);
    this.checkpoints = new StatusCheckpoints(record.id, checkpoints);
  }

  get id(): string {
    return this.record.id;
  }

  /** A copy of the record, safe to hand out. */
  snapshot(): JobRecord {
    return structuredClone(this.record);
  }

  /** Asks the run to stop between versions; a stop already under way keeps its reason. */
  requestCancel(): void {
    this.stop ??= 'cancel';
    this.record.status.cancelRequested = true;
    this.cancel.abort();
  }

  listen(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The listeners hear of changes; each change is marked for the next checkpoint. */
  tell(notes: readonly ProgressNote[]): void {
    for (const note of notes) {
      this.checkpoints.markChanged();
      if (note.type === 'status') this.emitStatus();
      else this.emit(note);
    }
  }

  emitStatus(): void {
    this.emit({ type: 'status', job: this.snapshot() });
  }

  /** The last event was sent: nobody listens any more. */
  dropListeners(): void {
    this.listeners.clear();
  }

  private emit(event: JobEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn(
          { job: this.id, error: error instanceof Error ? error.message : String(error) },
          'job listener failed',
        );
      }
    }
  }
}
