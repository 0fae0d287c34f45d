// Runs the tests of every `describe` in a random order, which Node 20's test runner cannot do by
// itself: a test that passes only after another one leans on that test's records. Preloaded into
// each test file's process (see `npm run test:node:shuffled`):
//
//   NODE_OPTIONS="--require ./test/support/shuffle-tests.cjs" tsx --test test/node/*.test.ts
//
// OPTIN_TEST_SEED=N repeats an order; the seed is printed on stderr so a failing order can be
// replayed. Hooks and nested suites keep their place; only sibling `it`s are reordered.
'use strict';
// NODE_OPTIONS reaches every process the tests start too (the CLI, servers): only a test file is touched.
if (/\.test\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) shuffleSuites();

function shuffleSuites() {
  const test = require('node:test');
  const { syncBuiltinESMExports } = require('node:module');

  const seed = Number(process.env.OPTIN_TEST_SEED) || Math.floor(Math.random() * 2 ** 31);
  let state = seed;
  /** mulberry32: a small seeded generator, so an order can be replayed. */
  function random() {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function shuffled(items) {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  const originalDescribe = test.describe;
  const originalIt = test.it;
  /** The `it` calls of the suite whose body is running, to be registered once it has run. */
  let collecting;

  function it(...args) {
    if (collecting) collecting.push(args);
    else return originalIt(...args);
  }
  Object.assign(it, originalIt);

  function describe(...args) {
    const body = args.findIndex((arg) => typeof arg === 'function');
    if (body === -1) return originalDescribe(...args);
    const fn = args[body];
    args[body] = function (...suiteArgs) {
      const outer = collecting;
      collecting = [];
      try {
        return fn.apply(this, suiteArgs);
      } finally {
        const mine = collecting;
        collecting = outer;
        for (const call of shuffled(mine)) originalIt(...call);
      }
    };
    return originalDescribe(...args);
  }
  Object.assign(describe, originalDescribe);

  test.it = it;
  test.describe = describe;
  syncBuiltinESMExports();
  process.stderr.write(`[shuffle-tests] seed ${seed}\n`);
}
