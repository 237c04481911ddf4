import { describe, expect, it } from 'vitest';

import { RankedLimit } from './ranked-limit.js';

/** A task that finishes when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RankedLimit', () => {
  it('runs at most `slots` tasks at once and starts the waiting ones as slots free', async () => {
    const limit = new RankedLimit(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      limit.run(0, async () => {
        started.push(index);
        await g.promise;
        return index;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limit.active).toBe(2);
    gates[1]?.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limit.active).toBe(2);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(limit.active).toBe(0);
  });

  it('gives a free slot to the lowest rank waiting, in arrival order within a rank', async () => {
    const limit = new RankedLimit(1);
    const first = gate();
    const order: string[] = [];
    const task = (name: string) => async (): Promise<void> => {
      order.push(name);
      await Promise.resolve();
    };
    const runs = [
      limit.run(5, async () => {
        order.push('first');
        await first.promise;
      }),
      limit.run(3, task('3a')),
      limit.run(1, task('1a')),
      limit.run(3, task('3b')),
      limit.run(1, task('1b')),
      limit.run(0, task('0')),
    ];
    first.open();
    await Promise.all(runs);
    expect(order).toEqual(['first', '0', '1a', '1b', '3a', '3b']);
  });

  it('frees the slot of a task that fails, and passes its error on', async () => {
    const limit = new RankedLimit(1);
    const failing = limit.run(0, () => Promise.reject(new Error('boom')));
    const next = limit.run(0, () => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(limit.active).toBe(0);
  });
});
