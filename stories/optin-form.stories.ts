/**
 * Every state of <optin-form> a designer needs to see. Controls come from
 * custom-elements.json; args are the element's properties.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CategoryConfig } from '../src/core/notice/categories.js';
import type { OwnTexts } from '../src/i18n/own-texts.js';
import { formIn, leaveNumber, submit, tickFirstCategory, tickFirstCategoryOfEachChannel, typeNumber, whenStatus } from './fill-optin-form.js';
import { STORY_RECEIVER } from './story-receiver.js';

interface FormArgs {
  businessName: string;
  endpoint: string;
  categories: string | CategoryConfig[];
  channel: string;
  /** Several channels in one form, e.g. `whatsapp,sms`; empty for the single-channel form. */
  channels: string;
  /** A business's own approved wording per locale (the shape of a locale file). */
  texts: string | OwnTexts;
  /** Country codes the phone field accepts, e.g. `DE,AT,CH`; empty for every country. */
  onlyCountries: string;
  whatsappBranding: boolean;
  privacyUrl: string;
  termsUrl: string;
  frequency: string;
  jurisdiction: string;
  locale: string;
  defaultCountry: string;
  phone: string;
  bsuid: string;
  source: string;
  /** Story-only: wraps the form to show RTL, dark and narrow layouts. */
  dir?: 'rtl' | 'ltr';
  theme?: 'dark' | 'light';
  width?: string;
}

const meta: Meta<FormArgs> = {
  title: 'Elements/optin-form',
  component: 'optin-form',
  // The manifest lists each setting twice (attribute and property); the controls edit properties.
  parameters: {
    controls: {
      include: [
        'businessName',
        'endpoint',
        'categories',
        'channel',
        'channels',
        'texts',
        'onlyCountries',
        'whatsappBranding',
        'privacyUrl',
        'termsUrl',
        'frequency',
        'jurisdiction',
        'locale',
        'defaultCountry',
        'phone',
        'bsuid',
        'source',
      ],
    },
  },
  args: {
    businessName: 'Blumen Berlin',
    endpoint: STORY_RECEIVER.stores,
    categories: 'offers,order-updates',
    channel: 'whatsapp',
    channels: '',
    texts: '',
    onlyCountries: '',
    whatsappBranding: true,
    privacyUrl: 'https://blumen.example/privacy',
    termsUrl: '',
    frequency: '4/month',
    jurisdiction: 'auto',
    locale: 'en',
    defaultCountry: 'DE',
    phone: '',
    bsuid: '',
    source: 'website',
  },
  render: (args) => html`<div
    dir=${ifDefined(args.dir)}
    class="story-frame"
    style="max-width:${args.width ?? '32rem'};${args.theme === 'dark' ? 'color-scheme:dark;background:#0f172a;padding:1rem;' : ''}"
  >
    <optin-form
      .businessName=${args.businessName}
      .endpoint=${args.endpoint}
      .categories=${args.categories}
      .channel=${args.channel}
      .channels=${args.channels}
      .texts=${args.texts}
      .onlyCountries=${args.onlyCountries}
      .whatsappBranding=${args.whatsappBranding}
      .privacyUrl=${args.privacyUrl}
      .termsUrl=${args.termsUrl}
      .frequency=${args.frequency}
      .jurisdiction=${args.jurisdiction}
      .locale=${args.locale}
      .defaultCountry=${args.defaultCountry}
      .phone=${args.phone}
      .bsuid=${args.bsuid}
      .source=${args.source}
      style=${
        args.theme === 'dark'
          ? '--optin-color-surface:#111827;--optin-color-text:#f9fafb;--optin-color-muted:#9ca3af;--optin-color-border:#374151;--optin-color-accent:#34d399;--optin-color-on-accent:#052e16;--optin-color-whatsapp:#4ade80;--optin-color-field:#1f2937;--optin-color-error:#fca5a5'
          : ''
      }
    ></optin-form>
  </div>`,
};
export default meta;

type Story = StoryObj<FormArgs>;

export const Empty: Story = {};

export const Invalid: Story = {
  name: 'Invalid input',
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '0151');
    await submit(form);
  },
};

export const Misconfigured: Story = {
  name: 'Misconfigured (notice for the page author)',
  args: { businessName: '', categories: '' },
};

export const Gdpr: Story = {
  name: 'GDPR (EU)',
  args: { jurisdiction: 'gdpr', defaultCountry: 'FR', privacyUrl: 'https://blumen.example/privacy', termsUrl: 'https://blumen.example/terms' },
};

export const SmsUs: Story = {
  name: 'SMS, United States',
  args: {
    channel: 'sms',
    whatsappBranding: false,
    defaultCountry: 'US',
    frequency: '2/week',
    businessName: 'Acme Hardware',
    termsUrl: 'https://acme.example/sms-terms',
  },
};

export const BsuidOnly: Story = {
  name: 'Username only (BSUID, phone optional)',
  args: { bsuid: 'US.13491208655302741918', defaultCountry: 'US' },
};

export const BrandingOn: Story = { name: 'WhatsApp branding on', args: { whatsappBranding: true } };
export const BrandingOff: Story = { name: 'WhatsApp branding off', args: { whatsappBranding: false } };

export const CustomCategories: Story = {
  name: 'Custom categories (required one)',
  args: {
    categories: [
      { id: 'offers' },
      { id: 'loyalty', label: 'Loyalty points', description: 'your balance once a month' },
      { id: 'order-updates', required: true },
    ],
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '01512 3456789');
    await tickFirstCategory(form);
    await submit(form);
    await whenStatus(form, 'success');
  },
};

export const Error: Story = {
  name: 'Error (refused by the receiver)',
  args: { endpoint: STORY_RECEIVER.refuses },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '01512 3456789');
    await tickFirstCategory(form);
    await submit(form);
    await whenStatus(form, 'error');
  },
};

export const RightToLeft: Story = { name: 'RTL', args: { dir: 'rtl', locale: 'ar', defaultCountry: 'AE' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { name: 'Narrow (320px)', args: { width: '320px' } };

/** Two channels: each has its own boxes and fine print; SMS in the strictest profile needs frequency and terms. */
const twoChannels = { channels: 'whatsapp,sms', termsUrl: 'https://blumen.example/sms-terms' };

export const MultiChannel: Story = {
  name: 'Several channels (WhatsApp and SMS, one record each)',
  args: twoChannels,
};

export const MultiChannelSent: Story = {
  name: 'Several channels, both ticked and sent',
  args: twoChannels,
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '01512 3456789');
    await tickFirstCategoryOfEachChannel(form);
    await submit(form);
    await whenStatus(form, 'success');
  },
};

export const OwnTexts: Story = {
  name: "The business's own approved wording (texts, en)",
  args: {
    texts: {
      en: {
        notice: {
          optOut: 'Reply STOP to any message from {{business}} and we stop at once.',
          optOutWithdrawal: 'Changed your mind? Withdraw at any time, as easily as you agreed: reply STOP to any message from {{business}}.',
        },
      },
    },
  },
};

export const OnlyCountries: Story = {
  name: 'Only some countries (DE, AT, CH; a US number is refused)',
  args: { onlyCountries: 'DE,AT,CH' },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '+1 201 555 0123');
    await leaveNumber(form);
  },
};

// The two stories below leave a record pending on the device (that is their point); the elements
// retry it on every later load, which delays other stories' deliveries, so they come last.
export const QueuedOffline: Story = {
  name: 'Queued (receiver unreachable, kept on the device)',
  args: { endpoint: STORY_RECEIVER.unavailable },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '01512 3456789');
    await tickFirstCategory(form);
    await submit(form);
    await whenStatus(form, 'queued');
  },
};

/** The receiver does not answer; after the form's per-attempt timeout (10 s) it turns to "queued". */
export const Sending: Story = {
  args: { endpoint: STORY_RECEIVER.neverAnswers },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    await typeNumber(form, '01512 3456789');
    await tickFirstCategory(form);
    await submit(form);
    await whenStatus(form, 'sending');
  },
};

/** A popup, flyout and their slots: rendered with attributes, since display and trigger are read when the element connects. */
const displayForm = (display: string, trigger: string) => html`<optin-form
  business-name="Blumen Berlin"
  endpoint=${STORY_RECEIVER.stores}
  categories="offers,order-updates"
  privacy-url="https://blumen.example/privacy"
  default-country="DE"
  locale="en"
  whatsapp-branding
  display=${display}
  trigger=${trigger}
  dismiss-days="0"
>
  <h2 slot="headline" style="margin:0">Fresh flowers, first</h2>
  <p slot="incentive" style="margin:0">10 % off your first bouquet when you subscribe.</p>
  <p slot="success" style="margin:0">Thank you! Your code FLOWERS10 is on its way.</p>
</optin-form>`;

export const Popup: Story = {
  name: 'Popup (opens after 1 s, focus kept inside, Esc closes)',
  render: () => displayForm('popup', 'delay:1'),
};

export const PopupManual: Story = {
  name: 'Popup opened by a page button (open())',
  render:
    () => html`<button type="button" @click=${(e: Event) => void ((e.target as HTMLElement).nextElementSibling as HTMLElementTagNameMap['optin-form']).open()}>
      Join our WhatsApp list</button
    >${displayForm('popup', 'manual')}`,
};

export const Flyout: Story = {
  name: 'Flyout (bottom corner, after scrolling 30 %)',
  render: () => html`<div style="block-size:250vh">Scroll down…</div>
    ${displayForm('flyout', 'scroll:30')}`,
};

export const ExitIntent: Story = {
  name: 'Popup on exit intent (move the pointer out through the top)',
  render: () => displayForm('popup', 'exit-intent'),
};

export const Slots: Story = {
  name: 'Inline with headline, picture and incentive slots',
  render: () => displayForm('inline', 'manual'),
};

export const Casl: Story = {
  name: 'CASL (Canadian number: sender address and contact)',
  args: { defaultCountry: 'CA', businessName: 'Maple Books' },
  render: (args) => html`<optin-form
    business-name=${args.businessName}
    endpoint=${args.endpoint}
    categories="offers"
    privacy-url="https://maple.example/privacy"
    default-country=${args.defaultCountry}
    locale="en"
    business-address="12 Main St, Toronto ON M5V 2T6"
    business-contact="hello@maple.example"
  ></optin-form>`,
};

export const EuBusinessUsNumber: Story = {
  name: 'EU business, US number (GDPR wording for everyone)',
  render: () => html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${STORY_RECEIVER.stores}
    categories="offers"
    privacy-url="https://blumen.example/privacy"
    default-country="US"
    locale="en"
    business-country="DE"
  ></optin-form>`,
};
