// A running job's status in the JobStore: written when it changed, at most every checkpoint
// interval, with a heartbeat renewed while the job is active so that other replicas can tell a
// live owner from a dead one. Writes of one job never overlap and a failed write is logged only:
// the next checkpoint writes the whole status again.
import type { Logger } from '../logger.js';
import type { JobStore } from '../state/types.js';
import type { JobStatus } from './types.js';

export interface CheckpointSettings {
  store: JobStore;
  logger: Logger;
  /** The owner renews `heartbeatTime` at least this often. */
  heartbeatMs: number;
  now: () => Date;
}

/** The status writes of one job held by this replica. */
export class StatusCheckpoints {
  private changed = false;
  private lastWrite = Date.now();
  private writes: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly id: string,
    private readonly settings: CheckpointSettings,
  ) {}

  /** Something worth writing changed since the last write. */
  markChanged(): void {
    this.changed = true;
  }

  /** Whether a periodic checkpoint should write: a change, or a heartbeat due. */
  get due(): boolean {
    return !this.closed && (this.changed || Date.now() - this.lastWrite >= this.settings.heartbeatMs);
  }

  /** Whether the replica let go of the job (its last status is written or being written). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Writes `status` with a fresh heartbeat (set on it); after close, only waits for the writes. */
  write(status: JobStatus): Promise<void> {
    if (this.closed) return this.writes;
    status.heartbeatTime = this.settings.now().toISOString();
    return this.enqueue(status);
  }

  /** The last write, as the status is: the replica lets go of the job. */
  close(status: JobStatus): Promise<void> {
    this.closed = true;
    return this.enqueue(status);
  }

  /** Whether someone asked, on any replica, to cancel the job (the stored status says so). */
  async cancelRequested(): Promise<boolean> {
    const stored = await this.settings.store.get(this.id).catch(() => undefined);
    return stored?.status.cancelRequested === true;
  }

  private enqueue(status: JobStatus): Promise<void> {
    this.changed = false;
    this.lastWrite = Date.now();
    const copy = structuredClone(status);
    this.writes = this.writes
      .then(() => this.settings.store.updateStatus(this.id, copy))
      .catch((error: unknown) => {
        this.settings.logger.warn(
          { job: this.id, error: error instanceof Error ? error.message : String(error) },
          'job status write failed',
        );
      });
    return this.writes;
  }
}
