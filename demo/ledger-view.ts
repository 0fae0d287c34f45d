/** The receiver's ledger as the demo server exposes it (each row re-verified there). */
interface LedgerRow {
  seq: number;
  receivedAt: string;
  verified: boolean;
  record: {
    channel: string;
    subject: { phone?: string; bsuid?: string };
    categories: Array<{ id: string; granted: boolean }>;
    policy?: { profile?: string };
  };
}

export async function refreshLedger(body: HTMLElement): Promise<void> {
  const rows = (await (await fetch('/demo/ledger.json')).json()) as LedgerRow[];
  if (rows.length === 0) {
    const empty = Object.assign(document.createElement('td'), { textContent: 'No records yet: submit the form.', colSpan: 7, className: 'empty' });
    const tr = document.createElement('tr');
    tr.className = 'placeholder';
    tr.append(empty);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      const cells = [
        String(row.seq),
        new Date(row.receivedAt).toLocaleString(),
        row.record.subject.phone ?? row.record.subject.bsuid ?? '',
        row.record.channel,
        row.record.categories
          .filter((c) => c.granted)
          .map((c) => c.id)
          .join(', '),
        row.record.policy?.profile ?? '',
        row.verified ? '✔ verified' : '✘ invalid',
      ];
      tr.append(...cells.map((text) => Object.assign(document.createElement('td'), { textContent: text })));
      tr.lastElementChild!.className = row.verified ? 'ok' : 'bad';
      return tr;
    }),
  );
}
