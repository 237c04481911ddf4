// The slots of one replica: a bounded number of jobs run at once, and per lane (a user; scheduled
// syncs all share one), so that one user's slow jobs never hold every slot. The rest wait in
// order, taken fairly across lanes.

export interface Queued {
  id: string;
  /** Whose turn it is: the user, or the extension for syncs. */
  lane: string;
}

export interface QueueLimits {
  maxRunning: number;
  /** Jobs of one lane running at once. */
  maxRunningPerLane: number;
}

export class JobQueue<T extends Queued> {
  private readonly waiting: T[] = [];
  private running = 0;
  /** Running jobs per lane. */
  private readonly runningIn = new Map<string, number>();
  private open = true;

  /** `start` runs a job taken from the queue; its slot is free when the promise settles. */
  constructor(
    private readonly limits: QueueLimits,
    private readonly start: (job: T) => Promise<void>,
  ) {}

  add(job: T): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Takes a job out before it started; false when it is not waiting. */
  remove(id: string): boolean {
    const position = this.waiting.findIndex((job) => job.id === id);
    if (position < 0) return false;
    this.waiting.splice(position, 1);
    return true;
  }

  /** Starts no other job; answers the ones still waiting, which leave the queue. */
  close(): T[] {
    this.open = false;
    return this.waiting.splice(0);
  }

  private pump(): void {
    while (this.open && this.running < this.limits.maxRunning) {
      const job = this.takeNext();
      if (!job) return;
      this.running += 1;
      this.runningIn.set(job.lane, (this.runningIn.get(job.lane) ?? 0) + 1);
      void this.start(job).finally(() => {
        this.running -= 1;
        const left = (this.runningIn.get(job.lane) ?? 1) - 1;
        if (left > 0) this.runningIn.set(job.lane, left);
        else this.runningIn.delete(job.lane);
        this.pump();
      });
    }
  }

  /**
   * The next job to start: the oldest one of the lane with the fewest running jobs, among lanes
   * under the per-lane limit. Another user's job waits for a free slot only, never behind a
   * queue one user filled.
   */
  private takeNext(): T | undefined {
    let best: { position: number; job: T; running: number } | undefined;
    for (const [position, job] of this.waiting.entries()) {
      const running = this.runningIn.get(job.lane) ?? 0;
      if (running < this.limits.maxRunningPerLane && (best === undefined || running < best.running))
        best = { position, job, running };
    }
    if (best) this.waiting.splice(best.position, 1);
    return best?.job;
  }
}
