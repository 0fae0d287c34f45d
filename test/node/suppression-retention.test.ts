/**
 * `optin-elements suppression` and `optin-elements retention` on a ledger the real receiver
 * filled, on both stores: who is listed and why, the salted hashes a BSP matches, and who
 * retention erases and who it keeps.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ConsentRecord, RecordCategory } from '../../src/core/record/consent-record.js';
import { findErasure } from '../../src/server/erasure/find-erasure.js';
import { suppressionHash, suppressionSalt } from '../../src/server/erasure/suppression-hash.js';
import type { SuppressedIdentifier } from '../../src/server/erasure/suppression-list.js';
import { openConsentStore } from '../../src/server/open-consent-store.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { generateTestKeyPair, signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { withoutSuppressed } from '../../examples/match-suppression.js';

const execFile = promisify(execFileCallback);
const CLI = ['--import', 'tsx', 'src/server/cli.ts'];
const ADMIN = 'suppression-admin-token-0123456789abcdef';

const STOPPED_ALL = '+4915155550001';
const STOPPED_MARKETING = '+4915155550002';
const OPTED_IN = '+4915155550003';
const ERASED = '+4915155550004';
const STOPPED_UPDATES_ONLY = '+4915155550005';

const both = (offers: boolean, updates: boolean): RecordCategory[] => [
  { id: 'offers', label: 'Offers', granted: offers },
  { id: 'order-updates', label: 'Order updates', granted: updates },
];

for (const kind of storeKinds('optin-suppression')) {
  describe(`suppression export and retention (${kind.name})`, { skip: kind.skip }, () => {
    let dir: string;
    let location: string;
    let keyFile: string;

    before(async () => {
      await kind.setUp();
      dir = mkdtempSync(join(tmpdir(), 'optin-suppression-keys-'));
      keyFile = join(dir, 'receiver.keys.json');
      location = (await kind.freshLedger()).location;
      const server = await startConsentServer({
        db: location,
        keyFile,
        port: 0,
        adminToken: ADMIN,
        verificationThread: false,
        rateLimits: { perClient: false, perSubject: false },
      });
      const device = await generateTestKeyPair();
      const post = async (record: ConsentRecord) => {
        const response = await fetch(`${server.url}/consents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(record),
        });
        assert.equal(response.status, 201, await response.text());
      };
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
      for (const phone of [STOPPED_ALL, STOPPED_MARKETING, OPTED_IN, ERASED, STOPPED_UPDATES_ONLY]) {
        await post(await signedSample({ subject: { phone }, categories: both(true, true), capturedAt: at(10) }, device));
      }
      await post(await signedSample({ kind: 'opt-out', subject: { phone: STOPPED_ALL }, categories: both(false, false), capturedAt: at(5) }, device));
      await post(await signedSample({ kind: 'preferences', subject: { phone: STOPPED_MARKETING }, categories: both(false, true), capturedAt: at(5) }, device));
      await post(
        await signedSample({ kind: 'preferences', subject: { phone: STOPPED_UPDATES_ONLY }, categories: both(true, false), capturedAt: at(5) }, device),
      );
      const erased = await fetch(`${server.url}/subjects/erase`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ phone: ERASED }),
      });
      assert.equal(erased.status, 200);
      await server.close();
    });
    after(async () => {
      await kind.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    const cli = (...args: string[]) => execFile(process.execPath, [...CLI, ...args, '--db', location, '--key-file', keyFile]);

    it('lists who stopped everything or marketing, and the erased as hashes only, salted as a BSP can match them', async () => {
      const rows = JSON.parse((await cli('suppression', '--format', 'json')).stdout) as SuppressedIdentifier[];
      const byReason = Object.fromEntries(rows.map((row) => [row.identifier ?? `hash:${row.reason}`, row.reason]));
      assert.deepEqual(byReason, { [STOPPED_ALL]: 'stopped-all', [STOPPED_MARKETING]: 'stopped-marketing', 'hash:erased': 'erased' });
      // What a BSP does with the salt: HMAC-SHA256 over each recipient's E.164 number, compared with the column.
      const store = await openConsentStore(location);
      const salt = await suppressionSalt(await loadReceiverKey(store, { keyFile }));
      await store.close();
      const erasedRow = rows.find((row) => row.reason === 'erased')!;
      assert.equal(erasedRow.hash, await suppressionHash(salt, ERASED));
      assert.equal(erasedRow.identifier, undefined);
      assert.equal(rows.find((row) => row.identifier === STOPPED_ALL)!.hash, await suppressionHash(salt, STOPPED_ALL));

      const hashedCsv = (await cli('suppression', '--hashed')).stdout;
      const lines = hashedCsv.trim().split('\r\n');
      assert.equal(lines[0], 'hash,identifier,type,reason,since');
      assert.equal(lines.length, 4);
      for (const phone of [STOPPED_ALL, STOPPED_MARKETING, ERASED]) assert.ok(!hashedCsv.includes(phone.slice(1)), `${phone} appears only hashed`);
      assert.ok(hashedCsv.includes(await suppressionHash(salt, STOPPED_MARKETING)));
      await assert.rejects(cli('suppression', '--format', 'xml'), /--format must be csv or json/);

      // examples/match-suppression.ts (docs/erasure.md): what a BSP does with the printed salt and the hashed list.
      const printedSalt = (await cli('suppression', '--print-salt')).stdout.trim();
      assert.equal(printedSalt, Buffer.from(salt).toString('hex'));
      const hashes = new Set(lines.slice(1).map((line) => line.split(',')[0]));
      assert.deepEqual(withoutSuppressed([STOPPED_ALL, STOPPED_MARKETING, OPTED_IN, ERASED, STOPPED_UPDATES_ONLY], printedSalt, hashes), [
        OPTED_IN,
        STOPPED_UPDATES_ONLY,
      ]);
    });

    it('erases only persons with no grant whose records are all older than the period, keeping withdrawals for their own period', async () => {
      const dry = await cli('retention', '--older-than', '0', '--keep-withdrawals-days', '0', '--dry-run');
      assert.match(dry.stdout, /would erase 1 persons \(2 records; 1 keep a suppression entry\); kept 3 holding a grant/);
      assert.match((await cli('verify-ledger')).stdout, /1 of them erased/, 'a dry run changes nothing');
      // Fresh records are inside any period of a day or more; a withdrawal inside the default six years is kept.
      assert.match((await cli('retention', '--older-than', '1', '--keep-withdrawals-days', '0')).stdout, /erased 0 persons/);
      assert.match((await cli('retention', '--older-than', '0')).stdout, /erased 0 persons .* 1 whose withdrawal is inside its period/);
      assert.match(
        (await cli('retention', '--older-than', '0', '--keep-withdrawals-days', '0')).stdout,
        /erased 1 persons \(2 records; 1 keep a suppression entry\)/,
      );
      assert.match((await cli('verify-ledger')).stdout, /3 of them erased/);

      const store = await openConsentStore(location);
      try {
        const key = await loadReceiverKey(store, { keyFile });
        assert.equal((await findErasure(store, key, { phone: STOPPED_ALL }))?.reason, 'retention', 'who withdrew keeps a suppression entry');
        for (const phone of [STOPPED_MARKETING, OPTED_IN, STOPPED_UPDATES_ONLY])
          assert.ok((await store.listBySubject!({ phone })).length > 0, `${phone} holds a grant: kept`);
      } finally {
        await store.close();
      }
      await assert.rejects(cli('retention'), /--older-than must be a whole number of days/);
    });

    it('erases a person from the shell, once, and refuses a malformed number before opening anything', async () => {
      assert.match((await cli('erase', '--phone', OPTED_IN)).stdout, /erased 1 records of 1 identifiers .*erased since /);
      assert.match((await cli('erase', '--phone', OPTED_IN)).stdout, /erased 0 records/, 'twice changes nothing');
      assert.match((await cli('verify-ledger')).stdout, /4 of them erased/);
      await assert.rejects(cli('erase', '--phone', '+49 151'), /phone must be E\.164/);
      await assert.rejects(cli('erase'), /needs a phone \(E\.164\) or a bsuid/);
    });
  });
}
