/**
 * A React 19 app as a frontend team would write it: the wrappers from
 * `optin-elements/react`, typed props (an array of categories as a property)
 * and typed event props. The receiver URL comes from `?endpoint=`.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { OptinForm, type OptinSuccessEvent } from 'optin-elements/react';

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/consents';

function SignUp() {
  const [stored, setStored] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const onSuccess = (event: OptinSuccessEvent) => setStored(event.detail.record.id);
  return (
    <main>
      <h1>Join Blumen Berlin on WhatsApp</h1>
      <OptinForm
        businessName="Blumen Berlin"
        endpoint={endpoint}
        defaultCountry="DE"
        privacyUrl="https://blumen.example/privacy"
        whatsappBranding
        categories={[{ id: 'offers' }, { id: 'loyalty', label: 'Loyalty points', description: 'your balance once a month' }]}
        onOptinSuccess={onSuccess}
        onOptinError={(event) => setFailed(event.detail.message)}
      />
      <p data-testid="app-state">{stored ? `React saw record ${stored}` : failed ? `React saw an error: ${failed}` : 'waiting'}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SignUp />
  </StrictMode>,
);
