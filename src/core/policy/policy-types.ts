import type { CategoryConfig } from '../categories.js';

/** What the rules look at: the form's configuration, after parsing. */
export interface FormConfiguration {
  businessName: string;
  endpoint: string;
  channel: string;
  categories: CategoryConfig[];
  privacyUrl?: string;
  /** The subject can be reached without a phone number (WhatsApp username / BSUID). */
  hasBsuid: boolean;
}

export interface PolicyCheck {
  /** Stable id from COMPLIANCE.md. */
  id: string;
  passed: boolean;
  /** For a failed check: what is wrong and which attribute fixes it. */
  message?: string;
}

export interface PolicyEvaluation {
  profile: string;
  checks: PolicyCheck[];
}

export type PolicyRule = (config: FormConfiguration) => PolicyCheck;
