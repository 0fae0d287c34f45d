/**
 * `optin-elements/vue`: types for Vue 3 templates (Volar / vue-tsc), so
 * `<optin-form business-name="…" @optin-success="…">` is checked and completed.
 * Use it once: `import type {} from 'optin-elements/vue'`, or add `"optin-elements/vue"`
 * to `compilerOptions.types`. At runtime tell Vue the tags are custom elements:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('optin-') } } })`.
 */
import type { DefineComponent } from 'vue';
import type { OptinErrorEvent } from '../components/events/optin-error-event.js';
import type { OptinPreferencesLoadedEvent } from '../components/events/optin-preferences-loaded-event.js';
import type { OptinQueuedEvent } from '../components/events/optin-queued-event.js';
import type { OptinSubmitEvent } from '../components/events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../components/events/optin-success-event.js';
import type { OptinForm } from '../components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../components/optin-phone-input/optin-phone-input.js';
import type { OptinPreferences } from '../components/optin-preferences/optin-preferences.js';

/** The element's own public properties (not HTMLElement's), all optional in a template. */
type ElementProps<Element> = Partial<Omit<Element, keyof HTMLElement | 'render' | 'updated' | 'firstUpdated' | 'willUpdate'>>;

/** The events both `<optin-form>` and `<optin-preferences>` fire about the record they send. */
interface RecordEventProps {
  onOptinSubmit?: (event: OptinSubmitEvent) => void;
  onOptinSuccess?: (event: OptinSuccessEvent) => void;
  onOptinQueued?: (event: OptinQueuedEvent) => void;
  onOptinError?: (event: OptinErrorEvent) => void;
}

export type OptinFormVueProps = ElementProps<OptinForm> & RecordEventProps;

export type OptinPreferencesVueProps = ElementProps<OptinPreferences> &
  RecordEventProps & {
    onOptinPreferencesLoaded?: (event: OptinPreferencesLoadedEvent) => void;
  };

export type OptinPhoneInputVueProps = ElementProps<OptinPhoneInput> & {
  onInput?: (event: Event) => void;
  onChange?: (event: Event) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'optin-form': DefineComponent<OptinFormVueProps>;
    'optin-phone-input': DefineComponent<OptinPhoneInputVueProps>;
    'optin-preferences': DefineComponent<OptinPreferencesVueProps>;
  }
}
