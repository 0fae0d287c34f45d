/** WhatsApp Cloud API webhook deliveries as Meta posts them, signed with the app secret. */
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';

export interface TestMessage {
  id: string;
  from?: string;
  userId?: string;
  text: string;
  /** Seconds since 1970 as Meta sends it (a string), or anything else a hostile sender puts there. */
  timestamp?: unknown;
}

/** One delivery, one change, any number of messages (Meta batches them). */
export function whatsappDelivery(messages: TestMessage[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: messages.map((m) => ({ profile: { name: 'Kerry' }, ...(m.from ? { wa_id: m.from } : {}), ...(m.userId ? { user_id: m.userId } : {}) })),
              messages: messages.map((m) => ({
                ...(m.from ? { from: m.from } : {}),
                ...(m.userId ? { from_user_id: m.userId } : {}),
                id: m.id,
                timestamp: m.timestamp === undefined ? String(Math.floor(Date.now() / 1000)) : m.timestamp,
                type: 'text',
                text: { body: m.text },
              })),
            },
          },
        ],
      },
    ],
  };
}

/** The request Meta would send: the body and its X-Hub-Signature-256. */
export async function signedDelivery(payload: unknown, appSecret: string): Promise<{ body: string; headers: Record<string, string> }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(appSecret, body) } };
}
