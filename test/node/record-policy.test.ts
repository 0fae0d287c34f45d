import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { signedSample } from '../support/sample-record.js';

describe('the record carries the compliance outcome', () => {
  it('accepts WhatsApp template categories on categories and the profile with its checks', async () => {
    const record = await signedSample({
      categories: [
        { id: 'offers', label: 'Offers and promotions', granted: true, templateCategory: 'marketing' },
        { id: 'order-updates', label: 'Order updates', granted: false, templateCategory: 'utility' },
      ],
      policy: {
        profile: 'strictest',
        checks: [
          { id: 'business-named', passed: true },
          { id: 'privacy-linked', passed: false },
        ],
      },
    });
    assert.deepEqual(record.categories[0], { id: 'offers', label: 'Offers and promotions', granted: true, templateCategory: 'marketing' });
    assert.deepEqual(record.policy.checks[1], { id: 'privacy-linked', passed: false });
    const result = await verifyConsentRecord(record);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('leaves templateCategory out when it is not known, and refuses an unknown one', async () => {
    const plain = await signedSample();
    assert.equal('templateCategory' in plain.categories[0], false);
    const odd = await signedSample({
      categories: [{ id: 'offers', label: 'Offers', granted: true, templateCategory: 'promo' as 'marketing' }],
    });
    const result = await verifyConsentRecord(odd);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.path === '/categories/0/templateCategory'), JSON.stringify(result));
  });
});
