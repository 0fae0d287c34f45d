import { loadPreferencesView } from '#platform/load-preferences';
import { LitElement, type PropertyDeclarations, adoptStyles, css, html, nothing } from 'lit';
import type { CategoryConfig } from '../../core/notice/categories.js';
import type { ConfigurationProblem } from '../../core/notice/form-configuration.js';
import { OptinPreferencesLoadedEvent } from '../events/optin-preferences-loaded-event.js';
import { OptinSubmitEvent } from '../events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../events/optin-success-event.js';
import { OptinPhoneInput } from '../optin-phone-input/optin-phone-input.js';
import type { ElementDependencies } from '../shared/define-element.js';
import { ConfigurationController } from '../shared/configuration-controller.js';
import { renderConfigurationNotice } from '../shared/configuration-notice.js';
import { I18nController } from '../shared/i18n-controller.js';
import { addEnglishTexts } from '../../i18n/locale-registry.js';
import { RecordDeliveryController } from '../shared/record-delivery-controller.js';
import type { PreferencesReading, PreferencesSaveStatus, PreferencesView, PreferenceTokenStatus } from './preferences-view.js';

export type { PreferenceTokenStatus, PreferencesSaveStatus } from './preferences-view.js';

/**
 * @tag optin-preferences
 * @summary The way back out: per-category stop and resume, and "stop everything", each saved as its own signed record.
 *
 * With a `token` (a receiver-issued preference token from the link in the business's messages) it
 * shows the current state of each category and offers Stop or Resume. Without one it reveals
 * nothing about the number, but still lets anyone stop messages to a number they enter.
 *
 * Every change goes through the same never-lose outbox as opt-ins: signed, saved on the device,
 * sent with retries until the receiver stores it, never twice.
 *
 * @event {OptinSubmitEvent} optin-submit - Before a change is signed and sent; cancelable. `detail.record` has kind `preferences` or `opt-out`.
 * @event {OptinQueuedEvent} optin-queued - The first attempt failed: the change is saved on the device and will be sent later.
 * @event {OptinSuccessEvent} optin-success - The endpoint stored the change.
 * @event {OptinErrorEvent} optin-error - The change could not be signed or was refused for good.
 * @event {OptinPreferencesLoadedEvent} optin-preferences-loaded - The current state was read with the token (also after each saved change).
 *
 * @csspart panel - The preference centre.
 * @csspart lead - Whose messages these are, on which channel.
 * @csspart notice - Why the current state is not shown (expired or invalid link, load failure).
 * @csspart phone - The phone number field, shown when the page knows no subject and has no token.
 * @csspart phone-input - The phone field's number input (exported from `<optin-phone-input>`).
 * @csspart phone-country - The phone field's country picker.
 * @csspart phone-error - The phone field's validation message.
 * @csspart categories - The list of categories.
 * @csspart category - One category: label, description, state and button.
 * @csspart category-state - "receiving" or "stopped" (only with a valid token, or after this visitor stopped it).
 * @csspart stop-button - A category's Stop button.
 * @csspart resume-button - A category's Resume button (only with a valid token).
 * @csspart stop-all - The "Stop everything" button.
 * @csspart status - Saving, saved-for-later, saved and failure messages (a live region).
 * @csspart config-notice - Shown to the page author instead of the controls when the configuration is invalid.
 *
 * @cssproperty --optin-color-accent - Resume button, link and saved-message colour.
 * @cssproperty --optin-color-stop - Stop buttons and "stopped" state colour.
 * @cssproperty --optin-color-text - Text colour.
 * @cssproperty --optin-color-muted - Secondary text colour.
 * @cssproperty --optin-color-surface - Background.
 * @cssproperty --optin-color-border - Border colour.
 * @cssproperty --optin-color-error - Error colour.
 * @cssproperty --optin-color-focus - Focus ring colour.
 * @cssproperty --optin-font-family - Font family.
 * @cssproperty --optin-font-size - Base font size.
 * @cssproperty --optin-radius - Corner radius.
 * @cssproperty --optin-space - Gap between parts.
 * @cssproperty --optin-padding - Padding inside the panel.
 * @cssproperty --optin-max-width - Maximum width.
 */
export class OptinPreferences extends LitElement {
  // The rest arrives with the view's code (optin-preferences.styles.ts); this much holds the set-up notice shown without it.
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;
  // Declared here rather than with decorators, whose helpers cost the script-tag file 0.5 KiB;
  // each field keeps its JSDoc below (the manifest reads both).
  static override properties: PropertyDeclarations = {
    endpoint: {},
    businessName: { attribute: 'business-name' },
    categories: {},
    channel: {},
    phone: {},
    bsuid: {},
    token: {},
    locale: {},
    defaultCountry: { attribute: 'default-country' },
  };

  /** URL the signed records are POSTed to (the receiver's `/consents`). The state is read from `preferences` beside it. Required. */
  endpoint = '';
  /** The business's name, shown in the text. Required. */
  businessName = '';
  /** The categories the business sends: comma list of preset ids, or as a property an array of `{id, label, description?}`. Required. */
  categories: string | Array<string | CategoryConfig> = '';
  /** The messaging channel: `whatsapp` (default), `sms`, … */
  channel = 'whatsapp';
  /** The subject's phone number (E.164) when the page knows it; otherwise the person enters it. */
  phone = '';
  /** The subject's WhatsApp Business-Scoped User ID when the page knows it. */
  bsuid = '';
  /** A receiver-issued preference token (from the preference link): lets the element show the current state. */
  token = '';
  /** Locale of the texts; defaults to the nearest `lang`, then the browser's. */
  locale = '';
  /** Country preselected in the phone field (ISO 3166 alpha-2), when the person enters a number. */
  defaultCountry = '';

  private readonly i18n = new I18nController(this);
  private readonly delivery = new RecordDeliveryController(this);
  /** What the element does and shows (preferences-view.ts): code the script tag fetches beside itself. */
  private view?: PreferencesView;
  /** Why the view's code could not be had, once that is known. */
  private viewFailure?: string;
  private readonly configuration = new ConfigurationController<PreferencesReading>(this, {
    tag: 'optin-preferences',
    read: () =>
      this.view?.readConfiguration() ?? {
        // Its code could not be had (a file missing beside the script, or one that fails its hash): a set-up problem.
        problems: this.viewFailure ? [{ attribute: 'src', message: this.viewFailure }] : [],
        blocked: true,
      },
  });

  /** The elements the preference centre renders, registered (when not yet) as one is connected: importing the class registers nothing. */
  static dependencies: ElementDependencies = { 'optin-phone-input': OptinPhoneInput };

  constructor() {
    super();
    this.addEventListener('optin-success', (event: OptinSuccessEvent) => {
      if (event.target === this) void this.view?.onStored(event.detail.record);
    });
  }

  /** Problems with the current configuration, for the page author and tests. */
  get configurationProblems(): readonly ConfigurationProblem[] {
    return this.configuration.current.problems;
  }

  /** What the element knows about the token: `none`, `loading`, `valid`, `expired`, `invalid` or `failed`. */
  get preferenceTokenStatus(): PreferenceTokenStatus {
    return this.view?.tokenStatus ?? 'none';
  }

  /** `idle`, `saving`, `queued` (saved on the device, sent later), `saved` or `error`. */
  get saveState(): PreferencesSaveStatus {
    const status = this.delivery.status;
    return status === 'sending' ? 'saving' : status === 'success' ? 'saved' : status;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.disconnect();
  }

  /** The first render waits for the view's code, so `updateComplete` resolves once the element shows its controls. */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.view && this.viewFailure === undefined) {
      try {
        const { PreferencesView, optinPreferencesStyles, englishTexts } = await loadPreferencesView();
        addEnglishTexts(englishTexts);
        adoptStyles(this.renderRoot as ShadowRoot, [optinPreferencesStyles(css)]);
        this.view ??= new PreferencesView(this, { i18n: this.i18n, delivery: this.delivery, html, nothing, OptinSubmitEvent, OptinPreferencesLoadedEvent });
      } catch (error) {
        this.viewFailure = `could not load its code: ${error}. Serve the optin-preferences.*.js file unchanged beside the script (it is in the same dist/cdn folder).`;
      }
    }
    super.scheduleUpdate();
  }

  protected override willUpdate(): void {
    const reading = this.configuration.refresh();
    this.view?.willUpdate(reading);
  }

  protected override render() {
    const reading = this.configuration.current;
    if (this.view && !reading.blocked) return this.view.render();
    const t = this.i18n.t;
    return renderConfigurationNotice(t('preferences.configTitle'), t('config.hint'), reading.problems);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'optin-preferences': OptinPreferences;
  }
}
