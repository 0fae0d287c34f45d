import type { ConsentRecord } from '../../core/record/consent-record.js';

export interface OptinSuccessDetail {
  /** The signed record as stored by the endpoint. */
  record: ConsentRecord;
  /** The endpoint's answer body (the receiver's receipt, when it is optin-elements' receiver). */
  response: unknown;
}

/** The endpoint acknowledged the record (2xx). */
export class OptinSuccessEvent extends CustomEvent<OptinSuccessDetail> {
  static readonly eventName = 'optin-success';
  constructor(detail: OptinSuccessDetail) {
    super(OptinSuccessEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-success': OptinSuccessEvent;
  }
}
