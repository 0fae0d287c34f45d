import { defineElement } from '../shared/define-element.js';
import { OptinPhoneInput } from './optin-phone-input.js';

defineElement('optin-phone-input', OptinPhoneInput);

export { OptinPhoneInput };
