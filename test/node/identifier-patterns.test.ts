import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BSUID_PATTERN, CHANNEL_PATTERN, E164_PATTERN, isBsuid, isChannelName, isE164 } from '../../src/core/phone/identifier-patterns.js';
import { consentRecordSchema } from '../../src/core/record/consent-record-schema.js';

describe('identifier patterns (the one source)', () => {
  it('accepts real E.164 numbers and refuses what is not one', () => {
    for (const phone of ['+4915123456789', '+447400123456', '+12015550123', '+5511961234567', '+8613123456789', '+999999999999999'])
      assert.ok(isE164(phone), phone);
    // The pattern is the shape only; whether a number exists is the receiver's libphonenumber check.
    for (const phone of ['4915123456789', '+04915123456789', '+49 151 23456789', '+1234567890123456', '+12345', '']) assert.ok(!isE164(phone), phone);
  });

  it("accepts Meta's BSUIDs and parent BSUIDs, and refuses look-alikes", () => {
    for (const bsuid of ['US.13491208655302741918', 'DE.8812345678901234', 'US.ENT.11815799212886844830', 'BR.ENT.abc123']) assert.ok(isBsuid(bsuid), bsuid);
    for (const bsuid of ['us.13491208655302741918', 'USA.1349', 'US.', 'US.ENT.', 'US.ENT.ENT.1', 'US 1349', '+4915123456789', `US.${'1'.repeat(129)}`])
      assert.ok(!isBsuid(bsuid), bsuid);
  });

  it('accepts channel names such as whatsapp and sms', () => {
    for (const channel of ['whatsapp', 'sms', 'rcs-business']) assert.ok(isChannelName(channel), channel);
    for (const channel of ['WhatsApp', '1sms', '', 'a'.repeat(33)]) assert.ok(!isChannelName(channel), channel);
  });

  it("is what the record's JSON Schema uses", () => {
    const properties = consentRecordSchema.properties as unknown as Record<string, { pattern?: string; properties?: Record<string, { pattern?: string }> }>;
    assert.equal(properties.subject.properties?.phone.pattern, E164_PATTERN.source);
    assert.equal(properties.subject.properties?.bsuid.pattern, BSUID_PATTERN.source);
    assert.equal(properties.channel.pattern, CHANNEL_PATTERN.source);
  });
});
