/** `optin-elements/core`: pure functions shared by the elements and the receiver. */
export { buildConsentRecord, type ConsentRecordInput } from './record/build-consent-record.js';
export { attestationPayload, attestRecord, type UnsignedAttestation } from './record/attest-record.js';
export { canonicalize } from './record/canonical-json.js';
export {
  PRESET_CATEGORY_IDS,
  PRESET_TEMPLATE_CATEGORIES,
  parseCategories,
  templateCategoryOf,
  type CategoryConfig,
  type TemplateCategory,
} from './notice/categories.js';
export { confirmationCodeFor, findConfirmationCodes, whatsappConfirmationLink } from './messages/confirmation-code.js';
export { composeConsentNotice, noticeSection, type ConsentNotice, type NoticeSection } from './notice/consent-notice.js';
export type * from './record/consent-record.js';
export { COLLECTION_SOURCES } from './record/consent-record.js';
export { consentRecordSchema } from './record/consent-record-schema.js';
export { jwkThumbprint, signDetached, verifyDetached, type PublicEcJwk } from './record/detached-jws.js';
export { sha256Hex } from './record/encoding.js';
export { validateJsonSchema, type SchemaViolation } from './record/json-schema.js';
export {
  KEYWORD_LOCALES,
  normalizeReply,
  OPT_OUT_KEYWORDS,
  recognizeReply,
  STOP_PHRASES,
  type RecognizedReply,
  type RecognizeOptions,
  type ReplyIntent,
} from './messages/opt-out-keywords.js';
export { BSUID_PATTERN, CHANNEL_PATTERN, E164_PATTERN, isBsuid, isChannelName, isE164 } from './phone/identifier-patterns.js';
export {
  ALL_CATEGORIES_ID,
  deriveEffectiveState,
  type ConsentEvent,
  type EffectiveCategory,
  type EffectiveConsentState,
  type RecordEffect,
} from './record/effective-consent-state.js';
export { exampleNumber, formatPhoneText, parsePhoneInput, type PhoneParseOptions, type PhoneParseResult, type PhoneProblem } from './phone/phone-number.js';
export { applyPhoneEdit, formatWithCaret, type PhoneTextWithCaret } from './phone/phone-format-caret.js';
export { cleanPhoneText, compactPhoneText } from './phone/phone-normalize.js';
export { searchCountries, type SearchableCountry } from './phone/country-search.js';
export { PHONE_METADATA_SET } from './phone/phone-metadata.js';
export { composePreferencesNotice, preferencesPolicy, type PreferencesNotice } from './notice/preferences-notice.js';
export { assessCompliance, complianceReport, type ComplianceAssessment, type ComplianceMode, type ComplianceReport } from './policy/assess-compliance.js';
export { chooseProfile, GDPR_COUNTRIES, US_SMS_COUNTRIES, type Jurisdiction } from './policy/choose-profile.js';
export { evaluatePolicy } from './policy/evaluate-policy.js';
export { WIDGET_INTERACTION, type PolicyCheck, type PolicyContext, type PolicyEvaluation } from './policy/policy-types.js';
export { rulesForProfile } from './policy/profile-rules.js';
export { PROFILE_IDS, type ProfileId } from './policy/profiles.js';
export { signRecord, signingPayload } from './record/sign-record.js';
export { verifyConsentRecord, type VerificationResult, type VerifyOptions } from './record/verify-consent-record.js';
export { WIDGET_VERSION } from './version.js';
