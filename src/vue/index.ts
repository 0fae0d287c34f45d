/**
 * `optin-elements/vue`: types for Vue 3 templates (Volar / vue-tsc), so
 * `<optin-form business-name="…" @optin-success="…">` is checked and completed.
 * Use it once: `import type {} from 'optin-elements/vue'`, or add `"optin-elements/vue"`
 * to `compilerOptions.types`. At runtime tell Vue the tags are custom elements:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('optin-') } } })`.
 */
import type { DefineComponent } from 'vue';
import type { OptinErrorEvent } from '../components/events/optin-error-event.js';
import type { OptinSubmitEvent } from '../components/events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../components/events/optin-success-event.js';
import type { OptinForm } from '../components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../components/optin-phone-input/optin-phone-input.js';

/** The element's own public properties (not HTMLElement's), all optional in a template. */
type ElementProps<Element> = Partial<Omit<Element, keyof HTMLElement | 'render' | 'updated' | 'firstUpdated' | 'willUpdate'>>;

export type OptinFormVueProps = ElementProps<OptinForm> & {
  onOptinSubmit?: (event: OptinSubmitEvent) => void;
  onOptinSuccess?: (event: OptinSuccessEvent) => void;
  onOptinError?: (event: OptinErrorEvent) => void;
};

export type OptinPhoneInputVueProps = ElementProps<OptinPhoneInput> & {
  onInput?: (event: Event) => void;
  onChange?: (event: Event) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'optin-form': DefineComponent<OptinFormVueProps>;
    'optin-phone-input': DefineComponent<OptinPhoneInputVueProps>;
  }
}
