import type { UnsignedConsentRecord } from '../../core/record/consent-record.js';

export interface OptinSubmitDetail {
  /** The record about to be signed and sent. */
  record: UnsignedConsentRecord;
}

/** Before a record is signed and sent. Cancelable: `preventDefault()` stops the submission. */
export class OptinSubmitEvent extends CustomEvent<OptinSubmitDetail> {
  static readonly eventName = 'optin-submit';
  constructor(detail: OptinSubmitDetail) {
    super(OptinSubmitEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-submit': OptinSubmitEvent;
  }
}
