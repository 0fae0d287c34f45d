import type { OutboxLocks } from './outbox.js';

/**
 * Web Locks across tabs of one origin, so two tabs never send the same
 * record at once. Without Web Locks each tab sends on its own; the receiver's
 * idempotency still stores the record once.
 */
export const webLocks: OutboxLocks = async (name, task) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request) return task();
  return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? task() : ('busy' as const)));
};
