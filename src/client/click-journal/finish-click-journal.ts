/**
 * Any page that loads the widget finishes the clicks an earlier page left in
 * the journal: same id, same time, same text, signed by the same device key,
 * enqueued once. Each entry is handled under its Web Lock, so two tabs loading
 * at once (or the page that clicked, still working on it) never both sign it.
 */
import { buildConsentRecord } from '../../core/record/build-consent-record.js';
import { signRecord } from '../../core/record/sign-record.js';
import { getDeviceKeyPair } from '../device-key-store.js';
import { enqueueRecord, withHeaders } from '../enqueue-record.js';
import { webLocks } from '../outbox/web-locks.js';
import { recordInputOf } from './click-journal-entry.js';
import { journalLockName, listClickJournal, readClickJournal, removeClickJournal } from './click-journal.js';

let running: Promise<void> | undefined;

async function finishOne(id: string): Promise<void> {
  // Read again under the lock: the page that clicked, or another tab, may have finished it meanwhile.
  const entry = readClickJournal(id);
  if (!entry) return;
  const record = await signRecord(await buildConsentRecord(recordInputOf(entry)), await getDeviceKeyPair());
  // Already in the outbox (the page died between the outbox write and removing the entry): the
  // outbox keeps its first copy, so this signature is never sent.
  const { storage } = await enqueueRecord(entry.endpoint, record, entry.headers ? { prepareRequest: withHeaders(entry.headers) } : {});
  if (storage !== 'memory') removeClickJournal(id);
}

/** Finishes every unfinished click; entries locked by another page (or this one, still at work) are left to it. */
export function finishClickJournal(): Promise<void> {
  running ??= (async () => {
    for (const id of listClickJournal()) {
      // A failure (no key store, signing refused) leaves the entry for the next page.
      await webLocks(journalLockName(id), () => finishOne(id)).catch(() => undefined);
    }
  })().finally(() => (running = undefined));
  return running;
}
