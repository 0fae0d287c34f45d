/** The consent record (v1): the public contract of DESIGN.md, as types. */
import type { RecordCampaign } from './campaign-attribution.js';

/**
 * `confirmation` is made by the receiver, not the device: the person confirmed
 * an opt-in by sending its code from WhatsApp (double opt-in). See `confirms`.
 */
export type RecordKind = 'opt-in' | 'opt-out' | 'preferences' | 'confirmation';

/** Where the opt-in was collected. */
export type CollectionSource =
  | 'website'
  | 'landing-page'
  | 'qr'
  | 'whatsapp-thread'
  | 'in-store'
  | 'social-ad'
  | 'email'
  | 'sms';

export const COLLECTION_SOURCES: readonly CollectionSource[] = [
  'website',
  'landing-page',
  'qr',
  'whatsapp-thread',
  'in-store',
  'social-ad',
  'email',
  'sms',
];

export interface RecordSubject {
  /** E.164, e.g. `+4915123456789`. */
  phone?: string;
  /** WhatsApp Business-Scoped User ID, e.g. `US.13491208655302741918`. */
  bsuid?: string;
}

export interface RecordCategory {
  id: string;
  /** The label exactly as shown to the person. */
  label: string;
  granted: boolean;
  /** The WhatsApp template category these messages are sent as (`marketing`, `utility`, `authentication`). */
  templateCategory?: 'marketing' | 'utility' | 'authentication';
}

export interface PolicyCheckResult {
  /** Stable rule id from COMPLIANCE.md, e.g. `business-named`. */
  id: string;
  passed: boolean;
}

export interface RecordPolicy {
  /** The profile applied, e.g. `platform` or `gdpr`. */
  profile: string;
  checks: PolicyCheckResult[];
}

export type NonceUnavailableReason = 'offline' | 'not-offered' | 'failed';

export interface ConsentRecord {
  version: 1;
  id: string;
  kind: RecordKind;
  /** ISO 8601 UTC, as the device saw it; the receiver's `receivedAt` is authoritative. */
  capturedAt: string;
  subject: RecordSubject;
  business: { name: string; privacyUrl: string | null; termsUrl?: string | null };
  channel: string;
  categories: RecordCategory[];
  notice: {
    locale: string;
    /** The exact consent text the person saw. */
    text: string;
    /** Lowercase hex SHA-256 of `text` in UTF-8. */
    sha256: string;
  };
  collection: {
    source: CollectionSource;
    pageUrl: string;
    widgetVersion: string;
    /** Milliseconds between the form being shown and submitted; the receiver treats implausibly fast fills as bots. */
    fillMs?: number;
    /** `true` when the form's hidden honeypot field was filled in (only bots see it); the receiver stores nothing then. */
    honeypot?: boolean;
    /** The campaign that brought the person: `utm_*`, `gclid`, `fbclid`, `ctwa_clid` from the page's query, nothing else. */
    campaign?: RecordCampaign;
    /** The form's A/B variant (`variant` attribute). */
    variant?: string;
  };
  policy: RecordPolicy;
  /** A single-use challenge issued by the receiver, when one was obtained. */
  nonce?: string;
  /** On a `confirmation`: the opt-in it confirms and the code that was sent back. */
  confirms?: { recordId: string; code: string };
  /**
   * On a record the receiver made from an inbound message (a confirmation, or a
   * STOP reply): the messaging platform's message id and when it says it was sent.
   * Such records are signed by the receiver's key on arrival.
   */
  inbound?: {
    messageId: string;
    sentAt?: string;
    /** On a record made from Meta's `user_changed_number` / `user_changed_user_id` system message: the identifiers the person had before. */
    previous?: RecordSubject;
  };
  /** Why no `nonce` is present although the form asked for one: `offline`, `not-offered` (the endpoint has no nonce route) or `failed`. */
  nonceUnavailable?: NonceUnavailableReason;
  proof: { jws: string };
}

/** A record before it is signed. */
export type UnsignedConsentRecord = Omit<ConsentRecord, 'proof'>;
