import '../optin-phone-input/define.js';
import { defineElement } from '../shared/define-element.js';
import { OptinForm } from './optin-form.js';

defineElement('optin-form', OptinForm);

export { OptinForm };
