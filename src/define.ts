/** Registers every optin-elements tag (tolerates being loaded twice). */
import './components/optin-phone-input/define.js';
import './components/optin-form/define.js';
import './components/optin-preferences/define.js';

export * from './index.js';
