/**
 * A WhatsApp button reply to a thread opt-in prompt. Meta signs the webhook, and the reply comes
 * from the person's own WhatsApp identity: that is the proof DESIGN.md asks of a grant. So a
 * "yes" to a prompt this receiver issued, from the prompt's own recipient, within the prompt's
 * lifetime, becomes an opt-in for exactly the prompt's categories, attested by the receiver
 * (evidence: the reply's and the prompt's message ids, the prompt's text, the time). Anything
 * else (a "no", a prompt never issued, issued to someone else, or too old) stores nothing.
 */
import { buildConsentRecord } from '../../core/record/build-consent-record.js';
import type { RecordSubject } from '../../core/record/consent-record.js';
import { parseThreadPromptButtonId } from '../../core/messages/thread-opt-in-prompt.js';
import { appendVerifiedRecord } from '../append-verified-record.js';
import type { ConsentStore } from '../consent-store.js';
import { inboundRecordId } from '../inbound-records.js';
import type { ReceiverKey } from '../receiver-key.js';
import { attestWithReceiverKey } from '../receiver-attestation.js';
import type { InboundMessage } from '../whatsapp-inbound.js';
import { DEFAULT_THREAD_PROMPT_MAX_AGE_MS } from './issue-thread-prompt.js';
import { hasThreadPromptStore, type IssuedThreadPrompt } from './thread-prompt-store.js';

export type ThreadReplyOutcome =
  | { action: 'opted-in'; promptId: string; recordId: string; created: boolean }
  | { action: 'declined'; promptId: string }
  | { action: 'ignored'; reason: string; promptId?: string };

const sameIdentity = (prompt: RecordSubject, sender: RecordSubject) =>
  (prompt.phone !== undefined && prompt.phone === sender.phone) || (prompt.bsuid !== undefined && prompt.bsuid === sender.bsuid);

/** Why the reply cannot answer this prompt, or `undefined` when it can. */
function replyProblem(prompt: IssuedThreadPrompt | undefined, message: InboundMessage, receivedAt: Date, maxAgeMs: number): string | undefined {
  if (!prompt) return 'a reply to a thread prompt this receiver never issued';
  if (!sameIdentity(prompt.recipient, message.subject)) return 'a reply to a thread prompt issued to someone else';
  // Measured at arrival (the journal's time, so reprocessing decides the same way), never by the sender's clock.
  if (receivedAt.getTime() - Date.parse(prompt.issuedAt) > maxAgeMs) return `a reply to a thread prompt older than ${Math.round(maxAgeMs / 3_600_000)} hours`;
  return undefined;
}

/**
 * Answers a button reply whose id this library issued (`optin-yes.<prompt>` / `optin-no.<prompt>`);
 * `undefined` for any other message, which the caller handles as before.
 */
export async function answerThreadPrompt(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: { threadPromptMaxAgeMs?: number } = {},
): Promise<ThreadReplyOutcome | undefined> {
  const button = parseThreadPromptButtonId(message.buttonId);
  if (!button || (message.channel ?? 'whatsapp') !== 'whatsapp') return undefined;
  if (!hasThreadPromptStore(store)) return { action: 'ignored', reason: 'this store keeps no thread prompts', promptId: button.promptId };
  const prompt = await store.findThreadPrompt(button.promptId);
  const problem = replyProblem(prompt, message, receivedAt, options.threadPromptMaxAgeMs ?? DEFAULT_THREAD_PROMPT_MAX_AGE_MS);
  if (problem || !prompt) return { action: 'ignored', reason: problem ?? 'no prompt', promptId: button.promptId };
  // "No" is kept only as this outcome in the webhook journal: declining changes nothing, and is no withdrawal.
  if (button.answer === 'no') return { action: 'declined', promptId: prompt.id };

  const unsigned = await buildConsentRecord({
    id: await inboundRecordId(message.messageId, 'whatsapp:thread-opt-in', message.subject),
    kind: 'opt-in',
    subject: message.subject,
    business: prompt.business,
    channel: 'whatsapp',
    categories: prompt.categories.map((category) => ({ ...category, granted: true })),
    // What the person saw is the prompt; the tap on "yes" is the act.
    notice: { locale: prompt.locale, text: prompt.text },
    source: 'whatsapp-thread',
    pageUrl: '',
    policy: prompt.policy,
    capturedAt: message.sentAt && Date.parse(message.sentAt) <= receivedAt.getTime() ? new Date(message.sentAt) : receivedAt,
  });
  const record = {
    ...unsigned,
    // Marks the record as made from the person's own message: it carries their authority (record-authority.ts).
    inbound: { messageId: message.messageId, ...(message.sentAt ? { sentAt: message.sentAt } : {}) },
  };
  const attested = await attestWithReceiverKey(key, record, {
    evidence: 'whatsapp-button-reply',
    attestedAt: receivedAt.toISOString(),
    messageIds: message.replyTo ? [message.replyTo, message.messageId] : [message.messageId],
    promptId: prompt.id,
    promptText: prompt.text,
  });
  const result = await appendVerifiedRecord(store, key, attested, receivedAt);
  if (!result.ok) return { action: 'ignored', reason: result.errors.map((e) => e.message).join('; '), promptId: prompt.id };
  return { action: 'opted-in', promptId: prompt.id, recordId: result.entry.id, created: result.created };
}
