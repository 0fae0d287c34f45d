/** Play-function steps that use the form the way a person does: type a number, tick, submit. */
import type { OptinForm } from '../src/components/optin-form/optin-form.js';

export async function formIn(canvas: HTMLElement): Promise<OptinForm> {
  const form = canvas.querySelector('optin-form')!;
  await form.updateComplete;
  return form;
}

export async function typeNumber(form: OptinForm, text: string): Promise<void> {
  const phone = form.shadowRoot!.querySelector('optin-phone-input')!;
  await phone.updateComplete;
  const input = phone.shadowRoot!.querySelector('input')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
}

export async function tickFirstCategory(form: OptinForm): Promise<void> {
  form.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
  await form.updateComplete;
}

export async function submit(form: OptinForm): Promise<void> {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
  await form.updateComplete;
}

/** Resolves when the form reaches `status` (it is driven by async signing and delivery). */
export function whenStatus(form: OptinForm, status: OptinForm['submissionStatus']): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (form.submissionStatus === status ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/** `channels="whatsapp,sms"`: ticks the first box of every channel's group, so each channel makes a record. */
export async function tickFirstCategoryOfEachChannel(form: OptinForm): Promise<void> {
  for (const group of Array.from(form.shadowRoot!.querySelectorAll('fieldset[part="categories"]'))) {
    group.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
  }
  await form.updateComplete;
}

/** Leaves the phone field, as a person does by tabbing on: the field then shows its message, if any. */
export async function leaveNumber(form: OptinForm): Promise<void> {
  const phone = form.shadowRoot!.querySelector('optin-phone-input')!;
  phone.shadowRoot!.querySelector('input')!.dispatchEvent(new FocusEvent('blur'));
  await phone.updateComplete;
}
