import type { ConsentRecord } from '../../core/record/consent-record.js';

export interface OptinQueuedDetail {
  /** The signed record, stored on this device and not yet acknowledged. */
  record: ConsentRecord;
  /** Where it waits: `indexeddb`, `local-storage`, or `memory` (then it is lost if the page closes before delivery). */
  storage: 'indexeddb' | 'local-storage' | 'memory';
  /** `false` when the record is only in memory. */
  durable: boolean;
  /** The failed attempt's HTTP status; `0` for no network or no answer in time. */
  status: number;
  message: string;
  /** When the next attempt is due (epoch ms); it is also sent as soon as the browser is back online or a page with the widget loads. */
  nextAttemptAt: number;
}

/** The first attempt failed (offline, timeout, 408, 429, 5xx): the record is saved and will be sent later. */
export class OptinQueuedEvent extends CustomEvent<OptinQueuedDetail> {
  static readonly eventName = 'optin-queued';
  constructor(detail: OptinQueuedDetail) {
    super(OptinQueuedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-queued': OptinQueuedEvent;
  }
}
