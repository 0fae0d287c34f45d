import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { attestRecord, type UnsignedAttestation } from '../../src/core/record/attest-record.js';
import { jwkThumbprint, exportPublicJwk } from '../../src/core/record/detached-jws.js';
import { validateJsonSchema } from '../../src/core/record/json-schema.js';
import { consentRecordSchema } from '../../src/core/record/consent-record-schema.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { generateTestKeyPair, signedSample, unsignedSample } from '../support/sample-record.js';

const threadEvidence: UnsignedAttestation = {
  evidence: 'whatsapp-button-reply',
  attestedAt: '2026-12-03T06:00:00.000Z',
  messageIds: ['wamid.PROMPT1', 'wamid.REPLY1'],
  promptId: 'p-0123456789abcdef',
  promptText: 'Blumen Berlin would like to send you offers on WhatsApp. Reply STOP at any time to stop.',
};

async function attestedSample(evidence: UnsignedAttestation = threadEvidence, keyPair?: CryptoKeyPair) {
  const unsigned = await unsignedSample({ source: 'whatsapp-thread', pageUrl: '', capturedAt: new Date('2026-12-03T06:00:00.000Z') });
  return attestRecord(unsigned, evidence, keyPair ?? (await generateTestKeyPair()));
}

const codes = async (record: unknown, options = {}) => {
  const result = await verifyConsentRecord(record, options);
  return result.ok ? [] : result.errors.map((e) => e.code);
};

describe('receiver-attested records', () => {
  it('verify and say they are attested, naming the receiver key that signed them', async () => {
    const receiver = await generateTestKeyPair();
    const record = await attestedSample(threadEvidence, receiver);
    const result = await verifyConsentRecord(record);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.proofKind, 'receiver-attested');
    assert.equal(result.keyThumbprint, await jwkThumbprint(await exportPublicJwk(receiver.publicKey)));
  });

  it('say a device-signed record is device-signed', async () => {
    const result = await verifyConsentRecord(await signedSample());
    assert.ok(result.ok);
    assert.equal(result.proofKind, 'device-signed');
  });

  it('fail when the evidence is changed after signing (another prompt text, another message id)', async () => {
    const record = await attestedSample();
    const { attestation } = record.proof;
    assert.deepEqual(await codes({ ...record, proof: { attestation: { ...attestation, promptText: 'Anything at all.' } } }), ['jws-signature-invalid']);
    assert.deepEqual(await codes({ ...record, proof: { attestation: { ...attestation, messageIds: ['wamid.OTHER'] } } }), ['jws-signature-invalid']);
  });

  it('fail when the record is changed after signing (more categories granted)', async () => {
    const record = await attestedSample();
    const categories = record.categories.map((c) => ({ ...c, granted: true }));
    assert.deepEqual(await codes({ ...record, categories }), ['jws-signature-invalid']);
  });

  it('cannot pass a device signature off as an attestation or the other way round', async () => {
    const device = await signedSample();
    const attested = await attestedSample();
    assert.deepEqual(await codes({ ...attested, proof: { attestation: { ...attested.proof.attestation, jws: device.proof.jws } } }), ['jws-signature-invalid']);
    assert.deepEqual(await codes({ ...attested, proof: { jws: attested.proof.attestation.jws } }), ['jws-signature-invalid']);
  });

  it('refuse a proof carrying both kinds at once', async () => {
    const attested = await attestedSample();
    const device = await signedSample();
    const both = { ...attested, proof: { jws: device.proof.jws, attestation: attested.proof.attestation } };
    assert.deepEqual(await codes(both), ['schema-invalid']);
    assert.deepEqual(await codes({ ...attested, proof: {} }), ['schema-invalid']);
  });

  it('refuse an attestation by a key that is not one of the trusted receivers', async () => {
    const receiver = await generateTestKeyPair();
    const stranger = await generateTestKeyPair();
    const trusted = [await jwkThumbprint(await exportPublicJwk(receiver.publicKey))];
    assert.deepEqual(await codes(await attestedSample(threadEvidence, receiver), { attesterThumbprints: trusted }), []);
    assert.deepEqual(await codes(await attestedSample(threadEvidence, stranger), { attesterThumbprints: trusted }), ['attester-unknown']);
  });

  it('carry an import file hash and line, and the schema knows source "import"', async () => {
    const unsigned = await unsignedSample({ source: 'import', pageUrl: '', capturedAt: new Date('2025-05-01T10:00:00.000Z') });
    const record = await attestRecord(
      unsigned,
      { evidence: 'import', attestedAt: '2026-12-03T06:00:00.000Z', importSha256: 'a'.repeat(64), importLine: 2 },
      await generateTestKeyPair(),
    );
    const result = await verifyConsentRecord(record);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.record.collection.source, 'import');
    const badLine = { ...record, proof: { attestation: { ...record.proof.attestation, importLine: 1 } } };
    assert.ok(validateJsonSchema(badLine, consentRecordSchema).some((v) => v.path === '/proof/attestation/importLine'));
  });
});

describe('POST /consents and attested records', () => {
  let dir: string;
  let dbFile: string;
  let server: RunningConsentServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-attested-'));
    dbFile = join(dir, 'consents.db');
    server = await startConsentServer({ db: dbFile, port: 0 });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowCount = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('refuses an attested record from a device with 422 attestation-not-accepted and stores nothing', async () => {
    const record = await attestedSample({ ...threadEvidence, attestedAt: new Date().toISOString() });
    // The record is valid in itself: the refusal is about who may attest, not about its shape.
    assert.ok((await verifyConsentRecord(record)).ok);
    const before = rowCount();
    const response = await fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
      body: JSON.stringify(record),
    });
    assert.equal(response.status, 422);
    const body = (await response.json()) as { error: { code: string; details: Array<{ path: string }> } };
    assert.equal(body.error.code, 'attestation-not-accepted');
    assert.equal(body.error.details[0].path, '/proof/attestation');
    assert.equal(rowCount(), before);
  });

  it('still stores a device-signed record', async () => {
    const record = await signedSample();
    const response = await fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
      body: JSON.stringify(record),
    });
    assert.equal(response.status, 201);
  });
});

describe('POST /consents and the source "import"', () => {
  let dir: string;
  let server: RunningConsentServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-import-source-'));
    server = await startConsentServer({ db: join(dir, 'consents.db'), port: 0 });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a device-signed record claiming to come from an import', async () => {
    const record = await signedSample({ source: 'import' });
    const response = await fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
      body: JSON.stringify(record),
    });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'source-not-accepted');
  });
});

describe('attested records in the ledger', () => {
  it('are appended when the receiver attested them, verify in verify-ledger and show as attested in the audit', async () => {
    const { SqliteConsentStore } = await import('../../src/server/sqlite-consent-store.js');
    const { loadReceiverKey } = await import('../../src/server/receiver-key.js');
    const { appendVerifiedRecord } = await import('../../src/server/append-verified-record.js');
    const { attestWithReceiverKey } = await import('../../src/server/receiver-attestation.js');
    const { verifyLedger } = await import('../../src/server/verify-ledger.js');
    const { exportLedger } = await import('../../src/server/audit-export.js');
    const dir = mkdtempSync(join(tmpdir(), 'optin-attested-ledger-'));
    const store = new SqliteConsentStore(join(dir, 'consents.db'));
    try {
      const key = await loadReceiverKey(store);
      const now = new Date();
      const unsigned = await unsignedSample({ source: 'whatsapp-thread', pageUrl: '', capturedAt: now });
      const attested = await attestWithReceiverKey(key, unsigned, { ...threadEvidence, attestedAt: now.toISOString() });
      const appended = await appendVerifiedRecord(store, key, attested, now);
      assert.ok(appended.ok, JSON.stringify(appended));

      // Signed by any other key, the same kind of record is refused.
      const forged = await attestedSample({ ...threadEvidence, attestedAt: now.toISOString() });
      const refused = await appendVerifiedRecord(store, key, { ...forged, id: crypto.randomUUID() } as typeof forged, now);
      assert.equal(refused.ok, false);

      const ledger = await verifyLedger(store);
      assert.ok(ledger.ok, JSON.stringify(ledger));
      assert.equal(ledger.rowsChecked, 1);
      const audit = await exportLedger(store, key);
      assert.equal(audit.entries[0].proofKind, 'receiver-attested');
      assert.equal(audit.entries[0].verification.ok, true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
