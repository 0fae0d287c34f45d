import type { CategoryConfig } from '../notice/categories.js';
import type { ConsentNotice } from '../notice/consent-notice.js';
import type { Frequency } from '../notice/frequency.js';
import type { ProfileId } from './profiles.js';

/** What the rules look at: the form's configuration, after parsing. */
export interface FormConfiguration {
  businessName: string;
  endpoint: string;
  channel: string;
  /** With `channels="whatsapp,sms"`: every channel offered, each with its own boxes and record (`channel` is the one judged). */
  channels?: readonly string[];
  categories: CategoryConfig[];
  privacyUrl?: string;
  termsUrl?: string;
  frequency?: Frequency;
  /** The sender's mailing address (CASL). */
  businessAddress?: string;
  /** A phone number, email or web address to reach the sender (CASL). */
  businessContact?: string;
  /** ISO 3166 alpha-2 of where the business is established: its law applies to everyone it asks. */
  businessCountry?: string;
  /** The subject can be reached without a phone number (WhatsApp username / BSUID). */
  hasBsuid: boolean;
}

/**
 * How the widget lets the person agree. The element states these facts about
 * itself, so the rules that it guarantees by construction are still checked
 * (and a form built differently would fail them).
 */
export interface ConsentInteraction {
  /** Every category box starts unticked, and submitting needs a tick. */
  boxesStartUnticked: boolean;
  /** The phone number is typed or edited by the person; a prefilled one stays editable. */
  phoneEditable: boolean;
  /** Consent is recorded only from the ticked boxes and the submit button, never from typing a number or a message. */
  consentOnlyByTick: boolean;
}

/** The widget as it is built: what `<optin-form>` guarantees. */
export const WIDGET_INTERACTION: ConsentInteraction = {
  boxesStartUnticked: true,
  phoneEditable: true,
  consentOnlyByTick: true,
};

export interface PolicyContext {
  profile: ProfileId;
  config: FormConfiguration;
  /** The notice composed for this profile: what the person reads. */
  notice: ConsentNotice;
  interaction: ConsentInteraction;
}

export interface PolicyCheck {
  /** Stable id from COMPLIANCE.md. */
  id: string;
  passed: boolean;
  /** For a failed check: the attribute that fixes it. */
  attribute?: string;
  /** For a failed check: what is wrong and how to fix it. */
  message?: string;
}

export interface PolicyEvaluation {
  profile: ProfileId;
  checks: PolicyCheck[];
}

export type PolicyRule = (context: PolicyContext) => PolicyCheck;
