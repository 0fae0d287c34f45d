/**
 * What an erased ledger row keeps. Erasure replaces a row's record body by a stub
 * `{"erased": {at, reason}, "id", "kind"}`: the row's id, `recordHash`, `receivedAt` and receipt
 * stay, and those are all the hash chain (`ledger-chain.ts`) and the log leaf (the receipt, see
 * `log/receipt-leaf.ts`) cover, so every other row, receipt and inclusion proof still verifies.
 * The database triggers allow this one change and no other (stores' schemas, migration 7).
 *
 * A stub can never be mistaken for a record: a record has a `proof` and the schema refuses any
 * top-level `erased` member, so a posted record cannot pass for an erased row.
 */
import type { ConsentRecord, RecordKind } from '../../core/record/consent-record.js';

export type ErasureReason = 'request' | 'retention';

export interface ErasureMark {
  /** When the row's body was erased (the receiver's clock, ISO 8601). */
  at: string;
  /** `request`: the person asked (`POST /subjects/erase`, `optin-elements erase`); `retention`: its retention period ended. */
  reason: ErasureReason;
}

interface ErasedStub {
  erased: ErasureMark;
  id: string;
  kind: RecordKind;
}

/** The stub's JSON, as stored in place of the record. Members in a fixed order, so the triggers can check its shape. */
export function erasedStubJson(id: string, kind: RecordKind, mark: ErasureMark): string {
  const stub: ErasedStub = { erased: { at: mark.at, reason: mark.reason }, id, kind };
  return JSON.stringify(stub);
}

function isStub(parsed: unknown): parsed is ErasedStub {
  const value = parsed as Partial<ErasedStub> & { proof?: unknown };
  return typeof value === 'object' && value !== null && typeof value.erased === 'object' && value.erased !== null && value.proof === undefined;
}

/**
 * A stored row's body: the record, or for an erased row a placeholder with no personal data
 * (no subject, no categories, empty texts) and the erasure mark. The placeholder keeps code that
 * reads `entry.record` safe; whatever verifies or shows a record checks `erased` first.
 */
export function storedBody(json: string): { record: ConsentRecord; erased?: ErasureMark } {
  const parsed = JSON.parse(json) as unknown;
  if (!isStub(parsed)) return { record: parsed as ConsentRecord };
  return { record: erasedPlaceholder(parsed.id, parsed.kind), erased: { at: parsed.erased.at, reason: parsed.erased.reason } };
}

function erasedPlaceholder(id: string, kind: RecordKind): ConsentRecord {
  return {
    version: 1,
    id,
    kind,
    capturedAt: '',
    subject: {},
    business: { name: '', privacyUrl: null },
    channel: '',
    categories: [],
    notice: { locale: '', text: '', sha256: '' },
    collection: { source: 'import', pageUrl: '', widgetVersion: '' },
    policy: { profile: '', checks: [] },
    proof: { jws: '' },
  };
}
