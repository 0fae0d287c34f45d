/**
 * On the sending side (a BSP, a CRM, your own send loop): drop every recipient on the hashed
 * suppression list. `salt` is what `optin-elements suppression --print-salt` printed (hex);
 * `hashes` is the `hash` column of `optin-elements suppression --hashed`.
 */
import { createHmac } from 'node:crypto';

export function suppressionHashOf(e164OrBsuid: string, saltHex: string): string {
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(e164OrBsuid, 'utf8').digest('hex');
}

export function withoutSuppressed(recipients: string[], saltHex: string, hashes: ReadonlySet<string>): string[] {
  // Numbers in E.164 exactly as the receiver stores them (+4915123456789): normalise before hashing.
  return recipients.filter((recipient) => !hashes.has(suppressionHashOf(recipient, saltHex)));
}
