/** Registers every optin-elements tag (tolerates being loaded twice). */
import './components/optin-phone-input/define.js';
import './components/optin-form/define.js';
import { startOutboxDelivery } from './client/outbox/page-outbox.js';

// Records left pending by an earlier page go out from any page that loads the script, form or not.
startOutboxDelivery();

export * from './index.js';
