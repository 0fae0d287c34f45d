export interface PreferencesCategoryState {
  id: string;
  label: string;
  granted: boolean;
  /** When the receiver stored the record that set it. */
  since: string;
}

export interface OptinPreferencesLoadedDetail {
  /** The current state per category, as the receiver derived it from its ledger. */
  categories: PreferencesCategoryState[];
  /** An opt-in of this subject was confirmed from WhatsApp (double opt-in). */
  confirmed: boolean;
}

/** `<optin-preferences>` read the current state with its preference token (again after each saved change). */
export class OptinPreferencesLoadedEvent extends CustomEvent<OptinPreferencesLoadedDetail> {
  static readonly eventName = 'optin-preferences-loaded';
  constructor(detail: OptinPreferencesLoadedDetail) {
    super(OptinPreferencesLoadedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'optin-preferences-loaded': OptinPreferencesLoadedEvent;
  }
}
