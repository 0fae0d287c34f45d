/**
 * The browser side of the component tests' real receiver (see test-receiver-middleware.mjs):
 * same origin, a real SQLite ledger, the real verification and state derivation.
 */
import type { RecordSubject } from '../../src/core/record/consent-record.js';
import type { AuditExport } from '../../src/server/audit-export.js';
import { signedSample } from './sample-record.js';
import type { ConsentRecordInput } from '../../src/core/record/build-consent-record.js';
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';

export const RECEIVER_ENDPOINT = '/receiver/consents';
const ADMIN = { Authorization: 'Bearer component-tests-admin-token-0123456789abcdef' };

/** A number no other test (or engine running the same test at once) uses. */
export function uniquePhone(): string {
  return `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export async function storeSignedRecord(overrides: Partial<ConsentRecordInput>): Promise<void> {
  const record = await signedSample(overrides);
  const response = await fetch(RECEIVER_ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
  if (response.status !== 201) throw new Error(`the test receiver refused the record: ${response.status} ${await response.text()}`);
}

export async function issuePreferenceToken(subject: RecordSubject): Promise<string> {
  const response = await fetch('/receiver/preference-tokens', {
    method: 'POST',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(subject),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The receiver's audit export of one person: every stored record, re-verified, and the derived state. */
export async function auditOf(phone: string): Promise<AuditExport> {
  const response = await fetch(`/receiver/audit/subject?phone=${encodeURIComponent(phone)}`, { headers: ADMIN });
  return (await response.json()) as AuditExport;
}

export function grantedMap(categories: Array<{ id: string; granted: boolean }>): Record<string, boolean> {
  return Object.fromEntries(categories.map((c) => [c.id, c.granted]));
}

/** Posts what WhatsApp Cloud API sends when `from` (digits) writes `text` to the business, signed with the app secret. */
export async function postWhatsAppMessage(message: { id: string; from: string; userId?: string; text: string }): Promise<Response> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '49301234567', phone_number_id: '1065' },
              contacts: [{ profile: { name: 'Test' }, wa_id: message.from, ...(message.userId ? { user_id: message.userId } : {}) }],
              messages: [{ from: message.from, id: message.id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: message.text } }],
            },
          },
        ],
      },
    ],
  });
  return fetch('/receiver/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature('component-tests-app-secret', body) },
    body,
  });
}
