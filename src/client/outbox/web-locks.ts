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

/**
 * Asks for the named lock now (the request is queued synchronously) and holds
 * it until `release()`. `granted` resolves once it is held, at once without Web Locks.
 */
export function holdWebLock(name: string): { granted: Promise<void>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const granted = locks?.request
    ? new Promise<void>((grant) => void locks.request(name, () => (grant(), held)).catch(grant))
    : Promise.resolve();
  return { granted, release };
}
