/** WhatsApp Cloud API webhook deliveries as Meta posts them, signed with the app secret. */
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';

export interface TestMessage {
  id: string;
  from?: string;
  userId?: string;
  text: string;
  /** Seconds since 1970 as Meta sends it (a string), or anything else a hostile sender puts there. */
  timestamp?: unknown;
  /** Click-to-WhatsApp: the ad the conversation was opened from, as Meta adds it to the first message. */
  referral?: Record<string, unknown>;
}

/** A tap on a reply button of an interactive message the business sent (`replyTo`: that message's id). */
export interface TestButtonReply {
  id: string;
  from?: string;
  userId?: string;
  buttonId: string;
  title: string;
  replyTo?: string;
  timestamp?: unknown;
}

const BUSINESS_NUMBER = '15550783881';

function delivery(contacts: Array<{ from?: string; userId?: string }>, messages: unknown[]) {
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
              metadata: { display_phone_number: BUSINESS_NUMBER, phone_number_id: '106540352242922' },
              contacts: contacts.map((m) => ({ profile: { name: 'Kerry' }, ...(m.from ? { wa_id: m.from } : {}), ...(m.userId ? { user_id: m.userId } : {}) })),
              messages,
            },
          },
        ],
      },
    ],
  };
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** Button replies as Meta delivers them: `type: interactive`, `interactive.button_reply`, and `context` naming the message answered. */
export function buttonReplyDelivery(replies: TestButtonReply[]) {
  return delivery(
    replies,
    replies.map((m) => ({
      ...(m.replyTo ? { context: { from: BUSINESS_NUMBER, id: m.replyTo } } : {}),
      ...(m.from ? { from: m.from } : {}),
      ...(m.userId ? { from_user_id: m.userId } : {}),
      id: m.id,
      timestamp: m.timestamp === undefined ? nowSeconds() : m.timestamp,
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: m.buttonId, title: m.title } },
    })),
  );
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
                ...(m.referral ? { referral: m.referral } : {}),
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
