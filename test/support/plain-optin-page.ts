/** The landing page of the end-to-end tests: the built script tag (with its SRI hash) and one `<optin-form>`, nothing else. */
import { readFileSync } from 'node:fs';

export function plainOptinPage(endpoint: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Join our WhatsApp list</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <h1>Flowers, delivered</h1>
  <optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates"
    frequency="4/month" privacy-url="https://blumen.example/privacy" default-country="DE" whatsapp-branding></optin-form>
</body>
</html>`;
}
