/**
 * The `referral` Meta adds to the first message of a conversation a person opened from an ad or
 * a post (Click-to-WhatsApp): which ad, its text, and the click id (`ctwa_clid`). It says where
 * the conversation came from, never that the person agreed to anything: a tap on an ad is not an
 * opt-in (COMPLIANCE.md `not-an-inbound-message`). Kept with Meta's own member names.
 */

export interface ConversationReferral {
  /** The ad's or post's URL. */
  source_url?: string;
  /** The ad's or post's id. */
  source_id?: string;
  /** `ad` or `post`. */
  source_type?: string;
  headline?: string;
  body?: string;
  /** `image` or `video`. */
  media_type?: string;
  /** The Click-to-WhatsApp click id, for the business's ad reporting. */
  ctwa_clid?: string;
}

/** The members kept and how long each may be; anything else Meta sends (media URLs that expire) is dropped. */
const KEPT: Readonly<Record<keyof ConversationReferral, number>> = {
  source_url: 2048,
  source_id: 256,
  source_type: 32,
  headline: 1024,
  body: 1024,
  media_type: 32,
  ctwa_clid: 1024,
};

/** At most `limit` UTF-16 units, and well-formed: a record's strings are hashed exactly as kept. */
function cut(text: string, limit: number): string {
  return text.slice(0, limit).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Meta's `referral` object as kept, or `undefined` when there is none or nothing in it is a string. */
export function readReferral(value: unknown): ConversationReferral | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const referral: ConversationReferral = {};
  for (const [name, limit] of Object.entries(KEPT) as Array<[keyof ConversationReferral, number]>) {
    const member = (value as Record<string, unknown>)[name];
    if (typeof member === 'string' && member.length > 0) referral[name] = cut(member, limit);
  }
  return Object.keys(referral).length > 0 ? referral : undefined;
}
