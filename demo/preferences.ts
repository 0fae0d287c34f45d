import '../src/define.js';
import type { OptinPreferences } from '../src/components/optin-preferences/optin-preferences.js';

const linkForm = document.querySelector<HTMLFormElement>('#link')!;
const preferences = document.querySelector<OptinPreferences>('optin-preferences')!;
const lastEvent = document.querySelector('#last-event')!;

linkForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const mode = (event.submitter as HTMLButtonElement | null)?.value ?? 'valid';
  const phone = new FormData(linkForm).get('phone');
  if (mode === 'none') {
    preferences.token = '';
    return;
  }
  // In production the token comes in the link of a message; here the demo server plays the business.
  const query = new URLSearchParams({ phone: String(phone ?? '') });
  if (mode === 'expired') query.set('expired', '');
  const answer = (await (await fetch(`/demo/preference-link?${query}`)).json()) as { token?: string; error?: { message: string } };
  lastEvent.textContent = answer.token ? `preference token\n${answer.token}` : `error\n${answer.error?.message}`;
  if (answer.token) preferences.token = answer.token;
});

for (const name of ['optin-success', 'optin-error', 'optin-preferences-loaded'] as const) {
  preferences.addEventListener(name, (event) => {
    lastEvent.textContent = `${name}\n${JSON.stringify(event.detail, null, 2)}`;
  });
}
