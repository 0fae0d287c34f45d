import { LitElement, type PropertyDeclarations, html } from 'lit';
import { applyPhoneEdit, formatWithCaret } from '../../core/phone/phone-format-caret.js';
import { onPhoneMetadataChange, phoneMetadataState } from '../../core/phone/phone-metadata.js';
import { cleanPhoneText } from '../../core/phone/phone-normalize.js';
import { type CountryCode, exampleNumber, formatPhoneText, isCountryCode, type PhoneProblem, parsePhoneInput } from '../../core/phone/phone-number.js';
import { countryOption, parseCountryList, regionOfLocale } from '../shared/country-options.js';
import type { ConfigurationProblem } from '../../core/notice/form-configuration.js';
import { ConfigurationController, type ConfigurationReading } from '../shared/configuration-controller.js';
import { I18nController } from '../shared/i18n-controller.js';
import { afterPointerRelease, watchPointerPresses } from '../shared/after-pointer-release.js';
import { CountryCombobox } from './country-combobox.js';
import { phoneInputStyles } from './optin-phone-input.styles.js';

/** Which `ValidityState` flag each problem sets, so host forms and `:invalid` behave natively. */
const VALIDITY_FLAG: Record<PhoneProblem, keyof ValidityStateFlags> = {
  required: 'valueMissing',
  'too-short': 'tooShort',
  'too-long': 'tooLong',
  'invalid-country': 'badInput',
  invalid: 'typeMismatch',
  'not-mobile': 'patternMismatch',
  'country-not-allowed': 'patternMismatch',
  pending: 'customError',
  unavailable: 'customError',
};

/**
 * @tag optin-phone-input
 * @summary An international phone number field whose value is E.164: country picker with search,
 * as-you-type formatting, paste and autofill clean-up, and validation. Form-associated: works in
 * any `<form>` with `name`, `required`, reset and restore.
 *
 * @event input - The number changed as the person typed (`value` is already updated).
 * @event change - The number was committed (blur) or the country was picked.
 * @event invalid - A form or `checkValidity()` found the value invalid.
 *
 * @csspart label - The field's label.
 * @csspart country - The country button that opens the picker.
 * @csspart country-popup - The picker's popup (rendered in the top layer).
 * @csspart country-search - The picker's search field.
 * @csspart country-listbox - The list of countries.
 * @csspart country-option - One country in the list.
 * @csspart input - The number input.
 * @csspart error - The validation message.
 *
 * @cssproperty --optin-color-text - Text colour.
 * @cssproperty --optin-color-field - Field and popup background (default: `--optin-color-surface` when set, else white or, in dark mode, near-black).
 * @cssproperty --optin-color-surface - Background of the page area the field sits on; the field's background when `--optin-color-field` is not set.
 * @cssproperty --optin-color-border - Field border colour.
 * @cssproperty --optin-color-error - Validation message and invalid border colour.
 * @cssproperty --optin-color-focus - Focus ring colour.
 * @cssproperty --optin-color-active - Background of the highlighted country in the picker.
 * @cssproperty --optin-radius - Corner radius.
 * @cssproperty --optin-space-xs - Gap between the label, the field and the message.
 */
export class OptinPhoneInput extends LitElement {
  static override styles = phoneInputStyles;
  // Declared here rather than with decorators, whose helpers cost the script-tag file 0.5 KiB;
  // each field keeps its JSDoc below (the manifest reads both).
  static override properties: PropertyDeclarations = {
    value: {},
    name: { reflect: true },
    defaultCountry: { attribute: 'default-country' },
    preferredCountries: { attribute: 'preferred-countries' },
    onlyCountries: { attribute: 'only-countries' },
    label: {},
    required: { type: Boolean, reflect: true },
    mobileOnly: { type: Boolean, reflect: true, attribute: 'mobile-only' },
    noLiveFormat: { type: Boolean, reflect: true, attribute: 'no-live-format' },
    disabled: { type: Boolean, reflect: true },
    locale: {},
    display: { state: true, attribute: false },
    selectedCountry: { state: true, attribute: false },
    shownProblem: { state: true, attribute: false },
    formDisabled: { state: true, attribute: false },
  };
  // Typed as LitElement types it: the type inferred from the spread names DOM types of the compiling
  // TypeScript's lib, which an app on another TypeScript version may not accept (TS2417).
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static formAssociated = true;

  /**
   * The number in E.164 (e.g. `+14155550123`), or `''` while it is not a valid number. Setting it
   * prefills the field, which stays editable; the `value` attribute is the value a form reset restores.
   */
  get value(): string {
    return this.e164;
  }
  set value(next: string) {
    const text = typeof next === 'string' ? next : '';
    const parsed = parsePhoneInput(text, this.selectedCountry, { mobileOnly: this.mobileOnly });
    if (parsed.country && parsed.e164) this.selectedCountry = parsed.country;
    this.display = text ? formatPhoneText(parsed.e164 || text, this.selectedCountry).text : '';
    this.e164 = parsed.e164;
    this.requestUpdate('value');
  }

  /** Name under which the E.164 value is submitted with a host `<form>`. */
  name = '';
  /** Country preselected before the person types (ISO 3166 alpha-2). Without it, the region of the page's language (`de-AT` → AT), else none. */
  defaultCountry = '';
  /** Comma list of countries listed first in the picker, e.g. `DE,AT,CH`. */
  preferredCountries = '';
  /**
   * Comma list of the only countries whose numbers are taken, e.g. `DE,AT,CH`: the picker lists only
   * these, and a number of another country gets the `country-not-allowed` message. Empty: every country.
   */
  onlyCountries = '';
  /** Overrides the translated label. */
  label = '';
  /** An empty field is invalid. */
  required = false;
  /** Only mobile numbers are valid; a landline gets the `not-mobile` message. */
  mobileOnly = false;
  /** Turns off formatting while typing (for keyboards that fight it); the number is still formatted when the field loses focus. */
  noLiveFormat = false;
  /** The field cannot be edited and is not submitted. */
  disabled = false;
  /** Locale of the labels and country names; defaults to the nearest `lang`. */
  locale = '';

  private display = '';
  private selectedCountry?: CountryCode;
  private shownProblem?: PhoneProblem;
  private formDisabled = false;
  private e164 = '';
  private countryResolved = false;
  private stopWatchingMetadata?: () => void;

  private get inputElement(): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>('#number')!;
  }

  private readonly internals: ElementInternals;
  private readonly i18n = new I18nController(this);
  private readonly configuration = new ConfigurationController(this, { tag: 'optin-phone-input', read: () => this.readConfiguration() });
  private readonly combobox = new CountryCombobox(this, {
    locale: () => this.namesLocale,
    t: () => this.i18n.t,
    selected: () => this.selectedCountry,
    preferred: () => this.preferredCodes,
    only: () => this.onlyCodes,
    disabled: () => this.isDisabled,
    choose: (code) => this.onCountryChosen(code),
  });

  constructor() {
    super();
    this.internals = this.attachInternals();
    // A host form's interactive validation fires `invalid` on us: show our message by the field.
    this.addEventListener('invalid', () => {
      this.shownProblem = this.problem;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchPointerPresses();
    this.stopWatchingMetadata = onPhoneMetadataChange(() => this.onMetadataArrived());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingMetadata?.();
  }

  /** The country currently chosen or recognised from the number (ISO 3166 alpha-2), or `''`. Setting it picks that country. */
  get country(): string {
    return this.selectedCountry ?? '';
  }
  set country(code: string) {
    const wanted = (code ?? '').toUpperCase();
    this.selectedCountry = isCountryCode(wanted) ? wanted : undefined;
    this.countryResolved = true;
    this.reformat();
  }

  /** The `<form>` this field belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The field's validity state, read like a native input's `validity`. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** Whether a form validates this field, like a native input's `willValidate`. */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Attribute values the field ignores (country codes that are not), for the page author and tests; the console names them too. */
  get configurationProblems(): readonly ConfigurationProblem[] {
    return this.configuration.current.problems;
  }

  /** Why the current value is not valid, or `undefined`. An empty optional field is valid. */
  get problem(): PhoneProblem | undefined {
    if (cleanPhoneText(this.display).digits === '') return this.required ? 'required' : undefined;
    const parsed = parsePhoneInput(this.display, this.selectedCountry, { mobileOnly: this.mobileOnly });
    const only = this.onlyCodes;
    return parsed.problem ?? (only.length && !only.includes((parsed.country ?? this.selectedCountry)!) ? 'country-not-allowed' : undefined);
  }

  /** The message shown by the field when the value is not valid, in the field's language; `''` when valid. */
  get validationMessage(): string {
    return this.messageFor(this.problem);
  }

  /** Fires `invalid` and answers `false` when the value is not valid, like a native input. */
  checkValidity(): boolean {
    this.syncValidity();
    return this.internals.checkValidity();
  }

  /** Resolves after rendering, once the texts of the wanted locale are loaded and shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const first = await super.getUpdateComplete();
    await this.i18n.settled;
    return (await super.getUpdateComplete()) && first;
  }

  /** Shows the validation message by the field and focuses it when invalid. */
  reportValidity(): boolean {
    const valid = this.checkValidity();
    this.shownProblem = this.problem;
    if (!valid) this.inputElement?.focus();
    return valid;
  }

  /** Form reset: back to the `value` attribute and the default country. */
  formResetCallback(): void {
    this.countryResolved = false;
    this.selectedCountry = undefined;
    this.resolveInitialCountry();
    this.value = this.getAttribute('value') ?? '';
    this.shownProblem = undefined;
  }

  /** Back/forward navigation and autofill restore: the text and country the person had. */
  formStateRestoreCallback(stateValue: string | File | FormData | null): void {
    if (typeof stateValue !== 'string') return;
    const [country, ...text] = stateValue.split('\n');
    if (isCountryCode(country)) this.selectedCountry = country;
    this.countryResolved = true;
    this.updateFromText(text.join('\n'));
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** The page's language as asked for, for `Intl` names (the translations may fall back to English). */
  private get namesLocale(): string {
    return this.i18n.requested;
  }

  private get preferredCodes(): CountryCode[] {
    return parseCountryList(this.preferredCountries).codes;
  }

  private get onlyCodes(): CountryCode[] {
    return parseCountryList(this.onlyCountries ?? '').codes;
  }

  private messageFor(problem: PhoneProblem | undefined): string {
    if (!problem) return '';
    const t = this.i18n.t;
    if (problem === 'invalid' && this.selectedCountry) {
      return t('error.phone.invalidForCountry', { country: countryOption(this.selectedCountry, this.namesLocale).name });
    }
    return t(`error.phone.${problem}`);
  }

  private resolveInitialCountry(): void {
    if (this.countryResolved) return;
    const wanted = this.defaultCountry.trim().toUpperCase();
    const known = isCountryCode(wanted);
    // Countries can only be told once the phone metadata's index is there (a failed group of
    // rules elsewhere does not stop it).
    if (phoneMetadataState() === 'loading') return;
    this.countryResolved = true;
    const only = this.onlyCodes;
    if (known && (!only.length || only.includes(wanted))) {
      this.selectedCountry ??= wanted;
      return;
    }
    // A default outside the allow-list (or none): the first allowed country.
    if (only.length) {
      this.selectedCountry ??= only[0];
      return;
    }
    // The page's language only (not the browser's): a region in it is the page author's statement.
    const pageLanguage = this.locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    this.selectedCountry ??= pageLanguage ? regionOfLocale(pageLanguage) : undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('defaultCountry') && this.countryResolved && !this.display) {
      // A default country set after the first render still applies while nothing is typed.
      this.countryResolved = false;
      this.selectedCountry = undefined;
    }
    this.resolveInitialCountry();
    this.configuration.refresh();
  }

  /** The country attributes' values that are not country codes: the field works without them, and the console says so. */
  private readConfiguration(): ConfigurationReading {
    const problems: ConfigurationProblem[] = [];
    const wanted = this.defaultCountry.trim();
    for (const [attribute, value, unknown] of [
      ['default-country', wanted, wanted && !isCountryCode(wanted.toUpperCase()) ? [wanted] : []],
      ['preferred-countries', this.preferredCountries, parseCountryList(this.preferredCountries).unknown],
      ['only-countries', this.onlyCountries, parseCountryList(this.onlyCountries).unknown],
    ] as const) {
      if (unknown.length) problems.push({ attribute, message: `${attribute}="${value}": ${unknown.join(', ')} is not a country code such as "DE"; ignored.` });
    }
    return { problems, blocked: false };
  }

  protected override updated(): void {
    this.syncValidity();
  }

  /** Tells the host form the value, the restorable state and the validity. */
  private syncValidity(): void {
    this.internals.setFormValue(this.e164 || null, `${this.selectedCountry ?? ''}\n${this.display}`);
    const problem = this.problem;
    if (problem && this.inputElement) {
      this.internals.setValidity({ [VALIDITY_FLAG[problem]]: true }, this.messageFor(problem), this.inputElement);
    } else if (!problem) {
      this.internals.setValidity({});
    }
  }

  /**
   * The phone metadata arrived (script-tag build): choose the default country, and format and read
   * what was typed meanwhile, keeping the caret where it is if the person is still typing.
   */
  private onMetadataArrived(): void {
    this.resolveInitialCountry();
    const input = this.inputElement;
    if (input && this.shadowRoot?.activeElement === input && !this.noLiveFormat) {
      const edit = formatWithCaret(input.value, input.selectionStart ?? input.value.length, this.selectedCountry, false);
      input.value = edit.text;
      input.setSelectionRange(edit.caret, edit.caret);
      this.updateFromText(edit.text);
    } else if (this.display) {
      this.updateFromText(formatPhoneText(this.display, this.selectedCountry).text);
    }
    this.requestUpdate();
  }

  private onCountryChosen(code: CountryCode | undefined): void {
    this.selectedCountry = code;
    this.reformat();
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.inputElement?.focus());
  }

  /** Re-reads the typed text for the current country (after the country changed). */
  private reformat(): void {
    this.updateFromText(this.noLiveFormat ? this.display : formatPhoneText(this.display, this.selectedCountry).text);
  }

  private onInput(event: InputEvent): void {
    // The inner input's own `input` event would reach the page before `value` is updated.
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    const caret = input.selectionStart ?? input.value.length;
    if (this.noLiveFormat || event.isComposing) {
      this.updateFromText(input.value);
    } else {
      const edit = applyPhoneEdit(this.display, input.value, caret, event.inputType, this.selectedCountry);
      // Value and caret are written together, synchronously, so the caret never visibly jumps.
      if (input.value !== edit.text) input.value = edit.text;
      input.setSelectionRange(edit.caret, edit.caret);
      this.updateFromText(edit.text);
    }
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private updateFromText(text: string): void {
    const parsed = parsePhoneInput(text, this.selectedCountry, { mobileOnly: this.mobileOnly });
    // The country follows what is typed or pasted: "+44…" selects the United Kingdom.
    if (parsed.country && (cleanPhoneText(text).international || parsed.repaired)) this.selectedCountry = parsed.country;
    this.display = text;
    this.e164 = parsed.e164;
    if (this.shownProblem) this.shownProblem = this.problem;
  }

  private onBlur(): void {
    // Leaving the field cleans up what typing left as typed ("0044…" → "+44…").
    if (this.display) this.updateFromText(formatPhoneText(this.display, this.selectedCountry).text);
    // The message may push down what the person is clicking: it waits for the click.
    afterPointerRelease(() => {
      if (this.display.trim() !== '') this.shownProblem = this.problem;
    });
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  protected override render() {
    const t = this.i18n.t;
    const message = this.messageFor(this.shownProblem);
    return html`
      <div class="field" dir=${this.i18n.dir} lang=${this.i18n.locale}>
      <label part="label" for="number">${this.label || t('form.phoneLabel')}</label>
      <div class="control">
        ${this.combobox.render()}
        <input
          id="number"
          part="input"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          dir="ltr"
          .value=${this.display}
          placeholder=${exampleNumber(this.selectedCountry)}
          ?required=${this.required}
          ?disabled=${this.isDisabled}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby="error"
          @input=${this.onInput}
          @blur=${this.onBlur}
        />
      </div>
      <div id="error" part="error" class="error" aria-live="polite">${message}</div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'optin-phone-input': OptinPhoneInput;
  }
}
