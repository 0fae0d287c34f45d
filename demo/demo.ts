import '../src/define.js';
import type { OptinForm } from '../src/components/optin-form/optin-form.js';

const settings = document.querySelector<HTMLFormElement>('#settings')!;
const form = document.querySelector<OptinForm>('optin-form')!;
const snippet = document.querySelector('#snippet')!;
const lastEvent = document.querySelector('#last-event')!;
const ledger = document.querySelector('#ledger')!;

function applySettings(): void {
  const attributes: string[] = ['endpoint="https://your-receiver.example/consents"'];
  for (const field of Array.from(settings.elements) as Array<HTMLInputElement | HTMLSelectElement>) {
    if (!field.name) continue;
    if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      form.toggleAttribute(field.name, field.checked);
      if (field.checked) attributes.push(field.name);
    } else if (field.value) {
      form.setAttribute(field.name, field.value);
      attributes.push(`${field.name}="${field.value}"`);
    } else {
      form.removeAttribute(field.name);
    }
  }
  snippet.textContent = `<script src="https://cdn.jsdelivr.net/npm/optin-elements@0.1.0/dist/cdn/optin-elements.min.js" crossorigin="anonymous"></script>\n<optin-form\n  ${attributes.join('\n  ')}\n></optin-form>`;
}

async function refreshLedger(): Promise<void> {
  const rows = (await (await fetch('/demo/ledger.json')).json()) as Array<{
    seq: number;
    receivedAt: string;
    verified: boolean;
    record: { subject: { phone?: string; bsuid?: string }; categories: Array<{ id: string; granted: boolean }> };
  }>;
  ledger.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      const cells = [
        String(row.seq),
        new Date(row.receivedAt).toLocaleString(),
        row.record.subject.phone ?? row.record.subject.bsuid ?? '',
        row.record.categories.filter((c) => c.granted).map((c) => c.id).join(', '),
        row.verified ? '✔ verified' : '✘ invalid',
      ];
      tr.append(...cells.map((text) => Object.assign(document.createElement('td'), { textContent: text })));
      return tr;
    }),
  );
}

settings.addEventListener('input', applySettings);
for (const name of ['optin-success', 'optin-error'] as const) {
  form.addEventListener(name, (event) => {
    lastEvent.textContent = `${name}\n${JSON.stringify(event.detail, null, 2)}`;
    void refreshLedger();
  });
}
applySettings();
void refreshLedger();
