export interface OptinDismissDetail {
  /** `popup` or `flyout`. */
  display: 'popup' | 'flyout';
  /** How it was closed: the `close-button`, the `escape` key, or the page's `close()` (`method`). */
  reason: 'close-button' | 'escape' | 'method';
}

/**
 * A popup or flyout form was closed without subscribing; it stays closed for `dismiss-days` on
 * that device. (Closing it after subscribing is no dismissal: it never opens by itself again.)
 */
export class OptinDismissEvent extends CustomEvent<OptinDismissDetail> {
  static readonly eventName = 'optin-dismiss';
  constructor(detail: OptinDismissDetail) {
    super(OptinDismissEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-dismiss': OptinDismissEvent;
  }
}
