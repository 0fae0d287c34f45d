/** The consent record (v1): the public contract of DESIGN.md, as types. */
import type { RecordCampaign } from './campaign-attribution.js';

/**
 * `confirmation` is made by the receiver, not the device: the person confirmed
 * an opt-in by sending its code from WhatsApp (double opt-in). See `confirms`.
 */
export type RecordKind = 'opt-in' | 'opt-out' | 'preferences' | 'confirmation';

/** Where the opt-in was collected. */
export type CollectionSource = 'website' | 'landing-page' | 'qr' | 'whatsapp-thread' | 'in-store' | 'social-ad' | 'email' | 'sms' | 'import';

export const COLLECTION_SOURCES: readonly CollectionSource[] = [
  'website',
  'landing-page',
  'qr',
  'whatsapp-thread',
  'in-store',
  'social-ad',
  'email',
  'sms',
  'import',
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
    /** On a shop's tablet (`<optin-form kiosk>`): who helped the person, as the business names its staff. */
    staffId?: string;
    /** On a shop's tablet: which shop or till, as the business names it. */
    locationId?: string;
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
    /**
     * The ad or post the message's conversation was opened from (Meta's Click-to-WhatsApp
     * `referral`, with Meta's member names): where it came from, never consent.
     */
    referral?: {
      source_url?: string;
      source_id?: string;
      source_type?: string;
      headline?: string;
      body?: string;
      media_type?: string;
      ctwa_clid?: string;
    };
  };
  /** Why no `nonce` is present although the form asked for one: `offline`, `not-offered` (the endpoint has no nonce route) or `failed`. */
  nonceUnavailable?: NonceUnavailableReason;
  proof: RecordProof;
}

/** Signed on the person's device: a detached JWS by the device's own key. */
export interface DeviceProof {
  jws: string;
}

/**
 * What the receiver saw, for a consent not signed on a person's device: a
 * WhatsApp button reply, a message, or a row of an imported list.
 */
export type AttestationEvidence = 'whatsapp-button-reply' | 'whatsapp-message' | 'sms-message' | 'import';

export interface ReceiverAttestation {
  evidence: AttestationEvidence;
  /** When the receiver saw the evidence (ISO 8601 UTC): the webhook's arrival, or the import. */
  attestedAt: string;
  /** The messaging platform's ids of the messages that carry the consent (the prompt's and the reply's). */
  messageIds?: string[];
  /** The id of the prompt the business sent (see `buildThreadOptInPrompt`). */
  promptId?: string;
  /** The exact text of the prompt the business sent, as sent. */
  promptText?: string;
  /** Lowercase hex SHA-256 of the imported file's bytes. */
  importSha256?: string;
  /** The row's line number in the imported file (1 = the header). */
  importLine?: number;
  /**
   * Detached JWS (ES256, the receiver's public key as `jwk`) over the RFC 8785
   * form of the whole record with `proof.attestation` minus this member: so
   * the evidence is signed together with the record it attests.
   */
  jws: string;
}

/** Made and signed by the receiver, not by the person's device. */
export interface AttestedProof {
  attestation: ReceiverAttestation;
}

/** Exactly one of the two kinds. */
export type RecordProof = DeviceProof | AttestedProof;

/** `device-signed` (`proof.jws`) or `receiver-attested` (`proof.attestation`). */
export type ProofKind = 'device-signed' | 'receiver-attested';

/** A record signed on a device, as `signRecord` returns it. */
export type DeviceSignedRecord = ConsentRecord & { proof: DeviceProof };

/** A record attested by the receiver, as `attestRecord` returns it. */
export type AttestedRecord = ConsentRecord & { proof: AttestedProof };

/** A record before it is signed. */
export type UnsignedConsentRecord = Omit<ConsentRecord, 'proof'>;
