export interface OptinViewDetail {
  /** `popup` or `flyout`. */
  display: 'popup' | 'flyout';
  /** What opened it: `manual` (the page called `open()`), `delay`, `scroll` or `exit-intent`. */
  trigger: 'manual' | 'delay' | 'scroll' | 'exit-intent';
}

/** A popup or flyout form was opened and is now on screen. */
export class OptinViewEvent extends CustomEvent<OptinViewDetail> {
  static readonly eventName = 'optin-view';
  constructor(detail: OptinViewDetail) {
    super(OptinViewEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-view': OptinViewEvent;
  }
}
