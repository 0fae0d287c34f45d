/**
 * `optin-elements`: the element classes (side-effect free) and their events.
 * Import `optin-elements/define.js` (or a single element's define file) to register the tags.
 */
export { OptinForm, type OptinFormStatus } from './components/optin-form/optin-form.js';
export { OptinPhoneInput } from './components/optin-phone-input/optin-phone-input.js';
export { OptinPreferences, type PreferenceTokenStatus, type PreferencesSaveStatus } from './components/optin-preferences/optin-preferences.js';
export {
  OptinPreferencesLoadedEvent,
  type OptinPreferencesLoadedDetail,
  type PreferencesCategoryState,
} from './components/events/optin-preferences-loaded-event.js';
export { OptinSubmitEvent, type OptinSubmitDetail } from './components/events/optin-submit-event.js';
export { OptinSuccessEvent, type OptinSuccessDetail } from './components/events/optin-success-event.js';
export { OptinErrorEvent, type OptinErrorDetail } from './components/events/optin-error-event.js';
export { OptinQueuedEvent, type OptinQueuedDetail } from './components/events/optin-queued-event.js';
export { OptinViewEvent, type OptinViewDetail } from './components/events/optin-view-event.js';
export { OptinDismissEvent, type OptinDismissDetail } from './components/events/optin-dismiss-event.js';
export {
  enqueueRecord,
  listDeadLetters,
  listPendingRecords,
  type DeliveryHandlers,
  type EnqueueRecordOptions,
  type EnqueuedRecord,
  type PrepareRequest,
} from './client/enqueue-record.js';
export type { OutboxEntry, PreparedRequest } from './client/outbox/outbox-entry.js';
export type { CategoryConfig, TemplateCategory } from './core/notice/categories.js';
export type { ConsentRecord, UnsignedConsentRecord } from './core/record/consent-record.js';
export type { ComplianceReport, ComplianceMode } from './core/policy/assess-compliance.js';
export type { PolicyCheck } from './core/policy/policy-types.js';
export type { ProfileId } from './core/policy/profiles.js';
export { I18NEXT_NAMESPACE, useI18next, type I18nextInstance } from './i18n/host-i18next.js';
