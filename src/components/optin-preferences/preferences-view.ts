/**
 * What `<optin-preferences>` does and shows: reading its configuration, loading the state with a
 * token, building each change into a signed record, and its templates. A preference page is not a
 * landing page, so the script tag fetches this code beside itself, hash-checked, only where the
 * element is used (`#platform/load-preferences`); the element (optin-preferences.ts) keeps its
 * properties and public API, and renders once this has arrived, adopting the styles and adding the
 * English texts that travel with it. Lit's `html` and the
 * event classes come from the element, so both share the script's one copy of each.
 */
import type { html as litHtml, nothing as litNothing } from 'lit';
import type { CategoryConfig } from '../../core/notice/categories.js';
import type { ConsentRecord, RecordCategory, RecordKind, RecordSubject } from '../../core/record/consent-record.js';
import { type PreferencesConfiguration, readPreferencesConfiguration } from '../../core/notice/preferences-configuration.js';
import { composePreferencesNotice, type PreferencesNotice, preferencesPolicy } from '../../core/notice/preferences-notice.js';
import type { OptinPreferencesLoadedEvent } from '../events/optin-preferences-loaded-event.js';
import type { OptinSubmitEvent } from '../events/optin-submit-event.js';
import type { OptinPhoneInput } from '../optin-phone-input/optin-phone-input.js';
import type { ConfigurationReading } from '../shared/configuration-controller.js';
import type { I18nController } from '../shared/i18n-controller.js';
import type { RecordDeliveryController } from '../shared/record-delivery-controller.js';
import { fetchSubjectState } from './fetch-subject-state.js';
import englishPreferences from '../../i18n/english/en-preferences.js';

export { optinPreferencesStyles } from './optin-preferences.styles.js';

/** The view's English texts, added to the element's English when the view arrives (locale-registry.ts). */
export const englishTexts = { preferences: englishPreferences };

/** `none`: no token given; `loading`; `valid`: state shown; `expired`, `invalid`, `failed`: state unknown, stopping still works. */
export type PreferenceTokenStatus = 'none' | 'loading' | 'valid' | 'expired' | 'invalid' | 'failed';
/** `queued`: the change is saved on the device and will be sent when the receiver can be reached. */
export type PreferencesSaveStatus = 'idle' | 'saving' | 'queued' | 'saved' | 'error';

/** What the attributes amount to (`ConfigurationController` reports the problems and shows the notice). */
export interface PreferencesReading extends ConfigurationReading {
  config?: PreferencesConfiguration;
}

/** One change the person asked for. */
type Change = { kind: 'stop-all' } | { kind: 'set'; id: string; granted: boolean };

/** The element, as the view reads it: its attributes as properties. */
export interface PreferencesHost extends HTMLElement {
  endpoint: string;
  businessName: string;
  categories: string | Array<string | CategoryConfig>;
  channel: string;
  phone: string;
  bsuid: string;
  token: string;
  defaultCountry: string;
  readonly saveState: PreferencesSaveStatus;
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
}

/** What the element lends the view: its controllers, and the script's Lit and event classes. */
export interface PreferencesViewParts {
  i18n: I18nController;
  delivery: RecordDeliveryController;
  html: typeof litHtml;
  nothing: typeof litNothing;
  OptinSubmitEvent: typeof OptinSubmitEvent;
  OptinPreferencesLoadedEvent: typeof OptinPreferencesLoadedEvent;
}

export class PreferencesView {
  tokenStatus: PreferenceTokenStatus = 'none';
  /** State per category: from the receiver (token holders), or what this visitor just stopped. */
  private known = new Map<string, boolean>();
  private serverCategories: CategoryConfig[] = [];
  private lastChange?: Change;
  /** One click, one record: a second click while a change is being built is ignored. */
  private building = false;
  private config?: PreferencesConfiguration;
  private tokenSubject?: RecordSubject;
  private loadedFor?: string;
  private loadAbort?: AbortController;

  constructor(
    private readonly host: PreferencesHost,
    private readonly parts: PreferencesViewParts,
  ) {}

  private get phoneInput(): OptinPhoneInput | null {
    return this.host.renderRoot.querySelector<OptinPhoneInput>('optin-phone-input');
  }

  disconnect(): void {
    this.loadAbort?.abort();
    this.loadedFor = undefined;
  }

  /** The configuration from the attributes as they are now, and what is wrong with it; changes nothing. */
  readConfiguration(): PreferencesReading {
    const host = this.host;
    const { config, problems } = readPreferencesConfiguration(
      {
        businessName: host.businessName ?? '',
        endpoint: host.endpoint ?? '',
        categories: host.categories,
        channel: host.channel ?? '',
        phone: host.phone ?? '',
        bsuid: host.bsuid ?? '',
      },
      document.baseURI,
    );
    return { config, problems, blocked: !config || problems.length > 0 };
  }

  /** Before each render, with the element's reading of its configuration: the state is loaded again when the token or endpoint changed. */
  willUpdate({ config }: PreferencesReading): void {
    const host = this.host;
    this.config = config;
    const loadKey = config && host.token ? `${config.stateUrl}\n${host.token}` : undefined;
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
    const token = this.host.token;
    if (!config || !token) return;
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    if (this.tokenStatus !== 'valid') this.tokenStatus = 'loading';
    this.host.requestUpdate();
    const result = await fetchSubjectState(config.stateUrl, token, abort.signal);
    if (abort.signal.aborted) return;
    this.host.requestUpdate();
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
    this.host.dispatchEvent(new this.parts.OptinPreferencesLoadedEvent({ categories: result.categories, confirmed: result.confirmed }));
  }

  private notice(config: PreferencesConfiguration): PreferencesNotice {
    return composePreferencesNotice(
      {
        businessName: config.businessName,
        channel: config.channel,
        categories: [...config.categories, ...this.serverCategories],
        state: this.known.size > 0 ? this.known : undefined,
      },
      this.parts.i18n.t,
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
    const { delivery, i18n } = this.parts;
    if (!config || this.building || this.host.saveState === 'saving') return;
    const subject = this.subject(config);
    if (!subject) return;
    this.building = true;
    try {
      const notice = this.notice(config);
      const kind: RecordKind = change.kind === 'stop-all' ? 'opt-out' : 'preferences';
      const categories = this.recordCategories(notice, change);
      // A grant that turns a stopped category back on counts only with the person's authority: their
      // token, kept with the click so a page closed at once still sends it.
      const token = this.tokenStatus === 'valid' && categories.some((c) => c.granted) ? this.host.token : '';
      // No await before writeAhead: a stop is on disk before the handler yields.
      const intent = delivery.writeAhead(
        config.endpoint,
        {
          kind,
          subject,
          business: { name: config.businessName, privacyUrl: null },
          channel: config.channel,
          categories,
          notice: { locale: i18n.locale, text: notice.text },
          source: 'website',
          pageUrl: location.href,
          policy: preferencesPolicy(),
        },
        token ? { headers: { Authorization: `Bearer ${token}` } } : {},
      );
      const unsigned = await delivery.buildRecord(intent);
      if (!this.host.dispatchEvent(new this.parts.OptinSubmitEvent({ record: unsigned }))) return delivery.cancel(intent);
      this.lastChange = change;
      this.host.requestUpdate();
      await delivery.send(intent, unsigned);
    } finally {
      this.building = false;
    }
  }

  /** The receiver stored a change: show it, then what the receiver now derives (token holders). */
  async onStored(record: ConsentRecord): Promise<void> {
    const next = new Map(this.known);
    for (const category of record.categories) next.set(category.id, category.granted);
    this.known = next;
    this.host.requestUpdate();
    if (this.tokenStatus === 'valid') await this.loadState();
  }

  private renderTokenNotice() {
    const { html, nothing, i18n } = this.parts;
    const key =
      this.tokenStatus === 'expired'
        ? 'preferences.expired'
        : this.tokenStatus === 'invalid'
          ? 'preferences.invalidLink'
          : this.tokenStatus === 'failed'
            ? 'preferences.loadFailed'
            : undefined;
    return key ? html`<p part="notice" class="notice" role="alert">${i18n.t(key)}</p>` : nothing;
  }

  /** The controls; the element shows its set-up notice instead while the configuration is blocked. */
  render() {
    const { html, nothing, i18n } = this.parts;
    const config = this.config;
    if (!config) return nothing;
    const t = i18n.t;
    const notice = this.notice(config);
    const saveStatus = this.host.saveState;
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
      ${
        needsNumber
          ? html`<optin-phone-input
            part="phone"
            exportparts="input: phone-input, country: phone-country, error: phone-error"
            .locale=${i18n.locale}
            default-country=${this.host.defaultCountry}
            required
          ></optin-phone-input>`
          : nothing
      }
      <ul part="categories">
        ${notice.sections.map((section) => {
          if (section.kind !== 'category') return nothing;
          const granted = this.known.get(section.id);
          const resume = stateShown && granted === false;
          const stoppedHere = !stateShown && granted === false;
          return html`<li part="category" class="category" data-category=${section.id}>
            <span>
              ${section.label}${section.description ? html`<span class="category-description">: ${section.description}</span>` : nothing}
              ${
                granted === undefined
                  ? nothing
                  : html`<span part="category-state" class="category-state" data-granted=${String(granted)}
                    >${t(granted ? 'preferences.receiving' : 'preferences.stopped')}</span
                  >`
              }
            </span>
            ${
              resume
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
                </button>`
            }
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
