/** Shows the last signed record, its RFC 8785 canonical form and a fresh signature check. */
import { canonicalize } from '../src/core/record/canonical-json.js';
import type { ConsentRecord } from '../src/core/record/consent-record.js';
import { base64UrlDecode, sha256Hex, utf8Text } from '../src/core/record/encoding.js';
import { verifyConsentRecord } from '../src/core/record/verify-consent-record.js';

function fact(list: HTMLElement, term: string, value: string, state?: 'ok' | 'bad'): void {
  const dt = Object.assign(document.createElement('dt'), { textContent: term });
  const dd = Object.assign(document.createElement('dd'), { textContent: value });
  if (state) dd.dataset.state = state;
  list.append(dt, dd);
}

export async function inspectRecord(
  record: ConsentRecord,
  views: { record: HTMLElement; canonical: HTMLElement; facts: HTMLElement; pill: HTMLElement },
): Promise<void> {
  const { proof, ...signed } = record;
  const canonical = canonicalize(signed);
  views.record.textContent = JSON.stringify(record, null, 2);
  views.canonical.textContent = canonical;
  const result = await verifyConsentRecord(record);
  const header = JSON.parse(utf8Text(base64UrlDecode(('jws' in proof ? proof.jws : proof.attestation.jws).split('.')[0]) ?? new Uint8Array())) as {
    alg?: string;
    jwk?: { crv?: string; x?: string };
  };
  views.facts.replaceChildren();
  fact(views.facts, 'Signature', result.ok ? 'valid: the record is unchanged since the device signed it' : 'INVALID', result.ok ? 'ok' : 'bad');
  if (!result.ok) for (const error of result.errors) fact(views.facts, error.code, `${error.path ?? ''} ${error.message}`, 'bad');
  fact(views.facts, 'Algorithm', `${header.alg ?? '?'} over the canonical form (${canonical.length} bytes)`);
  fact(views.facts, 'Device key', `${header.jwk?.crv ?? ''} x=${(header.jwk?.x ?? '').slice(0, 16)}…`);
  const noticeHash = await sha256Hex(record.notice.text);
  fact(
    views.facts,
    'Notice hash',
    noticeHash === record.notice.sha256 ? `${noticeHash.slice(0, 24)}… matches notice.text` : 'does not match',
    noticeHash === record.notice.sha256 ? 'ok' : 'bad',
  );
  fact(views.facts, 'Idempotency-Key', record.id);
  views.pill.textContent = result.ok ? 'signature valid' : 'signature invalid';
  views.pill.dataset.state = result.ok ? 'ok' : 'bad';
}
