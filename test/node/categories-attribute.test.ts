import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCategories } from '../../src/core/notice/categories.js';

describe('the categories attribute', () => {
  it('reads a comma list of presets', () => {
    assert.deepEqual(parseCategories('offers, order-updates'), {
      categories: [{ id: 'offers' }, { id: 'order-updates' }],
      problems: [],
    });
  });

  it('reads custom categories given as JSON, for pages without JavaScript', () => {
    const result = parseCategories('[{"id":"loyalty","label":"Loyalty points","description":"your balance"},"offers",{"id":"order-updates","required":true}]');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.categories, [
      { id: 'loyalty', label: 'Loyalty points', description: 'your balance' },
      { id: 'offers' },
      { id: 'order-updates', required: true },
    ]);
  });

  it('explains broken JSON with an example of the right quoting', () => {
    const result = parseCategories("[{'id':'loyalty'}]");
    assert.deepEqual(result.categories, []);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /categories is not valid JSON/);
    assert.match(result.problems[0], /categories='\[\{"id":"loyalty","label":"Loyalty points"\}\]'/);
  });

  it('names the wrongly typed field', () => {
    assert.match(parseCategories('[{"id":"offers","required":"yes"}]').problems[0], /category "offers": required must be true or false/);
    assert.match(parseCategories('[{"id":"offers","label":3}]').problems[0], /label must be a string/);
  });

  it('asks for a label on a custom category in JSON too', () => {
    assert.match(parseCategories('[{"id":"loyalty"}]').problems[0], /not a preset .* needs a label/);
  });
});
