import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { STORY_RECEIVER } from './story-receiver.js';

interface PreferencesArgs {
  businessName: string;
  endpoint: string;
  categories: string;
  phone: string;
  locale: string;
}

const meta: Meta<PreferencesArgs> = {
  title: 'Elements/optin-preferences',
  component: 'optin-preferences',
  parameters: { controls: { include: ['businessName', 'endpoint', 'categories', 'phone', 'locale'] } },
  args: {
    businessName: 'Blumen Berlin',
    endpoint: STORY_RECEIVER.stores,
    categories: 'offers,order-updates',
    phone: '',
    locale: 'en',
  },
  render: (args) => html`<optin-preferences
    business-name=${args.businessName}
    endpoint=${args.endpoint}
    categories=${args.categories}
    phone=${args.phone}
    locale=${args.locale}
  ></optin-preferences>`,
};
export default meta;

type Story = StoryObj<PreferencesArgs>;

/** No token and no known subject: the person enters a number and can stop; nothing about the number is shown. */
export const EnterNumber: Story = { name: 'Without a link (enter a number)' };
/** The page knows the number (e.g. from its own login), but has no token: stopping works, the state stays hidden. */
export const KnownNumber: Story = { name: 'Known number, no token', args: { phone: '+4915123456789' } };
export const RightToLeft: Story = { name: 'Right to left (ar)', args: { locale: 'ar' } };
export const Misconfigured: Story = { args: { businessName: '', endpoint: '' } };
