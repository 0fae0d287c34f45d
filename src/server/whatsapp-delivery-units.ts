/**
 * Splits a WhatsApp Cloud API webhook delivery into units processed on their own: one per
 * message, and one for whatever else a change carries (statuses, other fields). Each unit is a
 * delivery of its own shape (`{object, entry: [{changes: [{value}]}]}`), so whatever reads a
 * delivery reads a unit, and one malformed message cannot take its neighbours down with it.
 * The split is a pure function of the body: unit indexes are the same at every reprocessing.
 */

export interface DeliveryUnit {
  /** The unit as a delivery of its own. */
  payload: unknown;
  /** The message's id, when the unit is one message with a string id. */
  messageId?: string;
  /** Why this unit is refused before anyone reads it, when it is. */
  problem?: string;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);

// Members of a change's value that describe the messages rather than being events of their own.
const CONTEXT_MEMBERS = new Set(['messaging_product', 'metadata', 'contacts', 'messages']);

/** Why a message cannot be read as WhatsApp describes one, or `undefined` (unknown types are not problems: they are ignored later). */
export function messageProblem(message: unknown): string | undefined {
  const m = asObject(message);
  if (!m) return 'the message is not a JSON object';
  if (m.id !== undefined && (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 512))
    return 'the message id is not a string of 1 to 512 characters';
  // An unreadable timestamp is not a problem: the record the message makes is dated when it arrived
  // (inbound-records.ts), so a STOP with a garbled clock still stops. A withdrawal always wins.
  return undefined;
}

export function deliveryUnits(payload: unknown): DeliveryUnit[] {
  const delivery = asObject(payload);
  const entries = Array.isArray(delivery?.entry) ? delivery.entry : [];
  const units: DeliveryUnit[] = [];
  const wrap = (entry: Json, change: unknown): unknown => ({ ...delivery, entry: [{ ...entry, changes: [change] }] });
  for (const rawEntry of entries) {
    const entry = asObject(rawEntry);
    if (!entry) continue;
    for (const rawChange of Array.isArray(entry.changes) ? entry.changes : []) {
      const change = asObject(rawChange);
      const value = asObject(change?.value);
      if (!change || !value || !Array.isArray(value.messages)) {
        // Not a message notification (another webhook field): one unit, read whole.
        units.push({ payload: wrap(entry, rawChange) });
        continue;
      }
      for (const message of value.messages) {
        const id = asObject(message)?.id;
        units.push({
          payload: wrap(entry, {
            ...change,
            value: Object.fromEntries([...Object.entries(value).filter(([k]) => CONTEXT_MEMBERS.has(k)), ['messages', [message]]]),
          }),
          ...(typeof id === 'string' ? { messageId: id } : {}),
          ...(messageProblem(message) ? { problem: messageProblem(message) } : {}),
        });
      }
      const rest = Object.entries(value).filter(([k]) => !CONTEXT_MEMBERS.has(k));
      if (rest.length > 0) {
        const context = Object.entries(value).filter(([k]) => k !== 'messages' && CONTEXT_MEMBERS.has(k));
        units.push({ payload: wrap(entry, { ...change, value: Object.fromEntries([...context, ...rest]) }) });
      }
    }
  }
  return units;
}
