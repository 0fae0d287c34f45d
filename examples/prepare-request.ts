import type { OptinForm } from 'optin-elements';

const form: OptinForm = document.querySelector('optin-form')!;
form.prepareRequest = ({ url, headers, record }) => ({
  url,
  headers: { ...headers, Authorization: 'Bearer your-static-token' },
  body: JSON.stringify({ event: 'whatsapp_opt_in', data: record }),
});
