import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeStatus, parseRetryAfter, retryDelayMs } from '../../src/client/outbox/retry-policy.js';

describe('the retry policy', () => {
  it('retries network failures, 408, 429 and 5xx, and treats other 4xx as final', () => {
    assert.deepEqual(
      [0, 200, 201, 204, 400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 500, 502, 503].map((s) => [s, judgeStatus(s)]),
      [
        [0, 'retry'],
        [200, 'delivered'],
        [201, 'delivered'],
        [204, 'delivered'],
        [400, 'final'],
        [401, 'final'],
        [403, 'final'],
        [404, 'final'],
        [408, 'retry'],
        [409, 'final'],
        [413, 'final'],
        [415, 'final'],
        [422, 'final'],
        [429, 'retry'],
        [500, 'retry'],
        [502, 'retry'],
        [503, 'retry'],
      ],
    );
  });

  it('doubles the delay with jitter and stops at the cap', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    assert.equal(retryDelayMs(1, undefined, 0, options), 500);
    assert.equal(retryDelayMs(1, undefined, 1, options), 1000);
    assert.equal(retryDelayMs(3, undefined, 0, options), 2000);
    assert.equal(retryDelayMs(3, undefined, 1, options), 4000);
    assert.equal(retryDelayMs(30, undefined, 1, options), 60_000);
  });

  it('honours Retry-After in seconds or as a date, within the cap', () => {
    const now = Date.parse('2026-11-25T18:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 18:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    const options = { baseMs: 1000, maxMs: 60_000 };
    assert.equal(retryDelayMs(1, 30_000, 0.5, options), 30_000);
    assert.equal(retryDelayMs(1, 3_600_000, 0.5, options), 60_000, 'a huge Retry-After is capped');
  });
});
