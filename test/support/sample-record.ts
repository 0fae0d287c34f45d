/** Builds real signed records for tests, with WebCrypto (Node's or the browser's). */
import { buildConsentRecord, type ConsentRecordInput } from '../../src/core/record/build-consent-record.js';
import type { DeviceSignedRecord, UnsignedConsentRecord } from '../../src/core/record/consent-record.js';
import { signRecord } from '../../src/core/record/sign-record.js';

export function generateTestKeyPair(extractable = false): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, extractable, ['sign', 'verify']);
}

export function sampleInput(overrides: Partial<ConsentRecordInput> = {}): ConsentRecordInput {
  return {
    kind: 'opt-in',
    subject: { phone: '+4915123456789' },
    business: { name: 'Blumen Berlin', privacyUrl: 'https://blumen.example/privacy' },
    channel: 'whatsapp',
    categories: [
      { id: 'offers', label: 'Offers and promotions', granted: true },
      { id: 'order-updates', label: 'Order updates', granted: false },
    ],
    notice: { locale: 'en', text: 'I agree to receive messages from Blumen Berlin on WhatsApp about the topics I tick below.' },
    source: 'website',
    pageUrl: 'https://blumen.example/join?phone=+4915123456789#top',
    policy: { profile: 'platform', checks: [{ id: 'business-named', passed: true }] },
    ...overrides,
  };
}

export async function unsignedSample(overrides: Partial<ConsentRecordInput> = {}): Promise<UnsignedConsentRecord> {
  return buildConsentRecord(sampleInput(overrides));
}

export async function signedSample(overrides: Partial<ConsentRecordInput> = {}, keyPair?: CryptoKeyPair): Promise<DeviceSignedRecord> {
  return signRecord(await unsignedSample(overrides), keyPair ?? (await generateTestKeyPair()));
}
