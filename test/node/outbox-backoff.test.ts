/**
 * The outbox's default retry schedule, read through its injectable clock, random source and timer:
 * no option given, as the page's outbox runs. No sleeping: the test moves the clock to each timer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryOutboxStore } from '../../src/client/outbox/memory-outbox-store.js';
import { type AttemptResult, Outbox } from '../../src/client/outbox/outbox.js';

interface Run {
  /** The delay of every retry timer the outbox set, in order. */
  timers: number[];
  /** When each attempt was made, in ms after the record was enqueued. */
  attemptsAt: number[];
}

/** Enqueues one record against a receiver that answers `answer` every time, until the outbox has set `timers` retry timers. */
async function followRetries(answer: AttemptResult, random: number, timers: number): Promise<Run> {
  const start = 1_000_000;
  let clock = start;
  const run: Run = { timers: [], attemptsAt: [] };
  let pending: { task: () => void; ms: number } | undefined;
  const outbox = new Outbox({
    store: new MemoryOutboxStore(),
    transport: async () => {
      run.attemptsAt.push(clock - start);
      return answer;
    },
    now: () => clock,
    random: () => random,
    schedule: (task, ms) => {
      pending = { task, ms };
      run.timers.push(ms);
      return () => {
        if (pending?.task === task) pending = undefined;
      };
    },
  });
  await outbox.enqueue('00000000-0000-4000-8000-000000000001', { url: 'https://receiver.test/consents', headers: {}, body: '{}' });
  await outbox.flush();
  while (run.timers.length < timers) {
    const timer = pending;
    assert.ok(timer, `a retry timer is set after attempt ${run.attemptsAt.length}`);
    clock += timer.ms;
    timer.task();
    await outbox.flush();
  }
  return run;
}

const unavailable: AttemptResult = { status: 503, message: 'unavailable' };

describe("the outbox's default retry schedule", () => {
  it('waits 1 s, then doubles up to 5 minutes, with the largest jitter', async () => {
    const { timers, attemptsAt } = await followRetries(unavailable, 1, 12);
    assert.deepEqual(timers, [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
    assert.deepEqual(attemptsAt.slice(0, 4), [0, 1000, 3000, 7000]);
  });

  it('waits half as long with the smallest jitter, but never less than a second between rounds', async () => {
    const { timers } = await followRetries(unavailable, 0, 12);
    assert.deepEqual(timers, [1000, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000]);
  });

  it('treats a network failure like a 503', async () => {
    const { timers } = await followRetries({ status: 0, message: 'network error' }, 1, 4);
    assert.deepEqual(timers, [1000, 2000, 4000, 8000]);
  });

  it('waits what Retry-After asks, up to the 5-minute cap', async () => {
    assert.deepEqual((await followRetries({ ...unavailable, retryAfter: '30' }, 0.5, 3)).timers, [30_000, 30_000, 30_000]);
    assert.deepEqual((await followRetries({ ...unavailable, retryAfter: '3600' }, 0.5, 2)).timers, [300_000, 300_000]);
  });

  it('sets no timer once the record is delivered or refused', async () => {
    for (const status of [201, 422]) {
      const { timers, attemptsAt } = await followRetries({ status, message: String(status) }, 0.5, 0);
      assert.deepEqual([timers, attemptsAt], [[], [0]], `after a ${status}`);
    }
  });
});
