import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/components/optin-phone-input/define.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { formatPhoneText } from '../../src/core/phone/phone-number.js';

const part = <T extends Element>(el: OptinPhoneInput, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const numberInput = (el: OptinPhoneInput) => part<HTMLInputElement>(el, '#number');
const countryButton = (el: OptinPhoneInput) => part<HTMLButtonElement>(el, '#country-button');
const search = (el: OptinPhoneInput) => part<HTMLInputElement>(el, '#country-search');
const popup = (el: OptinPhoneInput) => part<HTMLElement>(el, '#country-popup');

/** The digits (and "+") before the caret: what the caret follows, whatever the formatting. */
function digitsBeforeCaret(input: HTMLInputElement): string {
  return input.value.slice(0, input.selectionStart ?? 0).replace(/[^\d+]/g, '');
}

/**
 * Types real keys one `sendKeys` call per character: WebKitWebDriver drops the second of two
 * equal characters sent in one call ("44" arrives as "4").
 */
async function typeKeys(text: string): Promise<void> {
  for (const char of text) await sendKeys({ type: char });
}

/** Waits until `check` holds after re-renders (no fixed sleeps). */
async function until(check: () => boolean, what: string, state?: () => string): Promise<void> {
  for (let frame = 0; frame < 200; frame++) {
    if (check()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}${state ? ` (now: ${state()})` : ''}`);
}

function activeOption(el: OptinPhoneInput): HTMLElement | null {
  const id = search(el)?.getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id) : null;
}

async function field(template = html`<optin-phone-input default-country="DE" lang="en"></optin-phone-input>`) {
  const el = await fixture<OptinPhoneInput>(template);
  await el.updateComplete;
  return el;
}

describe('<optin-phone-input> country picker', () => {
  it('names the selected country in its own language once the picker is focused or hovered, and loads no region names before', async () => {
    // The first Intl.DisplayNames of a page is a long task on a slow phone: the closed picker
    // names its country by ISO code until the picker is focused or hovered (or the list opens).
    const created: string[] = [];
    const intl = Intl as { DisplayNames: typeof Intl.DisplayNames };
    const Original = intl.DisplayNames;
    intl.DisplayNames = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.DisplayNames>) {
        super(...args);
        created.push(String(args[0]));
      }
    };
    try {
      const french = await field(html`<optin-phone-input default-country="DE" lang="fr"></optin-phone-input>`);
      const italian = await field(html`<optin-phone-input default-country="DE" lang="it"></optin-phone-input>`);
      // A picker that left the page stops waiting for the names (nothing keeps it alive).
      const removed = await field(html`<optin-phone-input default-country="DE" lang="fr"></optin-phone-input>`);
      removed.remove();
      let removedUpdates = 0;
      const requestUpdate = removed.requestUpdate.bind(removed);
      removed.requestUpdate = (...args: Parameters<OptinPhoneInput['requestUpdate']>) => {
        removedUpdates++;
        requestUpdate(...args);
      };
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(created, 'region names loaded before anything needed them').to.deep.equal([]);
      expect(countryButton(french).getAttribute('aria-label')).to.match(/ DE \+49$/);

      // Focus names it within the same task, before a screen reader reads the name out.
      countryButton(french).focus();
      await new Promise((resolve) => setTimeout(resolve));
      expect(countryButton(french).getAttribute('aria-label')).to.match(/Allemagne \+49$/);
      expect(created).to.have.length(1);
      expect(removedUpdates, 'updates of the picker that left the page').to.equal(0);

      const box = countryButton(italian).getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await until(
        () => /Germania \+49$/.test(countryButton(italian).getAttribute('aria-label') ?? ''),
        'the Italian name of Germany',
        () => countryButton(italian).getAttribute('aria-label') ?? '',
      );
      expect(created).to.have.length(2);
    } finally {
      intl.DisplayNames = Original;
      await resetMouse();
    }
  });

  it('is chosen with the keyboard alone: open, type to search, move, pick with Enter', async () => {
    const el = await field();
    countryButton(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the search field to take focus');
    expect(countryButton(el).getAttribute('aria-expanded')).to.equal('true');
    await typeKeys('swe');
    await until(() => activeOption(el)?.textContent?.includes('Sweden') ?? false, 'Sweden to be the active option');
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'Enter' });
    await changed;
    expect(el.country).to.equal('SE');
    expect(countryButton(el).getAttribute('aria-expanded')).to.equal('false');
    await until(() => el.shadowRoot!.activeElement === numberInput(el), 'focus to move to the number');
  });

  it('finds a country by dial code and moves through results with the arrow keys', async () => {
    const el = await field();
    countryButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the search field to take focus');
    await typeKeys('+44');
    await until(() => activeOption(el)?.textContent?.includes('United Kingdom') ?? false, 'the UK first for +44');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => !(activeOption(el)?.textContent?.includes('United Kingdom') ?? true), 'the next +44 country');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => activeOption(el)?.textContent?.includes('United Kingdom') ?? false, 'back to the UK');
    await sendKeys({ press: 'Enter' });
    await until(() => el.country === 'GB', 'GB to be chosen');
  });

  it('keeps the active country in view while Page Down and Page Up move through the whole list', async () => {
    const el = await field();
    countryButton(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the search field to take focus');
    const list = part<HTMLElement>(el, '#country-listbox');
    const inView = () => {
      const row = activeOption(el)?.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      return row !== undefined && row.top >= box.top - 0.5 && row.bottom <= box.bottom + 0.5;
    };
    const where = () =>
      `${activeOption(el)?.textContent?.trim()}: ${JSON.stringify(activeOption(el)?.getBoundingClientRect())} in ${JSON.stringify(list.getBoundingClientRect())}`;
    for (const key of ['PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageUp', 'PageUp', 'PageUp', 'PageUp', 'PageUp', 'PageUp']) {
      const before = activeOption(el);
      await sendKeys({ press: key });
      await until(() => activeOption(el) !== before, `${key} to move`);
      await until(inView, `the active country to be in view after ${key}`, where);
    }
    await sendKeys({ press: 'Escape' });
  });

  it('lists the preferred countries first, after the international entry', async () => {
    const el = await field(html`<optin-phone-input default-country="DE" preferred-countries="CH, at,XX" lang="en"></optin-phone-input>`);
    countryButton(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the popup to open');
    const groups = el.shadowRoot!.querySelectorAll('#country-listbox [role="group"]');
    expect(groups[0].getAttribute('aria-label')).to.equal('Suggested');
    const names = [...groups[0].querySelectorAll('[role="option"] .name')].map((name) => name.textContent);
    expect(names).to.deep.equal(['International (+)', 'Switzerland', 'Austria']);
    expect(groups[1].querySelectorAll('[role="option"]').length).to.be.greaterThan(200);
    await sendKeys({ press: 'Escape' });
  });

  it('starts searching from the button with the first letter typed', async () => {
    const el = await field();
    countryButton(el).focus();
    await typeKeys('norw');
    await until(
      () => search(el)?.value === 'norw' && (activeOption(el)?.textContent?.includes('Norway') ?? false),
      'Norway',
      () => `${search(el)?.value} / ${activeOption(el)?.textContent}`,
    );
    await sendKeys({ press: 'Enter' });
    await until(() => el.country === 'NO', 'NO to be chosen');
  });

  it('closes with Escape, returns focus to the button and keeps the country', async () => {
    const el = await field();
    countryButton(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the search field to take focus');
    await typeKeys('fra');
    await sendKeys({ press: 'Escape' });
    await until(() => el.shadowRoot!.activeElement === countryButton(el), 'focus back on the button');
    expect(countryButton(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.country).to.equal('DE');
  });

  it('gives screen readers names, roles and states of the button, combobox, options and result count', async () => {
    const el = await field();
    const button = countryButton(el);
    button.focus();
    await new Promise((resolve) => setTimeout(resolve));
    expect(button.getAttribute('aria-label')).to.equal('Country: Germany +49');
    expect(button.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const label = part<HTMLLabelElement>(el, 'label');
    expect(label.htmlFor).to.equal('number');
    expect(label.textContent?.trim()).to.equal('Mobile number');

    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the search field to take focus');
    const combobox = search(el);
    expect(combobox.getAttribute('role')).to.equal('combobox');
    expect(combobox.getAttribute('aria-expanded')).to.equal('true');
    expect(combobox.getAttribute('aria-autocomplete')).to.equal('list');
    expect(combobox.getAttribute('aria-label')).to.equal('Search for a country by name or dial code');
    const listbox = el.shadowRoot!.getElementById(combobox.getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    // The active option starts on the chosen country and is the one marked selected.
    const active = activeOption(el)!;
    expect(active.getAttribute('role')).to.equal('option');
    expect(active.getAttribute('aria-selected')).to.equal('true');
    expect(active.textContent).to.contain('Germany');
    expect(listbox.querySelectorAll('[role="option"][aria-selected="true"]').length).to.equal(1);

    await typeKeys('united');
    const status = part<HTMLElement>(el, '[role="status"]');
    await until(() => /^\d+ countries found$/.test(status.textContent?.trim() ?? ''), 'the result count');
    const count = Number(status.textContent!.trim().split(' ')[0]);
    expect(count).to.equal(listbox.querySelectorAll('[role="option"]').length);
    expect(count).to.be.greaterThan(1);
    await sendKeys({ press: 'Escape' });
  });

  it('is not clipped by an overflow: hidden ancestor nor covered by later page content', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <div style="overflow: hidden; height: 90px; position: relative; z-index: 0">
        <optin-phone-input default-country="DE" lang="en"></optin-phone-input>
      </div>
      <div id="cover" style="position: relative; z-index: 1000; height: 400px; background: #fff">content</div>
    </div>`);
    const el = wrapper.querySelector('optin-phone-input')!;
    await el.updateComplete;
    countryButton(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === search(el), 'the popup to open');
    const rect = popup(el).getBoundingClientRect();
    const clipper = el.parentElement!.getBoundingClientRect();
    expect(rect.bottom).to.be.greaterThan(clipper.bottom + 50);
    // A point of the popup below the clipping box belongs to the picker, not to the cover.
    const x = rect.left + rect.width / 2;
    const y = Math.min(rect.bottom - 10, clipper.bottom + 40);
    expect(document.elementFromPoint(x, y)).to.equal(el);
    await sendKeys({ press: 'Escape' });
  });

  it('keeps the dial code left to right in a right-to-left page', async () => {
    const el = await field(html`<optin-phone-input dir="rtl" lang="ar" default-country="EG"></optin-phone-input>`);
    const dial = part<HTMLElement>(el, '.country-button .dial');
    expect(dial.textContent).to.equal('+20');
    expect(getComputedStyle(dial).direction).to.equal('ltr');
    expect(getComputedStyle(numberInput(el)).direction).to.equal('ltr');
  });
});

describe('<optin-phone-input> typing, caret and paste', () => {
  it('formats as you type and leaves the caret after the digit just typed, at the end or in the middle', async () => {
    const el = await field();
    const input = numberInput(el);
    input.focus();
    await typeKeys('015123');
    await until(() => input.value === '01512 3', 'the national format');
    expect(input.selectionStart).to.equal(input.value.length);
    input.setSelectionRange(3, 3); // after "015"
    await typeKeys('9');
    await until(() => input.value.replace(/\D/g, '') === '0159123', 'the inserted digit');
    // Reformatted in the middle too, and the caret still follows the "9".
    expect(input.value).to.equal(formatPhoneText('0159123', 'DE').text);
    expect(digitsBeforeCaret(input)).to.equal('0159');
  });

  it('deletes through a formatting character with Backspace instead of getting stuck on it', async () => {
    const el = await field();
    const input = numberInput(el);
    input.focus();
    await typeKeys('015123456789');
    await until(() => input.value === '01512 3456789', 'the national format');
    input.setSelectionRange(6, 6); // just after the space
    await sendKeys({ press: 'Backspace' });
    await until(() => input.value.replace(/\D/g, '') === '01513456789', 'the digit before the space to go');
    expect(digitsBeforeCaret(input)).to.equal('0151');
    await sendKeys({ press: 'Backspace' });
    await until(() => input.value.replace(/\D/g, '') === '0153456789', 'the next digit to go');
    expect(digitsBeforeCaret(input)).to.equal('015');
  });

  it('lets the country follow an international number as it is typed', async () => {
    const el = await field();
    const input = numberInput(el);
    input.focus();
    await typeKeys('+447400123456');
    await until(
      () => el.value === '+447400123456',
      'the E.164 value',
      () => `${input.value} / ${el.value} / ${el.country}`,
    );
    expect(el.country).to.equal('GB');
    expect(input.value).to.equal('+44 7400 123456');
    expect(countryButton(el).getAttribute('aria-label')).to.equal('Country: United Kingdom +44');
  });

  it('cleans up a pasted number with a 00 prefix and shows it in international format', async () => {
    const el = await field();
    const input = numberInput(el);
    input.focus();
    input.value = '0044 (0) 7400-123.456';
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.value).to.equal('+447400123456');
    expect(el.country).to.equal('GB');
    expect(input.value).to.equal('+44 7400 123456');
  });

  it('cleans up an autofilled number that lost its "+" (a plain input event, as autofill sends)', async () => {
    const el = await field();
    const input = numberInput(el);
    input.value = '49 1512 3456789';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.value).to.equal('+4915123456789');
    expect(input.value).to.equal('+49 1512 3456789');
  });

  it('sends one input event per keystroke, with value already updated', async () => {
    const el = await field();
    const values: string[] = [];
    el.addEventListener('input', () => values.push(el.value));
    numberInput(el).focus();
    await typeKeys('01512345678');
    await typeKeys('9');
    await until(() => values.length === 12, 'twelve input events');
    expect(values.at(-1)).to.equal('+4915123456789');
    expect(values.slice(0, -1).every((value) => value === '')).to.equal(true);
  });

  it('does not format while typing with no-live-format, and formats on blur', async () => {
    const el = await field(html`<optin-phone-input default-country="DE" lang="en" no-live-format></optin-phone-input>`);
    const input = numberInput(el);
    input.focus();
    await typeKeys('015123456789');
    await until(() => el.value === '+4915123456789', 'the value');
    expect(input.value).to.equal('015123456789');
    input.blur();
    await until(() => input.value === '01512 3456789', 'formatting on blur');
  });

  it('shows an example number of the chosen country as the placeholder', async () => {
    const el = await field();
    expect(numberInput(el).placeholder).to.equal('01512 3456789');
  });

  it('takes the country from the page language region when no default-country is set, else none', async () => {
    const austria = await field(html`<optin-phone-input lang="de-AT"></optin-phone-input>`);
    expect(austria.country).to.equal('AT');
    const none = await field(html`<optin-phone-input lang="en"></optin-phone-input>`);
    expect(none.country).to.equal('');
  });
});

describe('<optin-phone-input> validation', () => {
  it('says a number is too short, next to the field, with aria-invalid and aria-describedby', async () => {
    const el = await field();
    const input = numberInput(el);
    input.focus();
    await typeKeys('0151');
    input.blur();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const message = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(message.textContent?.trim()).to.equal('This number is too short.');
    expect(el.validity.tooShort).to.equal(true);
  });

  it('names the chosen country when the number is not valid there', async () => {
    const el = await field();
    el.value = '0999 99999999';
    await el.updateComplete;
    expect(el.problem).to.equal('invalid');
    expect(el.validationMessage).to.equal('This is not a valid number for Germany. Check it and the country.');
  });

  it('refuses a landline with mobile-only and accepts a mobile number', async () => {
    const el = await field(html`<optin-phone-input default-country="DE" lang="en" mobile-only></optin-phone-input>`);
    el.value = '+493012345678';
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(el.problem).to.equal('not-mobile');
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.contain('mobile number');
    el.value = '+4915123456789';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
  });
});

describe('<optin-phone-input> in a host form', () => {
  it('submits its E.164 value under its name and blocks an empty required field', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <optin-phone-input name="phone" required default-country="DE" lang="en"></optin-phone-input>
    </form>`);
    const el = form.querySelector('optin-phone-input')!;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    numberInput(el).focus();
    await typeKeys('01512 3456789');
    await until(() => el.value === '+4915123456789', 'the value');
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('phone')).to.equal('+4915123456789');
  });

  it('stops a host form from submitting an invalid number and shows why by the field', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <optin-phone-input name="phone" default-country="DE" lang="en"></optin-phone-input>
    </form>`);
    const el = form.querySelector('optin-phone-input')!;
    await el.updateComplete;
    let submitted = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted = true;
    });
    numberInput(el).focus();
    await typeKeys('0151');
    const invalid = oneEvent(el, 'invalid');
    form.requestSubmit();
    await invalid;
    await el.updateComplete;
    expect(submitted).to.equal(false);
    expect(part<HTMLElement>(el, '#error').textContent?.trim()).to.equal('This number is too short.');
  });

  it('goes back to its value attribute and default country on form reset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <optin-phone-input name="phone" value="+4915123456789" default-country="DE" lang="en"></optin-phone-input>
    </form>`);
    const el = form.querySelector('optin-phone-input')!;
    await el.updateComplete;
    el.value = '+447400123456';
    await el.updateComplete;
    expect(el.country).to.equal('GB');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('+4915123456789');
    expect(el.country).to.equal('DE');
    expect(new FormData(form).get('phone')).to.equal('+4915123456789');
  });

  it('is disabled and left out of the form data inside a disabled fieldset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset disabled><optin-phone-input name="phone" value="+4915123456789" lang="en"></optin-phone-input></fieldset>
    </form>`);
    const el = form.querySelector('optin-phone-input')!;
    await el.updateComplete;
    expect(numberInput(el).disabled).to.equal(true);
    expect(countryButton(el).disabled).to.equal(true);
    expect(new FormData(form).has('phone')).to.equal(false);
  });
});
