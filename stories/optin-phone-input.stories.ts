import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

interface PhoneArgs {
  value: string;
  defaultCountry: string;
  label: string;
  required: boolean;
  locale: string;
}

const meta: Meta<PhoneArgs> = {
  title: 'Elements/optin-phone-input',
  component: 'optin-phone-input',
  parameters: { controls: { include: ['value', 'defaultCountry', 'label', 'required', 'locale'] } },
  args: { value: '', defaultCountry: 'DE', label: '', required: false, locale: 'en' },
  render: (args) => html`<optin-phone-input
    .value=${args.value}
    .defaultCountry=${args.defaultCountry}
    .label=${args.label}
    .required=${args.required}
    .locale=${args.locale}
  ></optin-phone-input>`,
};
export default meta;

type Story = StoryObj<PhoneArgs>;

export const Empty: Story = {};
export const Prefilled: Story = { args: { value: '+14155550123', defaultCountry: 'US' } };
export const Invalid: Story = {
  args: { required: true },
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector('optin-phone-input')!;
    await input.updateComplete;
    input.reportValidity();
  },
};
export const CustomLabel: Story = { name: 'Custom label', args: { label: 'WhatsApp number' } };
export const CountryPickerOpen: Story = {
  name: 'Country picker open',
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector('optin-phone-input')!;
    await input.updateComplete;
    input.shadowRoot!.querySelector<HTMLElement>('[part="country"]')!.click();
    await input.updateComplete;
  },
};
