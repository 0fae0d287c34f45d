/**
 * Change events: what `GET /changes` answers and `serve --notify` pushes, one per change of a
 * person's consent, in ledger order. Pure: which records make an event is decided from the
 * person's effective state just before and just after the record (see `server/changes/change-feed.ts`).
 *
 * Extensible: a new kind of event (e.g. `erased`) adds its name to `ChangeKind` and builds its
 * event with `buildChangeEvent`, giving its own `source` so ids never collide.
 */
import { ALL_CATEGORIES_ID } from './effective-consent-state.js';

/** What happened: the record's kind for a record that changed consent. */
export type ChangeKind = 'opt-in' | 'opt-out' | 'preferences' | 'confirmation';

export interface ChangeSubject {
  phone?: string;
  bsuid?: string;
}

export interface ChangeEvent {
  /** Stable: the same change always has the same id (`record:<record id>`); the `Idempotency-Key` of its notification. */
  id: string;
  /** Resume after this event: `GET /changes?after=<cursor>`. Opaque; today the ledger position. */
  cursor: string;
  /** When the receiver stored the change (ISO 8601 UTC): the ledger's clock. */
  at: string;
  kind: ChangeKind;
  /** The identifier(s) the record named. */
  subject: ChangeSubject;
  /**
   * The person's other identifiers the change applies to, as linked when the event is read: those a
   * Meta-signed webhook linked, and for a stop also those a record named together (a stop reaches
   * further). So a stop sent from a BSUID reaches a system that knows the person by phone number.
   */
  linked?: ChangeSubject[];
  /**
   * The categories this change moved, each as it stands after it. A stop (`opt-out`, `preferences`)
   * always lists what it stopped, even what was already off; an opt-out always ends with
   * `{id: "all", granted: false}`.
   */
  categories: Array<{ id: string; granted: boolean }>;
  /** The ledger record that made the change. */
  recordId?: string;
  /** When the person acted (the record's `capturedAt`). */
  capturedAt?: string;
}

/** The id of an event: its source (`record`, …) and that source's own id. */
export function changeEventId(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}

export interface ChangeEventInput {
  source: string;
  sourceId: string;
  /** Ledger position of what made the change. */
  seq: number;
  at: string;
  kind: ChangeKind;
  subject: ChangeSubject;
  linked?: ChangeSubject[];
  categories: Array<{ id: string; granted: boolean }>;
  recordId?: string;
  capturedAt?: string;
}

export function buildChangeEvent(input: ChangeEventInput): ChangeEvent {
  const subject: ChangeSubject = {};
  if (input.subject.phone !== undefined) subject.phone = input.subject.phone;
  if (input.subject.bsuid !== undefined) subject.bsuid = input.subject.bsuid;
  return {
    id: changeEventId(input.source, input.sourceId),
    cursor: String(input.seq),
    at: input.at,
    kind: input.kind,
    subject,
    ...(input.linked && input.linked.length > 0
      ? { linked: input.linked.map(({ phone, bsuid }) => ({ ...(phone ? { phone } : {}), ...(bsuid ? { bsuid } : {}) })) }
      : {}),
    categories: input.categories.map(({ id, granted }) => ({ id, granted })),
    ...(input.recordId !== undefined ? { recordId: input.recordId } : {}),
    ...(input.capturedAt !== undefined ? { capturedAt: input.capturedAt } : {}),
  };
}

/** A record as the change rules need it. */
export interface ChangeRecord {
  kind: string;
  categories: ReadonlyArray<{ id: string; granted: boolean }>;
}

const CHANGE_KINDS: ReadonlySet<string> = new Set<ChangeKind>(['opt-in', 'opt-out', 'preferences', 'confirmation']);

/**
 * The categories a record changed, or `undefined` when it changed nothing (a grant that waits for
 * the person's confirmation, a grant of what was already on, an unknown kind).
 * `before` and `after` are the person's effective categories without and with the record;
 * `effective` says, per category the record names, whether it took effect.
 */
export function changedCategories(
  record: ChangeRecord,
  before: ReadonlyArray<{ id: string; granted: boolean }>,
  after: ReadonlyArray<{ id: string; granted: boolean }>,
  effective: (categoryId: string) => boolean,
): Array<{ id: string; granted: boolean }> | undefined {
  if (!CHANGE_KINDS.has(record.kind)) return undefined;
  const was = new Map(before.map((c) => [c.id, c.granted]));
  const changed = after.filter((c) => was.get(c.id) !== c.granted).map(({ id, granted }) => ({ id, granted }));
  const named = new Set(changed.map((c) => c.id));
  // A stop is forwarded even when the ledger already had it off: the systems that send may not.
  // (An opt-in's unticked boxes are not stops: they appear only when they change the state.)
  for (const c of record.kind === 'opt-in' ? [] : record.categories) {
    if (!c.granted && !named.has(c.id) && c.id !== ALL_CATEGORIES_ID && effective(c.id)) {
      changed.push({ id: c.id, granted: false });
      named.add(c.id);
    }
  }
  if (record.kind === 'opt-out') changed.push({ id: ALL_CATEGORIES_ID, granted: false });
  return changed.length > 0 ? changed : undefined;
}
