import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isDismissalActive,
  isPointerExit,
  isTouchExit,
  parseDisplayMode,
  parseDisplayTrigger,
  scrolledPercent,
} from '../../src/core/notice/display-trigger.js';

const DAY = 86_400_000;

describe('display and trigger attributes', () => {
  it('reads popup and flyout, and keeps anything else inline, where the form always works', () => {
    assert.equal(parseDisplayMode('popup'), 'popup');
    assert.equal(parseDisplayMode(' Flyout '), 'flyout');
    for (const value of ['', 'inline', 'modal', null, undefined]) assert.equal(parseDisplayMode(value), 'inline');
  });

  it('reads manual, delay:S, scroll:P and exit-intent', () => {
    assert.deepEqual(parseDisplayTrigger(''), { trigger: { kind: 'manual' } });
    assert.deepEqual(parseDisplayTrigger('manual'), { trigger: { kind: 'manual' } });
    assert.deepEqual(parseDisplayTrigger('delay:5'), { trigger: { kind: 'delay', seconds: 5 } });
    assert.deepEqual(parseDisplayTrigger('delay:0.5'), { trigger: { kind: 'delay', seconds: 0.5 } });
    assert.deepEqual(parseDisplayTrigger('scroll:50'), { trigger: { kind: 'scroll', percent: 50 } });
    assert.deepEqual(parseDisplayTrigger('Exit-Intent'), { trigger: { kind: 'exit-intent' } });
  });

  it('names a malformed trigger and opens only by open() until it is fixed', () => {
    for (const value of ['delay', 'delay:-1', 'delay:9000', 'scroll:150', 'scroll:half', 'hover']) {
      const { trigger, problem } = parseDisplayTrigger(value);
      assert.deepEqual(trigger, { kind: 'manual' }, value);
      assert.match(problem ?? '', /trigger ".*" must be/, value);
    }
  });
});

describe('trigger decisions', () => {
  it('measures how far the page was read, counting a page that does not scroll as read', () => {
    assert.equal(scrolledPercent(0, 800, 2400), 0);
    assert.equal(scrolledPercent(800, 800, 2400), 50);
    assert.equal(scrolledPercent(1600, 800, 2400), 100);
    assert.equal(scrolledPercent(0, 800, 600), 100);
  });

  it('takes a pointer leaving through the top edge as exit intent, not one moving onto another element', () => {
    assert.equal(isPointerExit(0, false), true);
    assert.equal(isPointerExit(-3, false), true);
    assert.equal(isPointerExit(0, true), false);
    assert.equal(isPointerExit(200, false), false);
  });

  it('on touch screens, takes scrolling back up a third of a screen after reading one as exit intent', () => {
    assert.equal(isTouchExit(1000, 700, 800), true);
    assert.equal(isTouchExit(1000, 900, 800), false, 'a small scroll back is reading');
    assert.equal(isTouchExit(500, 0, 800), false, 'not yet a screen read');
  });

  it('keeps a dismissed form closed for dismiss-days, and only then', () => {
    const now = Date.UTC(2027, 3, 1);
    assert.equal(isDismissalActive(undefined, 7, now), false);
    assert.equal(isDismissalActive(now - 6 * DAY, 7, now), true);
    assert.equal(isDismissalActive(now - 7 * DAY, 7, now), false);
    assert.equal(isDismissalActive(now - 1000, 0, now), false, '0 days: shown again on the next page');
    assert.equal(isDismissalActive(now + DAY, 7, now), false, 'a clock set back does not hide it for ever');
    assert.equal(isDismissalActive(Number.NaN, 7, now), false);
  });
});
