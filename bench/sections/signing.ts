import { signRecord } from '../../src/core/record/sign-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { generateTestKeyPair, unsignedSample } from '../../test/support/sample-record.js';
import { type BenchSection, medianMs } from '../bench-section.js';

export async function run(): Promise<BenchSection> {
  const keyPair = await generateTestKeyPair();
  const unsigned = await unsignedSample();
  const signed = await signRecord(unsigned, keyPair);
  const sign = await medianMs(200, () => signRecord(unsigned, keyPair));
  const verify = await medianMs(200, () => verifyConsentRecord(signed));
  return {
    title: 'Signing and verification (Node WebCrypto)',
    header: ['operation', 'median ms'],
    rows: [
      ['sign a record (key exists)', sign.toFixed(3)],
      ['verify a record', verify.toFixed(3)],
    ],
    notes: ['Median of 200 runs each.'],
  };
}
