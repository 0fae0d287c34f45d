import { LitElement, type PropertyDeclarations, html, nothing } from 'lit';
import type { PrepareRequest } from '../../client/enqueue-record.js';
import type { UnsignedConsentRecord } from '../../core/record/consent-record.js';
import { resolveNonceUrl } from '../../client/fetch-nonce.js';
import { whatsappNumberDigits } from '../../core/messages/confirmation-code.js';
import type { CategoryConfig } from '../../core/notice/categories.js';
import type { ConsentNotice } from '../../core/notice/consent-notice.js';
import { isPageSource, sourceFromQuery } from '../../core/record/page-source.js';
import { type CheckedConfiguration, type ConfigurationProblem, readFormConfiguration } from '../../core/notice/form-configuration.js';
import { type ComplianceAssessment, type ComplianceReport, assessCompliance, complianceReport } from '../../core/policy/assess-compliance.js';
import { WIDGET_INTERACTION } from '../../core/policy/policy-types.js';
import { parseDisplayMode } from '../../core/notice/display-trigger.js';
import { OptinDismissEvent } from '../events/optin-dismiss-event.js';
import { OptinSubmitEvent } from '../events/optin-submit-event.js';
import { OptinViewEvent } from '../events/optin-view-event.js';
import type { DisplayBehaviour } from './display/display-behaviour.js';
import { loadDisplay } from '#platform/load-display';
import { OptinPhoneInput } from '../optin-phone-input/optin-phone-input.js';
import type { ElementDependencies } from '../shared/define-element.js';
import { ConfigurationController, type ConfigurationReading } from '../shared/configuration-controller.js';
import { renderConfigurationNotice } from '../shared/configuration-notice.js';
import { I18nController } from '../shared/i18n-controller.js';
import { addEnglishTexts } from '../../i18n/locale-registry.js';
import { type OwnTexts, readOwnTexts } from '../../i18n/own-texts.js';
import type { Confirmation } from './qr/confirmation-step.js';
import { loadQrEncoder } from '#platform/load-qr-encoder';
import { loadFunnelReport } from '#platform/load-funnel-report';
import type { FunnelEventType } from '../../core/notice/funnel-events.js';
import { type ClickIntent, type DeliveryStatus, RecordDeliveryController } from '../shared/record-delivery-controller.js';
import { optinFormStyles } from './optin-form.styles.js';
import { whatsappLogo } from './whatsapp-logo.js';

export type OptinFormStatus = DeliveryStatus;

/**
 * @tag optin-form
 * @summary A compliant opt-in form: unticked checkbox per category, editable phone number, signed consent record sent to `endpoint`.
 *
 * @event {OptinSubmitEvent} optin-submit - Before the record is signed and sent; cancelable.
 * @event {OptinSuccessEvent} optin-success - The endpoint acknowledged the record.
 * @event {OptinQueuedEvent} optin-queued - The first attempt failed (offline, timeout, 408, 429, 5xx): the record is saved on the device and will be sent later.
 * @event {OptinErrorEvent} optin-error - The record could not be signed or was refused for good (it stays in the outbox's dead letters).
 *
 * @slot image - A picture above the form (e.g. the product). Not part of the consent text, not recorded.
 * @slot headline - The business's own headline above the consent text. Not part of the consent text, not recorded.
 * @slot incentive - The offer for subscribing (e.g. "10 % off your first order"), above the consent text. Not recorded.
 * @slot success - Replaces the default thank-you message after success.
 *
 * @event {OptinViewEvent} optin-view - A popup or flyout opened (by its trigger or `open()`).
 * @event {OptinDismissEvent} optin-dismiss - A popup or flyout was closed without subscribing; it stays closed for `dismiss-days`.
 *
 * @csspart dialog - The popup's or flyout's `<dialog>` (with `display="popup|flyout"`).
 * @csspart close - The popup's or flyout's close button.
 * @csspart form - The form.
 * @csspart legend - The question above the categories (and the WhatsApp badge).
 * @csspart lead - The sentence saying who will send messages on which channel.
 * @csspart phone - The phone number field (`<optin-phone-input>`).
 * @csspart phone-input - The phone field's number input (exported from `<optin-phone-input>`).
 * @csspart phone-country - The phone field's country picker.
 * @csspart phone-error - The phone field's validation message.
 * @csspart categories - The group of category checkboxes.
 * @csspart category - One category: its checkbox, label and description.
 * @csspart checkbox - A category's checkbox.
 * @csspart category-description - The description after a category's label.
 * @csspart whatsapp-badge - The WhatsApp name and logo (with `whatsapp-branding`).
 * @csspart required-note - Why some categories are marked required (shown when one is).
 * @csspart text-changed - Says the ticks were cleared because the consent text changed (a live region).
 * @csspart frequency - How often messages come.
 * @csspart opt-out - How to stop (worded as withdrawal in the GDPR profile).
 * @csspart stop-help - "Reply STOP to cancel, HELP for help" (SMS, US numbers).
 * @csspart rates - "Msg & data rates may apply" (SMS, US numbers).
 * @csspart recipient - Names Meta as a recipient of the data (GDPR profile, WhatsApp).
 * @csspart not-conditional - Says consent is not a condition of purchase (GDPR and US SMS profiles).
 * @csspart sender-address - The sender's mailing address (CASL profile, with `business-address`).
 * @csspart sender-contact - How to reach the sender (CASL profile, with `business-contact`).
 * @csspart privacy - The paragraph holding the privacy link.
 * @csspart terms - The paragraph holding the terms link.
 * @csspart privacy-link - The link to the privacy notice.
 * @csspart terms-link - The link to the messaging terms.
 * @csspart error - The message shown when no category is ticked.
 * @csspart submit - The submit button.
 * @csspart status - Sending, saved-for-later, success and failure messages (a live region).
 * @csspart config-notice - Shown to the page author instead of the form when the configuration is invalid.
 * @csspart confirm - Double opt-in (with `confirm-number`): the step shown after success.
 * @csspart confirm-link - The "Confirm on WhatsApp" link (`https://wa.me/<number>?text=…` with the code).
 * @csspart confirm-code - The short confirmation code, as text.
 * @csspart confirm-qr - The same link as a QR code (inline SVG), for confirming from a phone.
 *
 * @cssproperty --optin-color-accent - Button, checkbox and link colour.
 * @cssproperty --optin-color-on-accent - Button text colour.
 * @cssproperty --optin-color-text - Text colour.
 * @cssproperty --optin-color-muted - Secondary text colour.
 * @cssproperty --optin-color-surface - Form background.
 * @cssproperty --optin-color-border - Form border colour.
 * @cssproperty --optin-color-error - Error colour.
 * @cssproperty --optin-color-focus - Focus ring colour.
 * @cssproperty --optin-color-field - Background of the phone number field and country picker (default: `--optin-color-surface` when set, else white or, in dark mode, near-black).
 * @cssproperty --optin-color-field-border - Border of the phone number field and country picker.
 * @cssproperty --optin-color-whatsapp - WhatsApp badge text colour.
 * @cssproperty --optin-font-family - Font family (the host page's font does not leak in).
 * @cssproperty --optin-font-size - Base font size.
 * @cssproperty --optin-radius - Corner radius.
 * @cssproperty --optin-space - Gap between parts.
 * @cssproperty --optin-space-xs - Small gap (between a label and its field).
 * @cssproperty --optin-padding - Padding inside the form.
 * @cssproperty --optin-max-width - Maximum width of the form.
 */
export class OptinForm extends LitElement {
  static override styles = optinFormStyles;
  /** The elements the form renders, registered (when not yet) as a form is connected: importing the class registers nothing. */
  static dependencies: ElementDependencies = { 'optin-phone-input': OptinPhoneInput };
  // Declared here rather than with decorators, whose helpers cost the script-tag file 0.5 KiB;
  // each field keeps its JSDoc below (the manifest reads both).
  static override properties: PropertyDeclarations = {
    businessName: { attribute: 'business-name' },
    endpoint: {},
    categories: {},
    channel: {},
    channels: {},
    whatsappBranding: { type: Boolean, attribute: 'whatsapp-branding' },
    privacyUrl: { attribute: 'privacy-url' },
    termsUrl: { attribute: 'terms-url' },
    frequency: {},
    jurisdiction: {},
    compliance: {},
    locale: {},
    defaultCountry: { attribute: 'default-country' },
    phone: {},
    bsuid: {},
    source: {},
    kiosk: { type: Boolean },
    staffId: { attribute: 'staff-id' },
    locationId: { attribute: 'location-id' },
    confirmNumber: { attribute: 'confirm-number' },
    nonceUrl: { attribute: 'nonce-url' },
    businessAddress: { attribute: 'business-address' },
    businessContact: { attribute: 'business-contact' },
    businessCountry: { attribute: 'business-country' },
    variant: {},
    mobileOnly: { type: Boolean, attribute: 'mobile-only' },
    onlyCountries: { attribute: 'only-countries' },
    display: { reflect: true },
    trigger: {},
    dismissDays: { type: Number, attribute: 'dismiss-days' },
    successUrl: { attribute: 'success-url' },
    texts: {},
    eventsUrl: { attribute: 'events-url' },
    prepareRequest: { attribute: false },
    ticked: { state: true, attribute: false },
    categoryError: { state: true, attribute: false },
    confirmation: { state: true, attribute: false },
    phoneCountry: { state: true, attribute: false },
    textChanged: { state: true, attribute: false },
  };

  /** The business's name, shown in the consent text. Required. */
  businessName = '';
  /** URL the signed record is POSTed to. Required. */
  endpoint = '';
  /**
   * Comma list of preset ids (`offers`, `announcements`, `order-updates`, `appointment-reminders`,
   * `account-alerts`, `support`), or as a property an array of `{id, label, description?, required?, templateCategory?}`.
   * Without JavaScript, the same array as JSON: `categories='[{"id":"loyalty","label":"Loyalty points"}]'`.
   * Required; each category is its own unticked box.
   */
  categories: string | Array<string | CategoryConfig> = '';
  /** The messaging channel: `whatsapp` (default), `sms`, or another name. */
  channel = 'whatsapp';
  /**
   * Several channels in one form, e.g. `whatsapp,sms` (overrides `channel`): each channel gets its own
   * boxes under its own wording, and one click sends one signed record per channel ticked.
   */
  channels = '';
  /** Shows the WhatsApp name and logo beside the checkboxes. */
  whatsappBranding = false;
  /** Link to the privacy notice, shown and recorded. */
  privacyUrl = '';
  /** Link to the messaging terms, shown and recorded. */
  termsUrl = '';
  /** How often messages come, e.g. `4/month` (`day`, `week`, `month` or `year`; shown localized). */
  frequency = '';
  /**
   * Which compliance profile applies: `auto` (default) picks it from the phone number's country as the
   * person types (EU/EEA, UK, CH → `gdpr`; `channel="sms"` with a US number → `sms-us`; another known
   * country → `platform`; unknown → `strictest`). An explicit `platform`, `gdpr`, `sms-us` or `strictest` overrides.
   */
  jurisdiction = 'auto';
  /**
   * `strict` (default): if a compliance rule fails for any profile the form can apply, the form is replaced
   * by a notice to the page author. `warn`: the form stays, the console warns, and the record's `policy`
   * says which rules failed.
   */
  compliance = 'strict';
  /** Locale of the texts; defaults to the nearest `lang`, then the browser's. */
  locale = '';
  /** Country preselected in the phone field (ISO 3166 alpha-2). */
  defaultCountry = '';
  /** A prefilled phone number (E.164); it stays editable. */
  phone = '';
  /** WhatsApp Business-Scoped User ID when the person is known by username only; the phone number becomes optional. */
  bsuid = '';
  /**
   * Where the opt-in is collected: `website` (default; `in-store` with `kiosk`), `landing-page`, `qr`,
   * `whatsapp-thread`, `in-store`, `social-ad`, `email`, `sms`. An `optin_source` in the page's query
   * (set by `optin-elements qr`) takes precedence, so one landing page serves every poster; an unknown
   * one is ignored with a console warning.
   */
  source = '';
  /**
   * A shop's tablet: after each success the thank-you shows for 5 seconds, then a fresh,
   * empty form for the next person (the record goes on being delivered). `source` defaults to `in-store`.
   */
  kiosk = false;
  /** With `kiosk`: the staff member helping, recorded as `collection.staffId` (at most 64 characters; longer is cut). */
  staffId = '';
  /** With `kiosk`: the shop or till, recorded as `collection.locationId` (at most 64 characters; longer is cut). */
  locationId = '';
  /**
   * Double opt-in: the business's WhatsApp number (with country code). After success the form shows
   * a "Confirm on WhatsApp" link and a QR code carrying a short code derived from the record id; the
   * receiver's WhatsApp webhook stores a `confirmation` record when that code comes back.
   */
  confirmNumber = '';
  /**
   * Where to fetch a single-use nonce that goes into the record before signing. Default: for an
   * endpoint ending in `/consents` (optin-elements' receiver), `<endpoint>/nonce`; otherwise none.
   * `none` turns it off.
   */
  nonceUrl = '';
  /**
   * JavaScript only: changes the request before it is stored and sent, e.g. adds a static header
   * or wraps the body for a third-party API. Receives `{url, headers, body, record}`, returns
   * `{url, headers, body}`; the signed record must stay intact inside `body`.
   */
  prepareRequest?: PrepareRequest;
  /** The business's mailing address, shown to Canadian numbers (CASL) and in the `strictest` profile. */
  businessAddress = '';
  /** A phone number, email or web address to reach the business, shown with the address (CASL). */
  businessContact = '';
  /**
   * Where the business is established (ISO 3166 alpha-2). Its law applies to everyone it asks: an
   * EU/EEA, UK or Swiss business gets at least the `gdpr` profile, a Canadian one at least `casl`.
   */
  businessCountry = '';
  /** The A/B variant of this form, recorded in `collection.variant` (letters, digits, `_ . -`). */
  variant = '';
  /** Accepts mobile numbers only (passed to the phone field). */
  mobileOnly = false;
  /** Comma list of the only countries whose numbers are taken, e.g. `DE,AT,CH` (passed to the phone field: its picker lists only these). */
  onlyCountries = '';
  /**
   * `inline` (default): part of the page. `popup`: a modal dialog over the page. `flyout`: a
   * non-modal panel in the bottom corner. Popup and flyout open by `trigger` or `open()`.
   */
  display = 'inline';
  /**
   * When a popup or flyout opens by itself: `manual` (default: only by `open()`), `delay:SECONDS`,
   * `scroll:PERCENT` (of the page read), or `exit-intent` (the pointer leaves through the top; on
   * touch screens, scrolling back up a third of a screen after reading at least one).
   */
  trigger = 'manual';
  /** Days a dismissed popup or flyout stays closed on that device (default 7; 0: shown again on the next page). */
  dismissDays = 7;
  /** A page to go to after the record was accepted or saved for sending (http or https). */
  successUrl = '';
  /**
   * The business's own, approved wording, per locale, in the shape of a locale file, holding only the
   * keys it changes: `{"en": {"notice": {"optOut": "…"}}}` (as a property, or the same JSON as the
   * attribute). The rules check the composed text as they check the bundled one (a text that drops
   * the business's name or STOP blocks the form), and the record stores the text shown.
   */
  texts: string | OwnTexts = '';
  /**
   * Off by default. Where to send the funnel report's anonymous counts (the receiver's `/events`):
   * views, dismissals and submissions of this form (named by its `id`) and `variant`, batched and
   * sent when the page is hidden or left. Nothing about the person, the device or the page is sent.
   */
  eventsUrl = '';
  /** An inline form's view was counted. */
  private viewCounted = false;
  /** `texts` read once per value. */
  private ownTexts?: { from: unknown; texts?: OwnTexts; problem?: string };

  private ticked = new Set<string>();
  private categoryError = '';
  private confirmation?: Confirmation;
  /** The confirmation step being made (its code arrives in the QR chunk); `updateComplete` waits for it. */
  private qrDrawing?: Promise<void>;
  /** The QR chunk's renderer of the confirmation step, once loaded. */
  private renderConfirmation?: typeof import('./qr/confirmation-step.js').renderConfirmation;
  /** The phone number's country as the person types, from `<optin-phone-input>`'s `country` (`''` = unknown); unset until the field reports. */
  private phoneCountry?: string;
  /** The ticks were cleared because the consent text changed under them. */
  private textChanged = false;
  private kioskTimer?: ReturnType<typeof setTimeout>;
  /** `optin_source` from the page's query: a poster's QR code says where the person came from. */
  private querySource = sourceFromQuery(location.search);

  private displayLoading?: Promise<DisplayBehaviour | undefined>;
  private displayBehaviour?: DisplayBehaviour;
  /** A record of this form was accepted or saved for sending in this page view. */
  private subscribedHere = false;

  private get phoneInput(): OptinPhoneInput | null {
    return this.renderRoot.querySelector<OptinPhoneInput>('optin-phone-input');
  }

  private readonly i18n = new I18nController(this, () => this.readTexts().texts);
  private readonly delivery = new RecordDeliveryController(this);
  private submitting = false;
  private config?: CheckedConfiguration;
  private problems: readonly ConfigurationProblem[] = [];
  private readonly configuration = new ConfigurationController(this, {
    tag: 'optin-form',
    read: () => this.configurationNow(),
  });
  private assessment?: ComplianceAssessment;
  /** One per channel offered, in order (the first is `assessment`). */
  private assessments: ComplianceAssessment[] = [];
  private report?: ComplianceReport;
  /** The notice text on screen at the last render: a tick only stands for the text it was given under. */
  private shownNoticeText?: string;

  /** Resolves after rendering, once the texts of the wanted locale are loaded and shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const first = await super.getUpdateComplete();
    await this.i18n.settled;
    const second = await super.getUpdateComplete();
    await this.phoneInput?.updateComplete;
    // A popup or flyout is complete once its display code runs (and has opened, if its trigger says so).
    await this.displayLoading;
    if (this.qrDrawing) {
      await this.qrDrawing;
      await super.getUpdateComplete();
    }
    return first && second;
  }

  /** Malformed or missing attributes, for the page author and tests. Failed compliance rules are in `complianceReport`. */
  get configurationProblems(): readonly ConfigurationProblem[] {
    return this.problems;
  }

  /**
   * The profile applied right now, its checks (rule id, passed, and for a failed one the attribute and the
   * fix), every problem the page author should fix, and whether the form is blocked.
   */
  get complianceReport(): ComplianceReport {
    // A pure read: the report of the form as last rendered (what a person sees and would sign);
    // before the first render, worked out without keeping anything.
    return this.report ?? this.configuration.current.report;
  }

  /** `idle`, `sending`, `queued` (saved on the device, will be sent), `success` or `error`. */
  get submissionStatus(): OptinFormStatus {
    return this.delivery.status;
  }

  private get status(): OptinFormStatus {
    return this.delivery.status;
  }

  /** Opens a popup or flyout form (does nothing for an inline one); resolves once it is open. */
  async open(): Promise<void> {
    const loading = this.loadDisplay();
    if (loading) (await Promise.all([loading, this.updateComplete]))[0]?.open();
  }

  /** Closes a popup or flyout form; it counts as a dismissal unless the person subscribed. */
  close(): void {
    this.displayBehaviour?.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.displayBehaviour?.disconnect();
    this.displayLoading = this.displayBehaviour = undefined;
  }

  /** The popup and flyout code is fetched only for a form that is not inline. */
  private loadDisplay(): Promise<DisplayBehaviour | undefined> | undefined {
    const mode = parseDisplayMode(this.display);
    if (mode === 'inline' || !this.isConnected) return undefined;
    this.displayLoading ??= loadDisplay()
      .then(
        ({ createDisplay }) =>
          (this.displayBehaviour = createDisplay(this, {
            view: (detail) => this.dispatchEvent(new OptinViewEvent(detail)) && this.countEvent('view'),
            dismiss: (detail) => this.dispatchEvent(new OptinDismissEvent(detail)) && this.countEvent('dismiss'),
          })),
      )
      .catch((error) => {
        console.error(`[optin-elements] <optin-form display="${mode}"> cannot open: ${error}`);
        return undefined;
      });
    return this.displayLoading;
  }

  /** The funnel report's counter is fetched only by a form with `events-url`. */
  private countEvent(type: FunnelEventType): void {
    const url = this.eventsUrl;
    if (url) {
      loadFunnelReport().then(
        ({ countFunnelEvent }) => countFunnelEvent(url, document.baseURI, { form: this.id, variant: this.config?.variant, type }),
        (error) => console.warn(`[optin-elements] no funnel counts: ${error}`),
      );
    }
  }

  protected override updated(): void {
    void this.loadDisplay();
    // An inline form is viewed once it shows (a popup or flyout each time it opens).
    if (!this.viewCounted && this.config && !this.report?.blocked && parseDisplayMode(this.display) === 'inline') {
      this.viewCounted = true;
      this.countEvent('view');
    }
    const status = this.status;
    if (!this.subscribedHere && (status === 'success' || status === 'queued') && this.config) {
      // The outbox delivers a queued record for sure, so the person has subscribed either way. Only
      // a popup or flyout marks the device (an inline form leaves no storage behind): its display code does.
      this.subscribedHere = true;
      this.displayBehaviour?.subscribed();
      if (this.config.successUrl) location.assign(this.config.successUrl);
    }
    if (this.kiosk && this.kioskTimer === undefined && (status === 'success' || status === 'queued')) {
      // The record is stored, or safe in the outbox: thank this person, then make room for the next.
      this.kioskTimer = setTimeout(() => this.startOver(), 5000);
    }
  }

  protected override willUpdate(): void {
    this.evaluateConfiguration();
    if (this.config && !this.report?.blocked) {
      this.delivery.prefetchNonce(resolveNonceUrl(this.config.endpoint, this.nonceUrl ?? '', document.baseURI));
    }
    const text = this.report?.blocked ? undefined : this.assessments.map((assessment) => assessment.notice.text).join('\n');
    if (this.shownNoticeText && text && text !== this.shownNoticeText && this.ticked.size > 0 && !this.locked()) {
      this.ticked = new Set();
      this.textChanged = true;
    }
    this.shownNoticeText = text;
  }

  private evaluateConfiguration(): void {
    ({ config: this.config, attributeProblems: this.problems, assessments: this.assessments, report: this.report } = this.configuration.refresh());
    this.assessment = this.assessments[0];
  }

  /**
   * The configuration, its problems and its compliance (one assessment per channel), from the attributes as they are now;
   * changes nothing. `problems` are the report's (attributes and failed rules), `attributeProblems` the attributes' alone.
   */
  private configurationNow(): ConfigurationReading & {
    config: CheckedConfiguration;
    attributeProblems: ConfigurationProblem[];
    assessments: ComplianceAssessment[];
    report: ComplianceReport;
  } {
    const { config, problems: attributeProblems } = readFormConfiguration(
      {
        businessName: this.businessName ?? '',
        endpoint: this.endpoint ?? '',
        categories: this.categories,
        channel: this.channel ?? '',
        channels: this.channels ?? '',
        privacyUrl: this.privacyUrl ?? '',
        termsUrl: this.termsUrl ?? '',
        frequency: this.frequency ?? '',
        // The page's optin_source when it names a known source, else the attribute, else the kiosk's in-store.
        source: isPageSource(this.querySource) ? this.querySource : this.source || (this.kiosk ? 'in-store' : ''),
        bsuid: this.bsuid ?? '',
        jurisdiction: this.jurisdiction ?? '',
        compliance: this.compliance ?? '',
        businessAddress: this.businessAddress ?? '',
        businessContact: this.businessContact ?? '',
        businessCountry: this.businessCountry ?? '',
        variant: this.variant ?? '',
        successUrl: this.successUrl ?? '',
      },
      document.baseURI,
    );
    const textsProblem = this.readTexts().problem;
    let problems = textsProblem ? [...attributeProblems, { attribute: 'texts', message: textsProblem }] : attributeProblems;
    if (this.confirmNumber && !whatsappNumberDigits(this.confirmNumber)) {
      // The double opt-in step would send people to a number that cannot be a WhatsApp account.
      problems = [
        ...problems,
        { attribute: 'confirm-number', message: `confirm-number "${this.confirmNumber}" must be your WhatsApp number with country code, e.g. 4915123456789.` },
      ];
    }
    const country = this.policyCountry();
    const assessments = config.channels.map((channel) =>
      assessCompliance({ config: { ...config, channel }, jurisdiction: config.jurisdiction, country, interaction: WIDGET_INTERACTION }, this.i18n.t),
    );
    // Every channel's rules judge the configuration: a failure in any one blocks the form.
    const report = complianceReport(config.compliance, config.jurisdiction, country, problems, {
      ...assessments[0],
      configurationFailures: assessments.flatMap((assessment) => assessment.configurationFailures),
    });
    return { config, attributeProblems: problems, assessments, report, problems: report.problems, blocked: report.blocked };
  }

  private readTexts(): NonNullable<OptinForm['ownTexts']> {
    if (this.ownTexts?.from !== this.texts) this.ownTexts = { from: this.texts, ...readOwnTexts(this.texts) };
    return this.ownTexts;
  }

  /** A fresh, empty form: every choice and field of the last person dropped. */
  private startOver(): void {
    this.kioskTimer = undefined;
    // Resets every field, the phone input too (its formResetCallback drops the text, country and message).
    this.renderRoot.querySelector('form')?.reset();
    // (No category error or changed-text note can be showing: the last person submitted without one.)
    this.ticked = new Set();
    this.confirmation = undefined;
    this.phoneCountry = undefined;
    this.subscribedHere = false;
    this.delivery.nextPerson();
  }

  private notice(): ConsentNotice {
    return this.assessment!.notice;
  }

  /** `<optin-phone-input>` tells its country as the person types or picks one; the profile may follow it. */
  private onPhoneChange(event: Event): void {
    const country = (event.currentTarget as OptinPhoneInput).country;
    if (country !== this.phoneCountry) this.phoneCountry = country;
  }

  /** The country whose rules apply: the phone field's, and until it reports (first render), the default one. */
  private policyCountry(): string | undefined {
    return (this.phoneCountry ?? (this.defaultCountry ?? '').toUpperCase()) || undefined;
  }

  protected override firstUpdated(): void {
    const query = this.querySource;
    if (query !== null && !isPageSource(query)) console.warn(`[optin-elements] <optin-form>: unknown optin_source "${query}" ignored`);
    // A prefilled number or the page language's region may tell another country than the default
    // one before anyone types. The same country needs no second render of the whole form.
    void this.phoneInput?.updateComplete.then(() => {
      if (!this.phoneInput) return;
      const country = this.phoneInput.country;
      if ((country || undefined) !== this.policyCountry()) this.phoneCountry = country;
    });
  }

  /** A box is the channel's and the category's: `channels="whatsapp,sms"` has one per pair. */
  private toggle(id: string, checked: boolean): void {
    const next = new Set(this.ticked);
    if (checked) next.add(id);
    else next.delete(id);
    this.ticked = next;
    if (checked) this.textChanged = false;
    if (this.categoryError) this.categoryError = this.categoryProblem();
  }

  /** The channels with at least one box ticked: each makes a record. */
  private tickedChannels(): string[] {
    const categories = this.config?.categories ?? [];
    return (this.config?.channels ?? []).filter((channel) => categories.some((category) => this.ticked.has(`${channel}/${category.id}`)));
  }

  private categoryProblem(): string {
    const categories = this.config?.categories ?? [];
    const chosen = this.tickedChannels();
    // Every channel chosen needs its required boxes; with none chosen yet, the first channel is the one asked.
    for (const channel of chosen.length ? chosen : (this.config?.channels ?? []).slice(0, 1)) {
      const missing = categories.find((category) => category.required && !this.ticked.has(`${channel}/${category.id}`));
      if (missing) {
        const label = this.notice().sections.find((s) => s.kind === 'category' && s.id === missing.id);
        return this.i18n.t('error.requiredCategory', { label: label && 'label' in label ? label.label : missing.id });
      }
    }
    return chosen.length ? '' : this.i18n.t('error.noCategory');
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // A second click while the record is being built would make a second record: one click, one consent.
    if (this.submitting) return;
    this.submitting = true;
    try {
      await this.submit();
    } finally {
      this.submitting = false;
    }
  }

  private async submit(): Promise<void> {
    const config = this.config;
    const assessment = this.assessment;
    if (!config || !assessment || this.report?.blocked || this.locked()) return;
    const phoneValid = this.phoneInput?.reportValidity() ?? false;
    // A number whose law the form was not set up for (CASL without the sender's details): nothing is recorded.
    const personFailures = this.assessments.some((each) => each.personFailures.length);
    this.categoryError = config.compliance === 'strict' && personFailures ? this.i18n.t('error.notForCountry') : this.categoryProblem();
    if (!phoneValid) return;
    if (this.categoryError) {
      this.renderRoot.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      return;
    }
    const interaction = this.delivery.interaction();
    const chosen = this.tickedChannels();
    // No await before writeAhead: every record of the click is on disk before the handler yields,
    // one per channel ticked, each with its own id.
    const intents = config.channels.flatMap((channel, index) => {
      if (!chosen.includes(channel)) return [];
      const { notice, evaluation } = this.assessments[index];
      const withTemplateCategory = channel === 'whatsapp';
      return [
        this.delivery.writeAhead(
          config.endpoint,
          {
            kind: 'opt-in',
            subject: { phone: this.phoneInput?.value || undefined, bsuid: config.bsuid },
            business: { name: config.businessName, privacyUrl: config.privacyUrl, termsUrl: config.termsUrl },
            channel,
            categories: notice.sections.flatMap((section) =>
              section.kind === 'category'
                ? [
                    {
                      id: section.id,
                      label: section.label,
                      granted: this.ticked.has(`${channel}/${section.id}`),
                      ...(withTemplateCategory ? { templateCategory: section.templateCategory } : {}),
                    },
                  ]
                : [],
            ),
            notice: { locale: this.i18n.locale, text: notice.text },
            source: config.source,
            pageUrl: location.href,
            variant: config.variant,
            policy: evaluation,
            // The business's own short codes, kept to the schema's 64 characters.
            staffId: this.staffId?.slice(0, 64),
            locationId: this.locationId?.slice(0, 64),
            ...interaction,
          },
          { prepareRequest: this.prepareRequest },
        ),
      ];
    });
    const clicks: Array<[ClickIntent, UnsignedConsentRecord]> = [];
    // One nonce per record, fetched one after the other (each is single-use).
    for (const intent of intents) clicks.push([intent, await this.delivery.buildRecord(intent)]);
    // One click, one decision: the page cancelling any record of it cancels them all.
    if (clicks.some(([, unsigned]) => !this.dispatchEvent(new OptinSubmitEvent({ record: unsigned })))) {
      for (const [intent] of clicks) this.delivery.cancel(intent);
      return;
    }
    this.countEvent('submit');
    const businessNumber = whatsappNumberDigits(this.confirmNumber);
    if (businessNumber) {
      // Derived from the record id, so it is known before sending; shown once the record is stored.
      // The WhatsApp record is the one a reply on WhatsApp confirms.
      const { id } = (clicks.find(([, unsigned]) => unsigned.channel === 'whatsapp') ?? clicks[0])[1];
      this.qrDrawing = this.prepareConfirmation(id, businessNumber, config.businessName);
    }
    await this.delivery.sendAll(clicks);
  }

  /** Once a record is on its way, the choices that made it stay as they are. */
  private locked(): boolean {
    return this.status === 'sending' || this.status === 'queued' || this.status === 'success';
  }

  /**
   * The double opt-in step (its code, link and QR code) is fetched only by a form with
   * confirm-number, while the record is sent. Without it, the record is stored all the same and
   * the console says why the step is missing.
   */
  private async prepareConfirmation(recordId: string, businessNumber: string, business: string): Promise<void> {
    try {
      const step = await loadQrEncoder();
      addEnglishTexts(step.englishTexts);
      this.renderConfirmation = step.renderConfirmation;
      this.confirmation = await step.confirmationFor(recordId, businessNumber, (code) => this.i18n.t('confirm.message', { business, code }));
    } catch (error) {
      console.error(`[optin-elements] no confirmation step: ${error}`);
    }
  }

  private renderConfigNotice() {
    const t = this.i18n.t;
    return renderConfigurationNotice(t('config.title'), t('config.hint'), this.report?.problems ?? this.problems, this.i18n.dir, this.i18n.locale);
  }

  /** `prefix` tells a later channel's boxes from the first channel's (whose ids stay `category-<id>`). */
  private renderCategory(section: Extract<ConsentNotice['sections'][number], { kind: 'category' }>, channel: string, prefix: string) {
    const id = `category-${prefix}${section.id}`;
    const key = `${channel}/${section.id}`;
    const marker = section.required ? ` ${this.i18n.t('notice.requiredMarker')}` : '';
    return html`<label part="category" class="category" for=${id}>
      <input
        part="checkbox"
        type="checkbox"
        id=${id}
        aria-invalid=${this.categoryError ? 'true' : 'false'}
        aria-describedby=${this.categoryError ? 'category-error' : nothing}
        .checked=${this.ticked.has(key)}
        ?disabled=${this.locked()}
        @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)}
      />
      <span
        >${section.label}${marker}${
          section.description ? html`<span part="category-description" class="category-description">: ${section.description}</span>` : nothing
        }</span
      >
    </label>`;
  }

  /**
   * One channel's boxes and fine print. A later channel (`channels="whatsapp,sms"`) starts with its
   * own lead, which names it; the first channel's lead stays above the phone field.
   */
  private renderChannel(channel: string, notice: ConsentNotice, index: number) {
    const t = this.i18n.t;
    const prefix = index ? `${channel}-` : '';
    const leadId = `lead-${channel}`;
    return html`${index ? html`<p part="lead" id=${leadId}>${notice.sections.find((section) => section.kind === 'lead')?.text}</p>` : nothing}
      <fieldset part="categories" aria-describedby=${index ? leadId : nothing}>
        <legend part="legend">
          ${t('form.categoriesLegend')}
          ${
            this.whatsappBranding && (channel === 'whatsapp' || this.assessments.length < 2)
              ? html`<span part="whatsapp-badge" class="badge">${whatsappLogo}${t('form.whatsappBadge')}</span>`
              : nothing
          }
        </legend>
        ${notice.sections.map((section) => (section.kind === 'category' ? this.renderCategory(section, channel, prefix) : nothing))}
        ${notice.sections.map((section) => (section.kind === 'required-note' ? html`<p part="required-note" class="fine-print">${section.text}</p>` : nothing))}
        ${
          index
            ? nothing
            : html`<div part="error" id="category-error" class="error" role="alert">${this.categoryError}</div>
              <div part="text-changed" class="error" role="alert">${this.textChanged ? t('form.textChanged') : ''}</div>`
        }
      </fieldset>
      ${notice.sections.map((section) => {
        switch (section.kind) {
          case 'frequency':
          case 'opt-out':
          case 'stop-help':
          case 'rates':
          case 'recipient':
          case 'not-conditional':
          case 'sender-address':
          case 'sender-contact':
            return html`<p part=${section.kind} class="fine-print">${section.text}</p>`;
          case 'privacy':
          case 'terms':
            // Shown once, after the last channel: the same links belong to every channel's text.
            if (index < this.assessments.length - 1) return nothing;
            return html`<p part=${section.kind} class="fine-print">
              <a part=${`${section.kind}-link`} href=${section.href} target="_blank" rel="noopener">${section.linkText}</a>
            </p>`;
          default:
            return nothing;
        }
      })}`;
  }

  protected override render() {
    const config = this.config;
    if (!config || !this.assessment || this.report?.blocked) return this.renderConfigNotice();
    const t = this.i18n.t;
    const notice = this.notice();
    const statusText = {
      idle: '',
      sending: t('form.sending'),
      queued: t('form.queued'),
      success: t('form.success'),
      error: t('form.failed'),
    }[this.status];
    const lead = notice.sections.find((section) => section.kind === 'lead');
    const mode = parseDisplayMode(this.display);
    // The status has no whitespace inside: while empty, :empty hides it without leaving the tree.
    const form = html`<form
      part="form"
      novalidate
      dir=${this.i18n.dir}
      lang=${this.i18n.locale}
      @submit=${this.onSubmit}
      aria-describedby="lead"
    >
      <slot name="image"></slot>
      <slot name="headline"></slot>
      <slot name="incentive"></slot>
      <p part="lead" id="lead">${lead?.text}</p>
      <optin-phone-input
        part="phone"
        exportparts="input: phone-input, country: phone-country, error: phone-error"
        .locale=${this.i18n.requested}
        default-country=${this.defaultCountry}
        ?mobile-only=${this.mobileOnly}
        only-countries=${this.onlyCountries}
        .value=${this.phone}
        .label=${config.hasBsuid ? t('form.phoneOptionalLabel') : ''}
        ?required=${!config.hasBsuid}
        @input=${this.onPhoneChange}
        @change=${this.onPhoneChange}
      ></optin-phone-input>
      ${this.assessments.map(({ notice }, index) => this.renderChannel(config.channels[index], notice, index))}
      <div class="honeypot" aria-hidden="true">
        <input type="text" name="website" tabindex="-1" autocomplete="off" @input=${(e: Event) => this.delivery.honeypotInput((e.target as HTMLInputElement).value)} />
      </div>
      <button part="submit" type="submit" ?disabled=${this.locked()}>
        ${t('form.submit')}
      </button>
      <div part="status" class="status" role="status" data-status=${this.status}>${this.status === 'success' ? html`<slot name="success">${statusText}</slot>` : statusText}</div>
      ${this.status === 'success' && this.confirmation && this.renderConfirmation ? this.renderConfirmation(html, t, this.confirmation) : nothing}
    </form>`;
    return mode === 'inline'
      ? form
      : html`<dialog part="dialog" class=${mode} aria-labelledby="lead">
          <button part="close" class="close" type="button" aria-label=${t('form.close')} @click=${() => this.displayBehaviour?.close('close-button')}>
            ✕
          </button>
          ${form}
        </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'optin-form': OptinForm;
  }
}
