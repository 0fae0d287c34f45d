/**
 * `optin-elements import`: an earlier list of opt-ins comes in as attested `source: import`
 * records, checked first, all or nothing; on every store, through the real command.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { appendVerifiedRecord } from '../../src/server/append-verified-record.js';
import { importOptIns } from '../../src/server/import/import-opt-ins.js';
import { readImportRows } from '../../src/server/import/import-rows.js';
import { buildInboundRecord } from '../../src/server/inbound-records.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { storeKinds } from '../support/store-kinds.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const run = promisify(execFile);
const CLI = ['tsx', 'src/server/cli.ts'];

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * A list as a shop might export it: 1,000 people, some known by BSUID only, texts with commas,
 * quotes and line breaks. `bad` rows (by index) are broken in three different ways.
 * Answers the file and the line each row starts on.
 */
function list(bad: ReadonlySet<number> = new Set()): { csv: string; lines: number[] } {
  const rows = ['phone,bsuid,categories,captured_at,notice_text,where,locale'];
  const lines: number[] = [];
  let line = 2;
  for (let i = 0; i < 1000; i++) {
    const phone = `+49151${String(20000000 + i)}`;
    const bsuid = i % 10 === 0 ? `US.${String(13491208655302741000n + BigInt(i))}` : '';
    const categories = i % 3 === 0 ? 'offers;order-updates=Order updates by WhatsApp' : 'offers';
    let capturedAt = new Date(Date.UTC(2025, 4, 1, 10, 0, i % 60) + i * 60_000).toISOString();
    let notice =
      i % 7 === 0
        ? `Yes, send me "Blumen Berlin" offers on WhatsApp.\nReply STOP to stop.`
        : `Blumen Berlin may send me offers on WhatsApp, reply STOP to stop.`;
    let phoneField = i % 10 === 0 && i % 20 === 0 ? '' : phone;
    if (bad.has(i)) {
      if (i % 3 === 0) phoneField = '+49123';
      else if (i % 3 === 1) capturedAt = '2999-01-01T00:00:00Z';
      else notice = ' ';
    }
    const where = i % 2 === 0 ? 'https://blumen.example/signup?ref=paper' : 'Shop Berlin-Mitte';
    rows.push([phoneField, bsuid, categories, capturedAt, notice, where, i % 5 === 0 ? 'de' : 'en'].map(csvField).join(','));
    lines.push(line);
    line += notice.split('\n').length;
  }
  return { csv: `${rows.join('\r\n')}\r\n`, lines };
}

describe('import rows', () => {
  it('reports a missing or unknown column on the header line, before any row', () => {
    const { problems } = readImportRows('fone,categories,captured_at,notice_text\n+4915123456789,offers,2025-01-01T00:00:00Z,Hi\n');
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 1],
    );
    assert.match(problems[0].reason, /unknown column "fone"/);
    assert.match(problems[1].reason, /"phone" or a "bsuid"/);
  });

  it('reads the example list of docs/channels/import.md without a problem', () => {
    const { rows, problems } = readImportRows(readFileSync('examples/opt-ins.csv', 'utf8'));
    assert.deepEqual(problems, []);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1].subject, { bsuid: 'US.13491208655302741918' });
    assert.equal(rows[1].noticeText, 'Ja, Blumen Berlin darf mir Angebote per WhatsApp senden.\nAbmelden: STOP antworten.');
  });

  it('keeps a web address as the page (without its query) and a place name as the location', () => {
    const { rows, problems } = readImportRows(
      'phone,categories,captured_at,notice_text,where\n+4915123456789,offers,2025-01-01T00:00:00Z,Hi,https://shop.example/a?phone=1\n+4915123456780,offers,2025-01-01T00:00:00Z,Hi,Till 3\n',
    );
    assert.deepEqual(problems, []);
    assert.equal(rows[0].pageUrl, 'https://shop.example/a');
    assert.equal(rows[1].locationId, 'Till 3');
  });
});

for (const kind of storeKinds('optin-import')) {
  describe(`optin-elements import on the ${kind.name} store`, { skip: kind.skip }, () => {
    let dir: string;
    let db: string;
    let keyArgs: string[];
    before(async () => {
      await kind.setUp();
      dir = mkdtempSync(join(tmpdir(), 'optin-import-'));
      db = (await kind.freshLedger()).location;
      // The ledger exists before the import, as the receiver made it; a server database keeps keys in a file.
      keyArgs = kind.name === 'PostgreSQL' ? ['--key-file', join(dir, 'receiver.keys.json')] : [];
      const store = await (await import('../../src/server/open-consent-store.js')).openConsentStore(db);
      await store.close();
    });
    after(async () => {
      await kind.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    const openStore = async () => (await import('../../src/server/open-consent-store.js')).openConsentStore(db);
    const importFile = async (file: string, ...extra: string[]) => {
      try {
        const { stdout, stderr } = await run('npx', [...CLI, 'import', '--db', db, '--csv', file, '--business-name', 'Blumen Berlin', ...keyArgs, ...extra]);
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    const count = async () => {
      const store = await openStore();
      try {
        return (await store.list()).length;
      } finally {
        await store.close();
      }
    };

    it('reports each of 3 bad rows among 1,000 with its line and reason, and imports nothing', async () => {
      const bad = new Set([3, 499, 998]);
      const { csv, lines } = list(bad);
      const file = join(dir, 'with-bad-rows.csv');
      writeFileSync(file, csv);
      const result = await importFile(file);
      assert.equal(result.code, 1, result.stderr);
      const reported = result.stderr.split('\n').filter((l) => l.startsWith(`${file}:`));
      assert.deepEqual(
        reported.map((l) => Number(l.slice(file.length + 1).split(':')[0])),
        [...bad].map((i) => lines[i]),
      );
      assert.match(reported[0], /phone "\+49123" is not a valid number/);
      assert.match(reported[1], /in the future/);
      assert.match(reported[2], /notice_text is empty/);
      assert.match(result.stderr, /3 bad rows: nothing imported/);
      assert.equal(await count(), 0);
    });

    it('imports the fixed list as 1,000 attested records (a dry run first stores nothing), verify-ledger passes, and a second import adds nothing', async () => {
      const { csv, lines } = list();
      const file = join(dir, 'fixed.csv');
      writeFileSync(file, csv);
      const dry = await importFile(file, '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /1000 rows, all good: nothing imported/);
      assert.equal(await count(), 0);

      const first = await importFile(file);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /1000 opt-ins imported, 0 already stored/);

      const store = await openStore();
      try {
        const entries = await store.list();
        assert.equal(entries.length, 1000);
        const sha = createHash('sha256').update(csv).digest('hex');
        const byLine = new Map(entries.map((entry) => [('attestation' in entry.record.proof && entry.record.proof.attestation.importLine) || 0, entry.record]));
        assert.deepEqual(
          [...byLine.keys()].sort((a, b) => a - b),
          lines,
          'one record per row, each naming its line',
        );
        for (const { record } of entries) {
          assert.equal(record.collection.source, 'import');
          assert.ok('attestation' in record.proof);
          assert.equal(record.proof.attestation.evidence, 'import');
          assert.equal(record.proof.attestation.importSha256, sha);
        }
        const row = (i: number) => byLine.get(lines[i])!;
        assert.equal(row(7).notice.text, 'Yes, send me "Blumen Berlin" offers on WhatsApp.\nReply STOP to stop.');
        assert.equal(row(7).collection.locationId, 'Shop Berlin-Mitte');
        assert.equal(row(8).collection.pageUrl, 'https://blumen.example/signup');
        assert.deepEqual(row(0).subject, { bsuid: 'US.13491208655302741000' });
        assert.deepEqual(
          row(3).categories.map((c) => c.label),
          ['Offers and promotions', 'Order updates by WhatsApp'],
        );
        const verified = await verifyConsentRecord(row(500));
        assert.ok(verified.ok && verified.proofKind === 'receiver-attested');
        const ledger = await verifyLedger(store, keyArgs.length ? { keyFile: keyArgs[1] } : {});
        assert.ok(ledger.ok, JSON.stringify(ledger));
      } finally {
        await store.close();
      }

      const verifyCommand = await run('npx', [...CLI, 'verify-ledger', '--db', db, ...keyArgs]);
      assert.match(verifyCommand.stdout, /1000 rows, every signature, receipt and chain link verified/);

      // The same opt-ins again, in another order: each is found stored, nothing is doubled.
      const [header, ...rows] = csv.trimEnd().split('\r\n');
      const reordered = join(dir, 'reordered.csv');
      writeFileSync(reordered, [header, ...rows.reverse()].join('\r\n'));
      const again = await importFile(reordered);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /0 opt-ins imported, 1000 already stored/);
      assert.equal(await count(), 1000);
    });
  });
}

describe('an imported opt-in and a later stop', () => {
  const freshDb = tempLedgers('optin-import-stop');
  it("never turns a stopped category back on: the list is the business's word, not the person's", async () => {
    const store = new SqliteConsentStore(freshDb());
    const key = await loadReceiverKey(store);
    const phone = '+4915123459999';
    // The person said STOP on WhatsApp in March 2025.
    const stop = await buildInboundRecord({
      key,
      message: { messageId: 'wamid.STOP-IMPORT', subject: { phone }, text: 'STOP', sentAt: '2025-03-01T10:00:00.000Z' },
      kind: 'opt-out',
      purpose: 'reply',
      business: { name: 'Blumen Berlin', privacyUrl: null },
      categories: [{ id: 'offers', label: 'Offers and promotions', granted: false }],
      locale: 'en',
      policy: { profile: 'inbound-reply', checks: [{ id: 'opt-out-keyword', passed: true }] },
      receivedAt: new Date('2025-03-01T10:00:01.000Z'),
    });
    assert.ok((await appendVerifiedRecord(store, key, stop, new Date('2025-03-01T10:00:01.000Z'))).ok);
    // A paper list says they signed up in May 2025.
    const csv = `phone,categories,captured_at,notice_text\n${phone},offers,2025-05-01T10:00:00Z,Blumen Berlin offers on WhatsApp. Reply STOP to stop.\n`;
    const report = await importOptIns(store, key, new TextEncoder().encode(csv), { businessName: 'Blumen Berlin' });
    assert.equal(report.stored, 1);
    const state = await loadSubjectState(store, { phone }, key.publicJwk.kid);
    const offers = state.categories.find((c) => c.id === 'offers')!;
    assert.equal(offers.granted, false);
    assert.equal(offers.effect, 'needs-confirmation');
    await store.close();
  });
});
