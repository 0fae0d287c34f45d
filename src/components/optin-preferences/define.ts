import '../optin-phone-input/define.js';
import { defineElement } from '../shared/define-element.js';
import { OptinPreferences } from './optin-preferences.js';

defineElement('optin-preferences', OptinPreferences);

export { OptinPreferences };
