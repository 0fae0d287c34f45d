import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhoneInput } from '../../src/core/phone/phone-number.js';
import { chooseProfile } from '../../src/core/policy/choose-profile.js';

/** The profile `jurisdiction="auto"` picks for a typed number, as the form does: number → country → profile. */
function profileForNumber(number: string, channel = 'whatsapp') {
  const { country } = parsePhoneInput(number);
  return chooseProfile({ jurisdiction: 'auto', channel, country });
}

describe('chooseProfile', () => {
  const numbers: Array<[string, string, string, string]> = [
    // [number, country, WhatsApp profile, SMS profile]
    ['+49 1512 3456789', 'DE', 'gdpr', 'gdpr'],
    ['+33 6 12 34 56 78', 'FR', 'gdpr', 'gdpr'],
    ['+353 85 123 4567', 'IE', 'gdpr', 'gdpr'],
    ['+47 406 12 345', 'NO', 'gdpr', 'gdpr'],
    ['+44 7400 123456', 'GB', 'gdpr', 'gdpr'],
    ['+41 79 123 45 67', 'CH', 'gdpr', 'gdpr'],
    ['+1 201 555 0123', 'US', 'platform', 'sms-us'],
    ['+55 11 96123 4567', 'BR', 'platform', 'platform'],
    ['+91 81234 56789', 'IN', 'platform', 'platform'],
    ['+62 812 345 678', 'ID', 'platform', 'platform'],
  ];
  for (const [number, country, whatsapp, sms] of numbers) {
    it(`picks ${whatsapp} for WhatsApp and ${sms} for SMS from a ${country} number`, () => {
      assert.equal(parsePhoneInput(number).country, country);
      assert.equal(profileForNumber(number), whatsapp);
      assert.equal(profileForNumber(number, 'sms'), sms);
    });
  }

  it('applies the strictest profile while the country is unknown', () => {
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp' }), 'strictest');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'sms', country: '' }), 'strictest');
  });

  it('lets an explicit jurisdiction override the country', () => {
    assert.equal(chooseProfile({ jurisdiction: 'platform', channel: 'whatsapp', country: 'DE' }), 'platform');
    assert.equal(chooseProfile({ jurisdiction: 'gdpr', channel: 'whatsapp', country: 'BR' }), 'gdpr');
  });

  it('accepts lower-case country codes', () => {
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'de' }), 'gdpr');
  });
});
