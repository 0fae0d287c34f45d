/**
 * Drives an `<optin-form>` in a component test as a person does, through its shadow DOM: type a
 * number, tick a box, press the button.
 */
import { oneEvent } from '@open-wc/testing';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';

export const shadow = (el: Element) => el.shadowRoot!;
export const part = (form: OptinForm, name: string) => shadow(form).querySelector(`[part="${name}"]`);
export const phoneOf = (form: OptinForm) => shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
export const numberInput = (form: OptinForm) => shadow(phoneOf(form)).querySelector('input') as HTMLInputElement;
export const checkbox = (form: OptinForm, id: string) => shadow(form).querySelector(`#category-${id}`) as HTMLInputElement;
export const submit = (form: OptinForm) => (part(form, 'submit') as HTMLButtonElement).click();
/** The form's text as shown, white space folded. */
export const visibleText = (form: OptinForm) => (shadow(form).querySelector('form')?.textContent ?? '').replace(/\s+/g, ' ');

export async function typeNumber(form: OptinForm, text: string): Promise<void> {
  const input = numberInput(form);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phoneOf(form).updateComplete;
  await form.updateComplete;
}

export async function tick(form: OptinForm, id: string): Promise<void> {
  checkbox(form, id).click();
  await form.updateComplete;
}

/** Presses the button and waits until the page hears the record was delivered; answers that record. */
export async function submitAndWait(form: OptinForm): Promise<ConsentRecord> {
  const done = oneEvent(form, 'optin-success');
  submit(form);
  return (await done).detail.record as ConsentRecord;
}
