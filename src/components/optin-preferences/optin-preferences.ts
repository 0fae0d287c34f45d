import { LitElement, type PropertyDeclarations, html, nothing } from 'lit';
import { buildConsentRecord } from '../../core/build-consent-record.js';
import type { CategoryConfig } from '../../core/categories.js';
import type { ConsentRecord, RecordCategory, RecordKind, RecordSubject } from '../../core/consent-record.js';
import type { ConfigurationProblem } from '../../core/form-configuration.js';
import { type PreferencesConfiguration, readPreferencesConfiguration } from '../../core/preferences-configuration.js';
import { composePreferencesNotice, type PreferencesNotice, preferencesPolicy } from '../../core/preferences-notice.js';
import { OptinPreferencesLoadedEvent } from '../events/optin-preferences-loaded-event.js';
import { OptinSubmitEvent } from '../events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../events/optin-success-event.js';
import type { OptinPhoneInput } from '../optin-phone-input/optin-phone-input.js';
import '../optin-phone-input/define.js';
import { I18nController } from '../shared/i18n-controller.js';
import { RecordDeliveryController } from '../shared/record-delivery-controller.js';
import { fetchSubjectState } from './fetch-subject-state.js';
import { optinPreferencesStyles } from './optin-preferences.styles.js';

/** `none`: no token given; `loading`; `valid`: state shown; `expired`, `invalid`, `failed`: state unknown, stopping still works. */
export type PreferenceTokenStatus = 'none' | 'loading' | 'valid' | 'expired' | 'invalid' | 'failed';
/** `queued`: the change is saved on the device and will be sent when the receiver can be reached. */
export type PreferencesSaveStatus = 'idle' | 'saving' | 'queued' | 'saved' | 'error';

/** One change the person asked for. */
type Change = { kind: 'stop-all' } | { kind: 'set'; id: string; granted: boolean };

/** The request with the preference token as `Authorization: Bearer …`, the record untouched. */
const withBearer = ({ url, headers, body }: { url: string; headers: Record<string, string>; body: string }, token: string) => ({
  url,
  headers: { ...headers, Authorization: `Bearer ${token}` },
  body,
});

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
  static override styles = optinPreferencesStyles;
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
    tokenStatus: { state: true, attribute: false },
    known: { state: true, attribute: false },
    serverCategories: { state: true, attribute: false },
    lastChange: { state: true, attribute: false },
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

  private tokenStatus: PreferenceTokenStatus = 'none';
  /** State per category: from the receiver (token holders), or what this visitor just stopped. */
  private known = new Map<string, boolean>();
  private serverCategories: CategoryConfig[] = [];
  private lastChange?: Change;

  private get phoneInput(): OptinPhoneInput | null {
    return this.renderRoot.querySelector<OptinPhoneInput>('optin-phone-input');
  }

  private readonly i18n = new I18nController(this);
  private readonly delivery = new RecordDeliveryController(this);
  /** One click, one record: a second click while a change is being built is ignored. */
  private building = false;
  private config?: PreferencesConfiguration;
  private problems: ConfigurationProblem[] = [];
  private reportedProblems = '';
  private tokenSubject?: RecordSubject;
  private loadedFor?: string;
  private loadAbort?: AbortController;

  constructor() {
    super();
    this.addEventListener('optin-success', (event: OptinSuccessEvent) => {
      if (event.target === this) void this.onStored(event.detail.record);
    });
  }

  /** Problems with the current configuration, for the page author and tests. */
  get configurationProblems(): readonly ConfigurationProblem[] {
    return this.problems;
  }

  /** What the element knows about the token: `none`, `loading`, `valid`, `expired`, `invalid` or `failed`. */
  get preferenceTokenStatus(): PreferenceTokenStatus {
    return this.tokenStatus;
  }

  /** `idle`, `saving`, `queued` (saved on the device, sent later), `saved` or `error`. */
  get saveState(): PreferencesSaveStatus {
    const status = this.delivery.status;
    return status === 'sending' ? 'saving' : status === 'success' ? 'saved' : status;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.loadedFor = undefined;
  }

  protected override willUpdate(): void {
    const { config, problems } = readPreferencesConfiguration(
      {
        businessName: this.businessName ?? '',
        endpoint: this.endpoint ?? '',
        categories: this.categories,
        channel: this.channel ?? '',
        phone: this.phone ?? '',
        bsuid: this.bsuid ?? '',
      },
      document.baseURI,
    );
    this.config = config;
    this.problems = problems;
    const summary = problems.map((p) => p.message).join('\n');
    if (summary !== this.reportedProblems) {
      this.reportedProblems = summary;
      if (summary) console.error(`[optin-elements] <optin-preferences> is not set up correctly:\n${summary}`);
    }
    const loadKey = config && this.token ? `${config.stateUrl}\n${this.token}` : undefined;
    if (loadKey !== this.loadedFor) {
      this.loadedFor = loadKey;
      this.tokenSubject = undefined;
      this.known = new Map();
      this.serverCategories = [];
      if (loadKey) void this.loadState();
      else this.tokenStatus = 'none';
    }
  }

  private async loadState(): Promise<void> {
    const config = this.config;
    if (!config || !this.token) return;
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    if (this.tokenStatus !== 'valid') this.tokenStatus = 'loading';
    const result = await fetchSubjectState(config.stateUrl, this.token, abort.signal);
    if (abort.signal.aborted) return;
    if (!result.ok) {
      this.tokenStatus = result.reason === 'token-expired' ? 'expired' : result.reason === 'token-invalid' ? 'invalid' : 'failed';
      this.tokenSubject = undefined;
      this.known = new Map();
      return;
    }
    this.tokenStatus = 'valid';
    this.tokenSubject = result.subject.phone || result.subject.bsuid ? result.subject : undefined;
    this.known = new Map(result.categories.map((c) => [c.id, c.granted]));
    const configured = new Set(config.categories.map((c) => c.id));
    // A category the page does not configure is shown only with the receiver's registry label: never a label from a record.
    this.serverCategories = result.categories
      .filter((c) => !configured.has(c.id) && typeof c.label === 'string' && c.label !== '')
      .map(({ id, label }) => ({ id, label }));
    this.dispatchEvent(new OptinPreferencesLoadedEvent({ categories: result.categories, confirmed: result.confirmed }));
  }

  private shownCategories(config: PreferencesConfiguration): CategoryConfig[] {
    return [...config.categories, ...this.serverCategories];
  }

  private notice(config: PreferencesConfiguration): PreferencesNotice {
    return composePreferencesNotice(
      {
        businessName: config.businessName,
        channel: config.channel,
        categories: this.shownCategories(config),
        state: this.known.size > 0 ? this.known : undefined,
      },
      this.i18n.t,
    );
  }

  /** The token's subject, else the page's, else the number typed in (validated, with its message by the field). */
  private subject(config: PreferencesConfiguration): RecordSubject | undefined {
    if (this.tokenStatus === 'valid' && this.tokenSubject) return this.tokenSubject;
    if (config.subject) return config.subject;
    const input = this.phoneInput;
    if (!input?.reportValidity() || !input.value) return undefined;
    return { phone: input.value };
  }

  /** The categories the record states: every one whose state is known after the change; without a token only what was stopped. */
  private recordCategories(notice: PreferencesNotice, change: Change): RecordCategory[] {
    const categories = notice.sections.flatMap((s) => (s.kind === 'category' ? [{ id: s.id, label: s.label }] : []));
    if (change.kind === 'stop-all') return categories.map((c) => ({ ...c, granted: false }));
    if (this.tokenStatus !== 'valid') {
      return categories.filter((c) => c.id === change.id).map((c) => ({ ...c, granted: change.granted }));
    }
    return categories.map((c) => ({ ...c, granted: c.id === change.id ? change.granted : (this.known.get(c.id) ?? false) }));
  }

  private async change(change: Change): Promise<void> {
    const config = this.config;
    if (!config || this.building || this.saveState === 'saving') return;
    const subject = this.subject(config);
    if (!subject) return;
    this.building = true;
    try {
      const notice = this.notice(config);
      const kind: RecordKind = change.kind === 'stop-all' ? 'opt-out' : 'preferences';
      const unsigned = await buildConsentRecord({
        kind,
        subject,
        business: { name: config.businessName, privacyUrl: null },
        channel: config.channel,
        categories: this.recordCategories(notice, change),
        notice: { locale: this.i18n.locale, text: notice.text },
        source: 'website',
        pageUrl: location.href,
        policy: preferencesPolicy(),
      });
      if (!this.dispatchEvent(new OptinSubmitEvent({ record: unsigned }))) return;
      this.lastChange = change;
      // A grant that turns a stopped category back on counts only with the person's authority: their token.
      const token = this.tokenStatus === 'valid' && unsigned.categories.some((c) => c.granted) ? this.token : '';
      await this.delivery.send(config.endpoint, unsigned, token ? { prepareRequest: (request) => withBearer(request, token) } : {});
    } finally {
      this.building = false;
    }
  }

  /** The receiver stored a change: show it, then what the receiver now derives (token holders). */
  private async onStored(record: ConsentRecord): Promise<void> {
    const next = new Map(this.known);
    for (const category of record.categories) next.set(category.id, category.granted);
    this.known = next;
    if (this.tokenStatus === 'valid') await this.loadState();
  }

  private renderConfigNotice() {
    const t = this.i18n.t;
    return html`<div part="config-notice" class="config-notice" role="alert">
      <strong>${t('preferences.configTitle')}</strong>
      <ul>
        ${this.problems.map((p) => html`<li><code>${p.attribute}</code>: ${p.message}</li>`)}
      </ul>
      <p>${t('config.hint')}</p>
    </div>`;
  }

  private renderTokenNotice() {
    const t = this.i18n.t;
    const key =
      this.tokenStatus === 'expired'
        ? 'preferences.expired'
        : this.tokenStatus === 'invalid'
          ? 'preferences.invalidLink'
          : this.tokenStatus === 'failed'
            ? 'preferences.loadFailed'
            : undefined;
    return key ? html`<p part="notice" class="notice" role="alert">${t(key)}</p>` : nothing;
  }

  protected override render() {
    const config = this.config;
    if (!config || this.problems.length > 0) return this.renderConfigNotice();
    const t = this.i18n.t;
    const notice = this.notice(config);
    const saveStatus = this.saveState;
    const busy = saveStatus === 'saving';
    const stateShown = this.tokenStatus === 'valid';
    const needsNumber = !stateShown && !config.subject;
    const lead = notice.sections.find((s) => s.kind === 'lead');
    const stopAll = notice.sections.find((s) => s.kind === 'stop-all');
    const how = notice.sections.find((s) => s.kind === 'how');
    const statusText =
      saveStatus === 'saving'
        ? t('preferences.saving')
        : saveStatus === 'queued'
          ? t('form.queued')
          : saveStatus === 'saved'
            ? this.lastChange?.kind === 'stop-all'
              ? t('preferences.stoppedAll', { business: config.businessName })
              : t('preferences.saved')
            : saveStatus === 'error'
              ? t('preferences.failed')
              : this.tokenStatus === 'loading'
                ? t('preferences.loading')
                : '';
    return html`<section part="panel" class="panel" aria-labelledby="lead" aria-busy=${busy || this.tokenStatus === 'loading'}>
      <p part="lead" id="lead">${lead?.text}</p>
      ${this.renderTokenNotice()}
      ${needsNumber
        ? html`<optin-phone-input
            part="phone"
            exportparts="input: phone-input, country: phone-country, error: phone-error"
            .locale=${this.i18n.locale}
            default-country=${this.defaultCountry}
            required
          ></optin-phone-input>`
        : nothing}
      <ul part="categories">
        ${notice.sections.map((section) => {
          if (section.kind !== 'category') return nothing;
          const granted = this.known.get(section.id);
          const resume = stateShown && granted === false;
          const stoppedHere = !stateShown && granted === false;
          return html`<li part="category" class="category" data-category=${section.id}>
            <span>
              ${section.label}${section.description ? html`<span class="category-description">: ${section.description}</span>` : nothing}
              ${granted === undefined
                ? nothing
                : html`<span part="category-state" class="category-state" data-granted=${String(granted)}
                    >${t(granted ? 'preferences.receiving' : 'preferences.stopped')}</span
                  >`}
            </span>
            ${resume
              ? html`<button
                  part="resume-button"
                  class="resume"
                  type="button"
                  aria-label=${t('preferences.resumeLabel', { label: section.label })}
                  ?disabled=${busy}
                  @click=${() => this.change({ kind: 'set', id: section.id, granted: true })}
                >
                  ${t('preferences.resume')}
                </button>`
              : html`<button
                  part="stop-button"
                  class="stop"
                  type="button"
                  aria-label=${t('preferences.stopLabel', { label: section.label })}
                  ?disabled=${busy || stoppedHere}
                  @click=${() => this.change({ kind: 'set', id: section.id, granted: false })}
                >
                  ${t('preferences.stop')}
                </button>`}
          </li>`;
        })}
      </ul>
      <p class="fine-print">${stopAll?.text}</p>
      <button part="stop-all" class="stop-all" type="button" ?disabled=${busy} @click=${() => this.change({ kind: 'stop-all' })}>
        ${t('preferences.stopAll')}
      </button>
      <p class="fine-print">${how?.text}</p>
      <div part="status" class="status" role="status" data-status=${saveStatus}>${statusText}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'optin-preferences': OptinPreferences;
  }
}
