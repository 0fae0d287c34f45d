import 'optin-elements/define.js'; // registers <optin-form>, <optin-phone-input> and <optin-preferences>
import type { OptinForm } from 'optin-elements';

const form: OptinForm = document.querySelector('optin-form')!; // typed through HTMLElementTagNameMap
form.categories = [{ id: 'offers' }, { id: 'loyalty', label: 'Loyalty points', description: 'your balance once a month' }];
form.addEventListener('optin-success', (event) => {
  console.log('stored', event.detail.record.id); // typed detail
});
