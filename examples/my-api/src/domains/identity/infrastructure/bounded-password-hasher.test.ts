import { UnavailableError } from '../../../shared/kernel/domain-error';
import type { PasswordHasher } from '../application/ports';
import { BoundedPasswordHasher } from './bounded-password-hasher';

/** A hasher whose every call waits until the test finishes it, in order. */
function heldHasher() {
  const pending: (() => void)[] = [];
  let calls = 0;
  const held = <T>(value: T) =>
    new Promise<T>((resolve) => {
      calls += 1;
      pending.push(() => resolve(value));
    });
  const hasher: PasswordHasher = { hash: () => held('hash'), verify: () => held(true) };
  return {
    hasher,
    calls: () => calls,
    finishOne: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve)); // let the next one start
    },
  };
}

describe('BoundedPasswordHasher', () => {
  it('runs at most `concurrency` at once, queues `queue` more, and refuses the rest at once (503)', async () => {
    const inner = heldHasher();
    const bounded = new BoundedPasswordHasher(inner.hasher, { concurrency: 2, queue: 1 });
    const running = [bounded.hash('a'), bounded.verify('b', 'h')];
    const queued = bounded.hash('c');
    await expect(bounded.verify('d', 'h')).rejects.toBeInstanceOf(UnavailableError);
    await expect(bounded.hash('e')).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: 1 });
    expect(inner.calls()).toBe(2);
    await inner.finishOne();
    expect(inner.calls()).toBe(3); // the queued one took the freed slot
    const queuedNext = bounded.hash('f'); // and freed its place in the queue
    await expect(bounded.hash('g')).rejects.toBeInstanceOf(UnavailableError);
    for (let finished = 0; finished < 3; finished += 1) await inner.finishOne();
    expect(await Promise.all([...running, queued, queuedNext])).toEqual(['hash', true, 'hash', 'hash']);
    expect(inner.calls()).toBe(4);
  });

  it('frees its slot when the hash fails', async () => {
    const failing: PasswordHasher = {
      hash: () => Promise.reject(new Error('boom')),
      verify: () => Promise.resolve(true),
    };
    const bounded = new BoundedPasswordHasher(failing, { concurrency: 1, queue: 0 });
    await expect(bounded.hash('a')).rejects.toThrow('boom');
    expect(await bounded.verify('a', 'h')).toBe(true);
  });
});
