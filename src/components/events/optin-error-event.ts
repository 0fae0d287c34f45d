import type { ConsentRecord } from '../../core/record/consent-record.js';

export interface OptinErrorDetail {
  /** The signed record, when signing got that far. */
  record?: ConsentRecord;
  /** HTTP status, `0` for a network failure or a failure before sending. */
  status: number;
  message: string;
  /** The endpoint's answer body, if any. */
  response?: unknown;
}

/** The record could not be signed or was refused by the endpoint. */
export class OptinErrorEvent extends CustomEvent<OptinErrorDetail> {
  static readonly eventName = 'optin-error';
  constructor(detail: OptinErrorDetail) {
    super(OptinErrorEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-error': OptinErrorEvent;
  }
}
