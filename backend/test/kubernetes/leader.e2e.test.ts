// Leader election over a Lease: one leader at a time, a clean hand-over on stop, a take-over
// when the leader stops renewing.
import { CoordinationV1Api, V1MicroTime } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLeaderElector, type LeaderElector } from '../../src/service/schedule/leader.js';
import { NAMESPACE, startKubernetes } from './support.js';

let kube: Awaited<ReturnType<typeof startKubernetes>>;

beforeAll(async () => {
  kube = await startKubernetes();
});
afterAll(async () => {
  await kube.server.close();
});

function elector(identity: string, leaseName: string): LeaderElector {
  return createLeaderElector({
    kubeConfig: kube.kubeConfig,
    namespace: NAMESPACE,
    identity,
    leaseName,
    leaseDurationSeconds: 1,
    retryPeriodMs: 100,
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('leader election', () => {
  it('elects exactly one of two replicas, and hands over when the leader stops', async () => {
    const a = elector('pod-a', 'lease-handover');
    const b = elector('pod-b', 'lease-handover');
    a.start();
    b.start();
    try {
      await waitFor(() => a.isLeader() || b.isLeader());
      for (let i = 0; i < 10; i += 1) {
        expect(a.isLeader() && b.isLeader()).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [leader, follower] = a.isLeader() ? [a, b] : [b, a];
      await leader.stop();
      await waitFor(() => follower.isLeader());
      expect(leader.isLeader()).toBe(false);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('takes over from a replica that died without letting go, once its lease expires', async () => {
    // What a crashed leader leaves: a lease it held and will never renew or release.
    const leases = kube.kubeConfig.makeApiClient(CoordinationV1Api);
    await leases.createNamespacedLease({
      namespace: NAMESPACE,
      body: {
        metadata: { name: 'lease-takeover' },
        spec: {
          holderIdentity: 'pod-dead',
          leaseDurationSeconds: 1,
          acquireTime: new V1MicroTime(),
          renewTime: new V1MicroTime(),
        },
      },
    });
    const survivor = elector('pod-alive', 'lease-takeover');
    survivor.start();
    try {
      await waitFor(() => survivor.isLeader(), 5_000);
      const lease = await leases.readNamespacedLease({ name: 'lease-takeover', namespace: NAMESPACE });
      expect(lease.spec?.holderIdentity).toBe('pod-alive');
      expect(lease.spec?.leaseTransitions).toBe(1);
    } finally {
      await survivor.stop();
    }
  });
});
