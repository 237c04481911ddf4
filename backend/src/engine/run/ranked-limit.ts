// A concurrency limit whose free slots go to the most urgent waiting task: the lowest rank first,
// in arrival order within a rank. The import ranks charts longest first, so a long chart's
// versions overtake short charts that are still waiting (p-limit would serve them by arrival).

interface Waiting {
  rank: number;
  arrival: number;
  start: () => void;
}

export class RankedLimit {
  private running = 0;
  private arrivals = 0;
  /** Sorted by rank, then arrival: the next to start is first. */
  private readonly waiting: Waiting[] = [];

  constructor(private readonly slots: number) {
    if (!(Number.isInteger(slots) && slots >= 1)) throw new RangeError(`slots must be >= 1, got ${slots}`);
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Runs `task` once a slot is free and no waiting task ranks before it. */
  run<T>(rank: number, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running += 1;
        // A task that throws synchronously frees its slot like one that rejects.
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.waiting.shift()?.start();
          });
      };
      if (this.running < this.slots) start();
      else this.enqueue({ rank, arrival: this.arrivals++, start });
    });
  }

  private enqueue(entry: Waiting): void {
    // Binary search for the first entry that ranks after this one (equal ranks keep arrival order).
    let low = 0;
    let high = this.waiting.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.waiting[middle]?.rank ?? Infinity) <= entry.rank) low = middle + 1;
      else high = middle;
    }
    this.waiting.splice(low, 0, entry);
  }
}
