/**
 * `optin-elements reprocess-inbound --db consents.db`: processes the webhook deliveries a crash or
 * an internal error left pending in the inbound journal, exactly as the running receiver would.
 * Safe beside a running receiver: each message's record id is derived from the message, and the
 * ledger stores an id once, so a message processed by both is stored once.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { reprocessPendingDeliveries } from './inbound-journal.js';
import { loadReceiverKey } from './receiver-key.js';
import { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';

export const REPROCESS_INBOUND_USAGE = `       optin-elements reprocess-inbound --db consents.db [--business-name NAME]

  reprocess-inbound  processes the webhook deliveries left pending by a crash or an internal error
                     (the receiver also does it at start); exits 1 when some messages still fail`;

/** Returns the exit code. */
export async function runReprocessInbound(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string', default: 'consents.db' }, 'business-name': { type: 'string' } },
  });
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    console.error(`no ledger at ${values.db}: pass --db with the file the receiver uses`);
    return 2;
  }
  const store = await openConsentStore(values.db);
  try {
    const outcome = await reprocessPendingDeliveries(store, await loadReceiverKey(store), {
      ...(values['business-name'] ? { businessName: values['business-name'] } : {}),
    });
    console.log(
      `ledger ${describeLedger(values.db)}: ${outcome.deliveries} pending deliveries, ${outcome.completed} completed, ${outcome.pendingUnits} messages still pending`,
    );
    return outcome.pendingUnits === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
