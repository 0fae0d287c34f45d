/**
 * Bundled for the browser bench only: signs the sample record with the device key
 * (non-extractable, from IndexedDB) the way the form does, and times each signature.
 */
import { getDeviceKeyPair } from '../../src/client/device-key-store.js';
import { buildConsentRecord } from '../../src/core/record/build-consent-record.js';
import { signRecord } from '../../src/core/record/sign-record.js';
import { sampleInput } from '../../test/support/sample-record.js';

export async function timeSigning(runs: number): Promise<number[]> {
  const keyPair = await getDeviceKeyPair();
  const unsigned = await buildConsentRecord(sampleInput());
  await signRecord(unsigned, keyPair);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await signRecord(unsigned, keyPair);
    times.push(performance.now() - start);
  }
  return times;
}
