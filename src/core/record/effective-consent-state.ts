/**
 * A person's effective consent: what a business may rely on, derived from the
 * records of the ledger by these rules (docs/consent-state.md has the same table):
 *
 * | Event                                                           | Effect                                                          |
 * |----------------------------------------------------------------|-----------------------------------------------------------------|
 * | order: a grant from a device                                    | applies at its `capturedAt`: delivered late, it never undoes a  |
 * |                                                                 | stop the person made after it                                   |
 * | order: a withdrawal, or a record made from a live message       | applies at its `capturedAt`, but never before a record received |
 * |                                                                 | ahead of it: a stop wins at once, whatever the clocks say       |
 * | a withdrawal of a category (`granted: false`), from any source  | stops it at once (`effective`)                                  |
 * | an `opt-out`                                                    | stops every category, known or not                              |
 * | a grant of a category never stopped (first web opt-in)          | grants it (`effective`, unconfirmed)                            |
 * | a grant of a category already granted                           | changes nothing; the record counts toward a later confirmation  |
 * | a grant of a stopped category with the person's proof           | grants it (`effective`)                                         |
 * | a grant of a stopped category without proof                     | changes nothing (`needs-confirmation`)                          |
 * | a confirmation naming a record                                  | that record's categories are `confirmed`; if its grant was      |
 * |                                                                 | waiting, it takes effect at the confirmation's time             |
 * | a category the business never configured                        | stored as evidence, changes nothing (`evidence-only`)           |
 *
 * Proof from the person (`fromPerson`) is decided by the caller: a valid
 * preference token sent with the record, or a message from the person's own
 * WhatsApp identity (Meta-signed webhook). Ordering by `capturedAt` means an
 * outbox flushed late never undoes a stop the person made after it.
 */

export type RecordEffect = 'effective' | 'needs-confirmation' | 'evidence-only';

/** The category an opt-out names when nothing is known about the person: it stands for "everything". */
export const ALL_CATEGORIES_ID = 'all';

export interface ConsentEvent {
  recordId: string;
  kind: 'opt-in' | 'opt-out' | 'preferences' | 'confirmation';
  /** Milliseconds since the epoch: when the person acted. */
  capturedAt: number;
  /** Ledger position: breaks ties of `capturedAt`. */
  seq: number;
  categories: ReadonlyArray<{ id: string; granted: boolean }>;
  /** The record carries the person's own authority (token, own WhatsApp message). */
  fromPerson: boolean;
  /** On a confirmation the caller has checked: the record it confirms. */
  confirms?: string;
  /** Made by the receiver on arrival from a live message (WhatsApp, SMS): never ordered before what arrived ahead of it. */
  live?: boolean;
}

export interface EffectiveCategory {
  id: string;
  granted: boolean;
  /** `needs-confirmation` when the category is off and a grant of it waits for the person's confirmation. */
  effect: 'effective' | 'needs-confirmation';
  /** When the person made the current state (`capturedAt`, ISO 8601). */
  since: string;
  /** The record that made the current state. */
  recordId: string;
  /** A confirmation named a record that granted this category since it was last stopped. */
  confirmed: boolean;
}

export interface RecordOutcome {
  effect: RecordEffect;
  categories: Array<{ id: string; effect: RecordEffect }>;
}

export interface EffectiveConsentState {
  categories: EffectiveCategory[];
  /** The effect of each record, by id. */
  records: Map<string, RecordOutcome>;
  /** Categories granted just before the latest opt-out: what a "resume" reply restores. */
  grantedBeforeLastOptOut: string[];
}

export interface EffectiveStateOptions {
  /** The business's configured category ids; others are evidence only. All count when absent. */
  configuredCategories?: ReadonlySet<string>;
}

interface Working {
  granted: boolean;
  since: number;
  recordId: string;
  /** Records that granted it since it was last stopped. */
  grantedBy: Set<string>;
  confirmed: boolean;
}

function combinedEffect(effects: RecordEffect[]): RecordEffect {
  if (effects.includes('effective')) return 'effective';
  if (effects.includes('needs-confirmation')) return 'needs-confirmation';
  return 'evidence-only';
}

const isWithdrawalEvent = (event: ConsentEvent) =>
  event.kind === 'opt-out' || (event.kind === 'preferences' && event.categories.length > 0 && event.categories.every((c) => !c.granted));

/**
 * When each event applies: its `capturedAt`, except that a withdrawal or a live
 * message never applies before a record that arrived ahead of it (a STOP whose
 * platform time is rounded to the second, or a device clock running slow, must
 * still stop what the receiver already had).
 */
function inApplyingOrder(events: readonly ConsentEvent[]): Array<{ event: ConsentEvent; at: number }> {
  let latestArrived = Number.NEGATIVE_INFINITY;
  const timed = [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((event) => {
      const at = event.live || isWithdrawalEvent(event) ? Math.max(event.capturedAt, latestArrived) : event.capturedAt;
      latestArrived = Math.max(latestArrived, event.capturedAt);
      return { event, at };
    });
  return timed.sort((a, b) => a.at - b.at || a.event.seq - b.event.seq);
}

export function deriveEffectiveState(events: readonly ConsentEvent[], options: EffectiveStateOptions = {}): EffectiveConsentState {
  const ordered = inApplyingOrder(events);
  const state = new Map<string, Working>();
  const records = new Map<string, RecordOutcome>();
  /** Grants waiting for a confirmation, by record id, with the time they were waiting since. */
  const waiting = new Map<string, { at: number; ids: string[] }>();
  let everythingStopped = false;
  let grantedBeforeLastOptOut: string[] = [];
  const configured = (id: string) => !options.configuredCategories || options.configuredCategories.has(id);
  const stopped = (id: string) => {
    const current = state.get(id);
    return current ? !current.granted : everythingStopped;
  };
  const grant = (id: string, at: number, recordId: string) => {
    const current = state.get(id);
    if (current?.granted) current.grantedBy.add(recordId);
    else state.set(id, { granted: true, since: at, recordId, grantedBy: new Set([recordId]), confirmed: false });
  };

  for (const { event, at } of ordered) {
    if (event.kind === 'confirmation') {
      if (!event.confirms) continue;
      const pending = waiting.get(event.confirms);
      if (pending) {
        // The person confirmed a grant that waited: it takes effect now, as their own act.
        waiting.delete(event.confirms);
        for (const id of pending.ids) if (stopped(id)) grant(id, at, event.confirms);
        const outcome = records.get(event.confirms);
        if (outcome) {
          outcome.effect = 'effective';
          for (const c of outcome.categories) if (c.effect === 'needs-confirmation') c.effect = 'effective';
        }
      }
      for (const current of state.values()) if (current.granted && current.grantedBy.has(event.confirms)) current.confirmed = true;
      records.set(event.recordId, { effect: 'effective', categories: [] });
      continue;
    }
    if (event.kind === 'opt-out') {
      grantedBeforeLastOptOut = [...state.entries()].filter(([, c]) => c.granted).map(([id]) => id);
      for (const [id, current] of state) {
        if (current.granted) state.set(id, { granted: false, since: at, recordId: event.recordId, grantedBy: new Set(), confirmed: false });
      }
      everythingStopped = true;
      waiting.clear();
    }
    const outcomes: RecordOutcome['categories'] = [];
    const pendingIds: string[] = [];
    for (const category of event.categories) {
      if (event.kind === 'opt-out' && category.id === ALL_CATEGORIES_ID) {
        outcomes.push({ id: category.id, effect: 'effective' });
        continue;
      }
      if (!configured(category.id)) {
        outcomes.push({ id: category.id, effect: 'evidence-only' });
        continue;
      }
      if (!category.granted) {
        const current = state.get(category.id);
        if (!current || current.granted) {
          state.set(category.id, { granted: false, since: at, recordId: event.recordId, grantedBy: new Set(), confirmed: false });
        }
        for (const pending of waiting.values()) pending.ids = pending.ids.filter((id) => id !== category.id);
        outcomes.push({ id: category.id, effect: 'effective' });
      } else if (stopped(category.id) && !event.fromPerson) {
        pendingIds.push(category.id);
        outcomes.push({ id: category.id, effect: 'needs-confirmation' });
      } else {
        grant(category.id, at, event.recordId);
        outcomes.push({ id: category.id, effect: 'effective' });
      }
    }
    if (pendingIds.length > 0) waiting.set(event.recordId, { at, ids: pendingIds });
    records.set(event.recordId, { effect: combinedEffect(outcomes.map((o) => o.effect)), categories: outcomes });
  }

  const waitingFor = new Set([...waiting.values()].flatMap((w) => w.ids));
  const categories = [...state.entries()].map(([id, c]) => ({
    id,
    granted: c.granted,
    effect: !c.granted && waitingFor.has(id) ? ('needs-confirmation' as const) : ('effective' as const),
    since: new Date(c.since).toISOString(),
    recordId: c.recordId,
    confirmed: c.granted && c.confirmed,
  }));
  return { categories, records, grantedBeforeLastOptOut };
}
