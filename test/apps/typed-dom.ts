/**
 * Compile-time test (run by `npm run typecheck`): what TypeScript users get from
 * the package's HTMLElementTagNameMap, event map and Vue component declarations.
 * Each @ts-expect-error fails the type check if the typing it guards goes missing.
 */
import type { DefineComponent } from 'vue';
import type { OptinForm, OptinPhoneInput } from 'optin-elements';
import type { OptinFormVueProps } from 'optin-elements/vue';

export function typedDom(): void {
  const form: OptinForm | null = document.querySelector('optin-form');
  const input: OptinPhoneInput | null = document.querySelector('optin-phone-input');
  form?.addEventListener('optin-success', (event) => {
    const id: string = event.detail.record.id;
    // @ts-expect-error the success detail has no `status` member
    void event.detail.status;
    void id;
  });
  form?.addEventListener('optin-error', (event) => {
    const status: number = event.detail.status;
    void status;
  });
  form?.addEventListener('optin-submit', (event) => event.preventDefault());
  // @ts-expect-error businessName is a string
  if (form) form.businessName = 42;
  void input?.value;
}

type GlobalVueComponents = import('vue').GlobalComponents;
export const vueFormComponent: GlobalVueComponents['optin-form'] = {} as DefineComponent<OptinFormVueProps>;
export const vueProps: OptinFormVueProps = {
  businessName: 'Blumen Berlin',
  categories: [{ id: 'offers' }],
  onOptinSuccess: (event) => void event.detail.record.id,
};
// @ts-expect-error the Vue props are typed: whatsappBranding is a boolean
export const wrongVueProps: OptinFormVueProps = { whatsappBranding: 'yes' };
