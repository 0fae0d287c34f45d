/**
 * A pending inbound delivery (journalled, not yet processed: a crash came between) that mentions
 * an erased person. Its other units must still be processed, so the body stays, minus the
 * person: every unit that mentions them is settled as `rejected: erased` (so it is never
 * processed into a new record), and in the body each message, contact or status that mentions
 * them becomes `{}` and any other string that does becomes `"(erased)"`. Arrays keep their
 * length, so every other unit keeps its index (`deliveryUnits` is a pure function of the shape).
 */
import { deliveryUnits } from '../whatsapp-delivery-units.js';

export interface ScrubbedDelivery {
  body: string;
  /** Indexes of the units that mentioned the person. */
  erasedUnits: number[];
}

const mentions = (value: unknown, needles: readonly string[]) => {
  const text = JSON.stringify(value) ?? '';
  return needles.some((needle) => text.includes(needle));
};

/** Arrays whose items are one person's each: an item that mentions the person is removed whole. */
const PERSONAL_ITEMS = new Set(['messages', 'contacts', 'statuses']);

function scrub(value: unknown, needles: readonly string[], personalItems = false): unknown {
  if (typeof value === 'string') return needles.some((needle) => value.includes(needle)) ? '(erased)' : value;
  if (Array.isArray(value)) return value.map((item) => (personalItems && mentions(item, needles) ? {} : scrub(item, needles)));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, needles, PERSONAL_ITEMS.has(key))]));
  }
  return value;
}

/** A unit carries its change's whole `contacts` list as context: someone else's message is not theirs. */
function withoutContacts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutContacts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'contacts')
        .map(([key, item]) => [key, withoutContacts(item)]),
    );
  }
  return value;
}

export function scrubDeliveryBody(body: string, needles: readonly string[]): ScrubbedDelivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Never stored unparsed (the body was verified JSON); if it were, nothing of it can be kept safely.
    return { body: '{}', erasedUnits: [] };
  }
  const erasedUnits = deliveryUnits(parsed)
    .map((unit, index) => (mentions(withoutContacts(unit.payload), needles) ? index : -1))
    .filter((index) => index >= 0);
  return { body: JSON.stringify(scrub(parsed, needles)), erasedUnits };
}
