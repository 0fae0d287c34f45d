/** The same minimal React 19 app as without-form.tsx, with `<OptinForm>` from `optin-elements/react`. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptinForm } from 'optin-elements/react';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Join Blumen Berlin on WhatsApp</h1>
      <OptinForm businessName="Blumen Berlin" endpoint="/consents" defaultCountry="DE" />
    </main>
  </StrictMode>,
);
