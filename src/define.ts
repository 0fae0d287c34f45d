/** Registers every optin-elements tag (tolerates being loaded twice). */
import './components/optin-phone-input/define.js';
import './components/optin-form/define.js';
import './components/optin-preferences/define.js';
import { finishClickJournal } from './client/click-journal/finish-click-journal.js';
import { startOutboxDelivery } from './client/outbox/page-outbox.js';

// Records left pending by an earlier page go out from any page that loads the script, form or not,
// and so do clicks an earlier page wrote ahead but closed before signing.
startOutboxDelivery();
void finishClickJournal();

export * from './index.js';
