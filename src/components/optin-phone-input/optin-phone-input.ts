import { LitElement, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  type CountryCode,
  formatAsYouType,
  isCountryCode,
  type PhoneProblem,
  parsePhoneInput,
} from '../../core/phone-number.js';
import { countryOptions } from '../shared/country-options.js';
import { I18nController } from '../shared/i18n-controller.js';
import { phoneInputStyles } from './optin-phone-input.styles.js';

/**
 * @tag optin-phone-input
 * @summary An editable international phone number field whose value is E.164.
 *
 * @event input - The number changed as the person typed.
 * @event change - The number or the country was committed.
 *
 * @csspart label - The field's label.
 * @csspart country - The country picker.
 * @csspart input - The number input.
 * @csspart error - The validation message.
 *
 * @cssproperty --optin-color-text - Text colour.
 * @cssproperty --optin-color-field - Field background.
 * @cssproperty --optin-color-border - Field border colour.
 * @cssproperty --optin-color-error - Validation message and invalid border colour.
 * @cssproperty --optin-color-focus - Focus ring colour.
 * @cssproperty --optin-radius - Corner radius.
 * @cssproperty --optin-space-xs - Gap between the label, the field and the message.
 */
export class OptinPhoneInput extends LitElement {
  static override styles = phoneInputStyles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The number in E.164 (e.g. `+14155550123`), or `''` while it is not a valid number. Setting it prefills the field, which stays editable. */
  @property()
  get value(): string {
    return this.e164;
  }
  set value(next: string) {
    const parsed = parsePhoneInput(next ?? '', this.selectedCountry);
    this.e164 = parsed.e164;
    if (parsed.country) this.selectedCountry = parsed.country;
    this.display = next ? formatAsYouType(parsed.e164 || next, this.selectedCountry).text : '';
    this.requestUpdate('value');
  }

  /** Country preselected before the person types (ISO 3166 alpha-2). */
  @property({ attribute: 'default-country' }) defaultCountry = '';
  /** Overrides the translated label. */
  @property() label = '';
  /** An empty field is invalid. */
  @property({ type: Boolean, reflect: true }) required = false;
  /** Locale of the labels and country names; defaults to the nearest `lang`. */
  @property() locale = '';

  @state() private display = '';
  @state() private selectedCountry?: CountryCode;
  @state() private shownProblem?: PhoneProblem;
  private e164 = '';

  @query('input') private inputElement!: HTMLInputElement;

  private readonly i18n = new I18nController(this);

  /** The country currently chosen or recognised from the number. */
  get country(): string {
    return this.selectedCountry ?? '';
  }

  /** Why the current value is not valid, or `undefined`. An empty optional field is valid. */
  get problem(): PhoneProblem | undefined {
    if (this.display.trim() === '') return this.required ? 'required' : undefined;
    return parsePhoneInput(this.display, this.selectedCountry).problem;
  }

  get validationMessage(): string {
    const problem = this.problem;
    return problem ? this.i18n.t(`error.phone.${problem}`) : '';
  }

  checkValidity(): boolean {
    return this.problem === undefined;
  }

  /** Shows the validation message by the field and focuses it when invalid. */
  reportValidity(): boolean {
    this.shownProblem = this.problem;
    if (this.shownProblem) this.inputElement?.focus();
    return this.shownProblem === undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('defaultCountry') && !this.selectedCountry) {
      const wanted = this.defaultCountry.toUpperCase();
      if (isCountryCode(wanted)) this.selectedCountry = wanted;
      else if (this.defaultCountry) {
        console.error(`[optin-elements] <optin-phone-input> default-country="${this.defaultCountry}" is not an ISO 3166 alpha-2 code such as "DE"; it is ignored.`);
      }
    }
  }

  private onCountryChange(event: Event): void {
    const code = (event.target as HTMLSelectElement).value;
    this.selectedCountry = isCountryCode(code) ? code : undefined;
    this.updateFromText(this.display);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const atEnd = input.selectionStart === input.value.length;
    this.updateFromText(input.value, atEnd);
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private updateFromText(text: string, reformat = true): void {
    const formatted = formatAsYouType(text, this.selectedCountry);
    if (formatted.country && text.trim().startsWith('+')) this.selectedCountry = formatted.country;
    // Reformat only when the caret is at the end, so editing in the middle never moves it.
    this.display = reformat ? formatted.text || text : text;
    const parsed = parsePhoneInput(text, this.selectedCountry);
    this.e164 = parsed.e164;
    if (this.shownProblem) this.shownProblem = this.problem;
  }

  private onBlur(): void {
    if (this.display.trim() !== '') this.shownProblem = this.problem;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  protected override render() {
    const t = this.i18n.t;
    const message = this.shownProblem ? t(`error.phone.${this.shownProblem}`) : '';
    return html`
      <label part="label" for="number">${this.label || t('form.phoneLabel')}</label>
      <div class="control">
        <select part="country" aria-label=${t('form.countryLabel')} @change=${this.onCountryChange}>
          <option value="" ?selected=${!this.selectedCountry}>${t('form.noCountry')}</option>
          ${countryOptions(this.i18n.locale).map(
            (option) =>
              html`<option value=${option.code} ?selected=${option.code === this.selectedCountry}>
                ${option.flag} ${option.name} ${option.dialCode}
              </option>`,
          )}
        </select>
        <input
          id="number"
          part="input"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          dir="ltr"
          .value=${this.display}
          ?required=${this.required}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby="error"
          @input=${this.onInput}
          @blur=${this.onBlur}
        />
      </div>
      <div id="error" part="error" class="error">${message}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'optin-phone-input': OptinPhoneInput;
  }
}
