/** The baseline: a minimal React 19 app, the same as with-form.tsx without the form. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Join Blumen Berlin on WhatsApp</h1>
    </main>
  </StrictMode>,
);
