/**
 * Issuing a thread opt-in prompt: build it (`buildThreadOptInPrompt`, which refuses a text that
 * fails the compliance rules) and keep what a later button reply is checked against: the exact
 * text, the categories, the recipient and the time. The business then sends `message` itself
 * through the Cloud API; the receiver never sends messages.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import { buildThreadOptInPrompt, type BuiltThreadOptInPrompt, type ThreadOptInPromptOptions } from '../thread-opt-in-prompt.js';
import type { ConsentStore } from '../consent-store.js';
import { hasThreadPromptStore, type IssuedThreadPrompt } from './thread-prompt-store.js';

/** How long a prompt can be answered: a "yes" arriving later does nothing (ask again). */
export const DEFAULT_THREAD_PROMPT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface IssueThreadPromptOptions extends Omit<ThreadOptInPromptOptions, 'to' | 'promptId'> {
  /** The person the prompt goes to, already normalised (E.164 phone and/or a BSUID). */
  recipient: RecordSubject;
}

export interface IssuedThreadOptInPrompt {
  prompt: BuiltThreadOptInPrompt;
  issued: IssuedThreadPrompt;
}

/**
 * Builds the prompt and keeps it in the store. Throws like `buildThreadOptInPrompt` (a
 * `NonCompliantPromptError`, a `TypeError` for unreadable options), and a `TypeError` for a store
 * that keeps no prompts (both shipped stores do).
 */
export async function issueThreadOptInPrompt(store: ConsentStore, options: IssueThreadPromptOptions, now: Date = new Date()): Promise<IssuedThreadOptInPrompt> {
  if (!hasThreadPromptStore(store)) throw new TypeError('this store keeps no thread prompts (saveThreadPrompt, findThreadPrompt)');
  const { recipient, ...build } = options;
  if (!recipient.phone && !recipient.bsuid) throw new TypeError('recipient must have a phone number or a BSUID');
  const prompt = await buildThreadOptInPrompt({ ...build, to: recipient.phone ?? recipient.bsuid });
  const issued: IssuedThreadPrompt = {
    id: prompt.promptId,
    recipient,
    text: prompt.text,
    locale: prompt.locale,
    categories: prompt.categories,
    business: { name: options.businessName.trim(), privacyUrl: options.privacyUrl ?? null, ...(options.termsUrl ? { termsUrl: options.termsUrl } : {}) },
    policy: prompt.policy,
    issuedAt: now.toISOString(),
  };
  await store.saveThreadPrompt(issued);
  return { prompt, issued };
}
