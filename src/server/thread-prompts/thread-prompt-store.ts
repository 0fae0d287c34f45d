/**
 * The thread opt-in prompts the receiver issued: what a WhatsApp button reply is checked against.
 * Kept beside the ledger, not in it: a prompt is the business's question, not an act of the
 * person. A "yes" becomes an attested record that carries the prompt's exact text itself, so
 * the evidence never depends on this table once the record is stored.
 */
import type { ConsentRecord, RecordCategory, RecordPolicy, RecordSubject } from '../../core/record/consent-record.js';

export interface IssuedThreadPrompt {
  /** The id in its reply buttons (`optin-yes.<id>`, `optin-no.<id>`). */
  id: string;
  /** Who it was sent to: only a reply from this phone number or BSUID counts. */
  recipient: RecordSubject;
  /** The exact body text sent. */
  text: string;
  locale: string;
  /** What a "yes" grants: exactly these, each `granted: true`. */
  categories: RecordCategory[];
  business: ConsentRecord['business'];
  /** The compliance checks the text passed. */
  policy: RecordPolicy;
  /** The receiver's clock when it was issued (ISO 8601): a reply long after it does nothing. */
  issuedAt: string;
}

/** Optional on a store as a whole: without it `POST /thread-prompts` answers 501 and button replies do nothing. */
export interface ThreadPromptStore {
  /** Keeps the prompt unless one with its id exists; answers the kept one. Durable before it resolves. */
  saveThreadPrompt(prompt: IssuedThreadPrompt): Promise<{ prompt: IssuedThreadPrompt; created: boolean }>;
  findThreadPrompt(id: string): Promise<IssuedThreadPrompt | undefined>;
}

export function hasThreadPromptStore<T extends object>(store: T): store is T & ThreadPromptStore {
  const candidate = store as Partial<ThreadPromptStore>;
  return typeof candidate.saveThreadPrompt === 'function' && typeof candidate.findThreadPrompt === 'function';
}

/** A row as both stores keep it: the prompt as JSON, its id and recipient beside it. */
export interface ThreadPromptRow {
  id: string;
  issued_at: string;
  prompt_json: string;
}

export function threadPromptOf(row: ThreadPromptRow): IssuedThreadPrompt {
  return JSON.parse(row.prompt_json) as IssuedThreadPrompt;
}
