// Leader election over a coordination.k8s.io/v1 Lease, the way client-go's leaderelection does
// it: acquire when the lease is free or expired, renew while holding it, and write only with the
// resourceVersion last read, so that two replicas never both believe they lead. Only the leader
// runs the schedules; every replica serves the API.
import {
  ApiException,
  CoordinationV1Api,
  KubeConfig,
  V1MicroTime,
  type V1Lease,
} from '@kubernetes/client-node';

export interface LeaderElectorOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  /** This replica's name (the pod name). */
  identity: string;
  leaseName?: string;
  /** How long a lease lasts without renewal. */
  leaseDurationSeconds?: number;
  /** How often to try to acquire or renew. */
  retryPeriodMs?: number;
  onChange?: (leading: boolean) => void;
  onError?: (error: unknown) => void;
}

export interface LeaderElector {
  isLeader(): boolean;
  start(): void;
  /** Stops trying and gives the lease up, so that another replica takes over at once. */
  stop(): Promise<void>;
}

export function createLeaderElector(options: LeaderElectorOptions): LeaderElector {
  const api = options.kubeConfig.makeApiClient(CoordinationV1Api);
  const leaseName = options.leaseName ?? 'store-importer-scheduler';
  const durationSeconds = options.leaseDurationSeconds ?? 15;
  const retryPeriodMs = options.retryPeriodMs ?? 5_000;
  const { namespace, identity } = options;
  let leadingUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  /** The round under way, so that stop() can wait for it before letting the lease go. */
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  let leading = false;

  const setLeading = (value: boolean): void => {
    if (value === leading) return;
    leading = value;
    options.onChange?.(value);
  };

  const spec = (lease?: V1Lease) => {
    const now = new V1MicroTime();
    const takingOver = lease?.spec?.holderIdentity !== identity;
    return {
      holderIdentity: identity,
      leaseDurationSeconds: durationSeconds,
      acquireTime: takingOver ? now : (lease.spec?.acquireTime ?? now),
      renewTime: now,
      leaseTransitions: (lease?.spec?.leaseTransitions ?? 0) + (lease && takingOver ? 1 : 0),
    };
  };

  async function tryAcquireOrRenew(): Promise<boolean> {
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ name: leaseName, namespace });
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw error;
      await api.createNamespacedLease({ namespace, body: { metadata: { name: leaseName }, spec: spec() } });
      return true;
    }
    const holder = lease.spec?.holderIdentity;
    const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
    const expires = renewed + (lease.spec?.leaseDurationSeconds ?? durationSeconds) * 1000;
    if (holder && holder !== identity && expires > Date.now()) return false;
    lease.spec = spec(lease);
    try {
      await api.replaceNamespacedLease({ name: leaseName, namespace, body: lease });
      return true;
    } catch (error) {
      // Someone else wrote the lease since we read it: they won this round.
      if (error instanceof ApiException && error.code === 409) return false;
      throw error;
    }
  }

  async function round(): Promise<void> {
    const started = Date.now();
    let acquired = false;
    try {
      acquired = await tryAcquireOrRenew();
    } catch (error) {
      options.onError?.(error);
    }
    // stop() may have run while the lease was being written: it decides, not this late answer.
    if (stopped) return;
    leadingUntil = acquired ? started + durationSeconds * 1000 : 0;
    setLeading(Date.now() < leadingUntil);
    timer = setTimeout(() => {
      inFlight = round();
    }, retryPeriodMs);
  }

  return {
    isLeader: () => leading && Date.now() < leadingUntil,
    start() {
      stopped = false;
      inFlight = round();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
      setLeading(false);
      leadingUntil = 0;
      // Let the lease go if this replica holds it, even if a round acquired it while stopping.
      try {
        const lease = await api.readNamespacedLease({ name: leaseName, namespace });
        if (lease.spec?.holderIdentity === identity) {
          lease.spec.holderIdentity = undefined;
          lease.spec.leaseDurationSeconds = 1;
          await api.replaceNamespacedLease({ name: leaseName, namespace, body: lease });
        }
      } catch (error) {
        options.onError?.(error);
      }
    },
  };
}
