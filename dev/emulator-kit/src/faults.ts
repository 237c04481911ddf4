// Fault injection for reliability tests, shared by the emulators. NOT part of any real server: set
// at start, with setFaults(), or via POST /_emulator/faults. Each emulator shapes the injected
// error the way its real server would answer (plain text for ks-apiserver, a Status object for
// kube-apiserver).

export interface FaultOptions {
  /** fraction (0..1) of emulated API requests answered with `errorStatus` */
  errorRate?: number;
  /** status of injected errors (default 500) */
  errorStatus?: number;
  /** message of injected errors */
  errorMessage?: string;
  /** delay added before every emulated API request, in ms */
  latencyMs?: number;
  /** the next N emulated API requests fail (deterministic), counted down */
  failNext?: number;
  /**
   * true: a failing request is handled first (its write applied), then answered with
   * `errorStatus`, as a proxy (ks-console, an ingress) that times out after ks-apiserver committed
   * the write answers. Only the KubeSphere emulator honours it. Default false: fail before handling.
   */
  afterWrite?: boolean;
  /** only requests whose path contains this string are affected (default: all emulated API requests) */
  pathIncludes?: string;
  /** only these methods are affected (default: all) */
  methods?: string[];
}

type Settings = Required<Omit<FaultOptions, 'pathIncludes' | 'methods'>> &
  Pick<FaultOptions, 'pathIncludes' | 'methods'>;

const defaults = (): Settings => ({
  errorRate: 0,
  errorStatus: 500,
  errorMessage: 'emulator: injected fault',
  latencyMs: 0,
  failNext: 0,
  afterWrite: false,
});

export class Faults {
  private f: Settings = defaults();

  constructor(
    initial: FaultOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  set(opts: FaultOptions): void {
    const next = { ...this.f, ...opts };
    if (!(next.errorRate >= 0 && next.errorRate <= 1))
      throw new Error(`errorRate must be between 0 and 1, got ${String(opts.errorRate)}`);
    if (!Number.isInteger(next.errorStatus) || next.errorStatus < 100 || next.errorStatus > 599)
      throw new Error(`errorStatus must be an HTTP status, got ${String(opts.errorStatus)}`);
    if (!(next.latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${String(opts.latencyMs)}`);
    if (!Number.isInteger(next.failNext) || next.failNext < 0)
      throw new Error(`failNext must be a non-negative integer, got ${String(opts.failNext)}`);
    this.f = next;
  }

  clear(): void {
    this.f = defaults();
  }

  get current(): FaultOptions {
    return { ...this.f };
  }

  /** Decides for one request: the latency to add and whether to fail it. */
  decide(
    method: string,
    path: string,
  ): { latencyMs: number; fail: { status: number; message: string; afterWrite: boolean } | null } {
    if (this.f.pathIncludes && !path.includes(this.f.pathIncludes)) return { latencyMs: 0, fail: null };
    if (this.f.methods && !this.f.methods.includes(method)) return { latencyMs: 0, fail: null };
    let fail = false;
    if (this.f.failNext > 0) {
      this.f.failNext -= 1;
      fail = true;
    } else if (this.f.errorRate > 0 && this.random() < this.f.errorRate) fail = true;
    return {
      latencyMs: this.f.latencyMs,
      fail: fail
        ? { status: this.f.errorStatus, message: this.f.errorMessage, afterWrite: this.f.afterWrite }
        : null,
    };
  }
}
