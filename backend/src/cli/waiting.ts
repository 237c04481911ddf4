// Says so while KubeSphere does not answer: its client waits up to 60 s per attempt and tries
// three times, minutes in which the CLI would otherwise print nothing.

export interface SilenceWatchOptions {
  /** Report after this long without an answer, and again every time as long again passes. */
  everyMs: number;
  /** Calls have waited `silentMs` with no answer. */
  onSilence(silentMs: number): void;
  /** An answer came after a reported silence. */
  onAnswer(): void;
}

/** Watches calls to one server: a silence is time with calls waiting and none answered. */
export class SilenceWatch {
  private waiting = 0;
  /** When the current silence began: the last answer, or the first call after none waited. */
  private since = 0;
  private reported = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SilenceWatchOptions) {}

  /** `work`, watched: its settling (an answer or an error) ends a silence. */
  track<T>(work: Promise<T>): Promise<T> {
    if (this.waiting === 0) this.restart();
    this.waiting += 1;
    const settled = (): void => {
      this.waiting -= 1;
      if (this.reported) this.options.onAnswer();
      this.reported = false;
      if (this.waiting > 0) this.restart();
      else clearTimeout(this.timer);
    };
    return work.finally(settled);
  }

  private restart(): void {
    this.since = Date.now();
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.waiting === 0) return;
      this.reported = true;
      this.options.onSilence(Date.now() - this.since);
      this.arm();
    }, this.options.everyMs);
    this.timer.unref();
  }
}

/** `target` with every method that returns a promise watched by `watch`. */
export function watchCalls<T extends object>(target: T, watch: SilenceWatch): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, object, args);
        return result instanceof Promise ? watch.track(result) : result;
      };
    },
  });
}
