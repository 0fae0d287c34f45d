/**
 * Records the receiver makes on arrival from an inbound message (WhatsApp, or an SMS reply relayed to it): a
 * `confirmation` of a double opt-in, or an `opt-out` / `preferences` record
 * from a STOP or resume reply. They carry every required member like a
 * device's record, and are signed by the receiver's own key (its public key in
 * the JWS header, so the same verifier checks them; its thumbprint is the
 * `kid` in `/.well-known/jwks.json`).
 */
import { buildConsentRecord } from '../core/record/build-consent-record.js';
import type { ConsentRecord, RecordCategory, RecordSubject } from '../core/record/consent-record.js';
import { hex, utf8Bytes } from '../core/record/encoding.js';
import { signRecord } from '../core/record/sign-record.js';
import type { ReceiverKey } from './receiver-key.js';
import type { InboundMessage } from './whatsapp-inbound.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A UUID (version 8, name-based) from the platform's message id and the sender,
 * so the platform re-delivering the same webhook finds the record already
 * stored, and one sender's message id cannot pre-empt another's record. Devices
 * may not post ids of this version (see `isInboundRecordId`), so nobody can
 * pre-post the id a coming STOP will take.
 */
export async function inboundRecordId(messageId: string, purpose: string, sender: RecordSubject = {}): Promise<string> {
  const from = `${sender.phone ?? ''}|${sender.bsuid ?? ''}`;
  return receiverRecordId(`optin-inbound:${purpose}:${from}:${messageId}`);
}

/** A UUID version 8 from a name: the receiver's own id space (see `isInboundRecordId`), for records it makes itself. */
export async function receiverRecordId(name: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Bytes(name)));
  digest[6] = (digest[6] & 0x0f) | 0x80;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const h = hex(digest.subarray(0, 16));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Whether an id is in the receiver's own namespace (UUID version 8): refused from devices. */
export function isInboundRecordId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-8/i.test(id);
}

async function receiverKeyPair(key: ReceiverKey): Promise<CryptoKeyPair> {
  const { kid: _kid, alg: _alg, use: _use, ...jwk } = key.publicJwk;
  const publicKey = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDSA_P256, true, ['verify']);
  return { privateKey: key.privateKey, publicKey };
}

interface InboundRecordInput {
  key: ReceiverKey;
  message: InboundMessage;
  kind: ConsentRecord['kind'];
  purpose: string;
  business: ConsentRecord['business'];
  categories: RecordCategory[];
  locale: string;
  policy: ConsentRecord['policy'];
  receivedAt: Date;
  confirms?: ConsentRecord['confirms'];
}

export async function buildInboundRecord(input: InboundRecordInput): Promise<ConsentRecord> {
  const subject: RecordSubject = input.message.subject;
  const unsigned = await buildConsentRecord({
    id: await inboundRecordId(input.message.messageId, `${input.message.channel ?? 'whatsapp'}:${input.purpose}`, subject),
    kind: input.kind,
    subject,
    business: input.business,
    channel: input.message.channel ?? 'whatsapp',
    categories: input.categories,
    // What the person "saw" is what they typed: the message itself is the act.
    notice: { locale: input.locale, text: input.message.text.slice(0, 20000) },
    source: (input.message.channel ?? 'whatsapp') === 'sms' ? 'sms' : 'whatsapp-thread',
    pageUrl: '',
    policy: input.policy,
    // The platform's send time when it is plausible, else arrival: never ahead of the receiver's clock.
    capturedAt: input.message.sentAt && Date.parse(input.message.sentAt) <= input.receivedAt.getTime() ? new Date(input.message.sentAt) : input.receivedAt,
  });
  const record: ConsentRecord = {
    ...unsigned,
    ...(input.confirms ? { confirms: input.confirms } : {}),
    inbound: {
      messageId: input.message.messageId,
      ...(input.message.sentAt ? { sentAt: input.message.sentAt } : {}),
      ...(input.message.previous ? { previous: input.message.previous } : {}),
      ...(input.message.referral ? { referral: input.message.referral } : {}),
    },
  } as ConsentRecord;
  const { proof: _proof, ...toSign } = record;
  return signRecord(toSign, await receiverKeyPair(input.key));
}
