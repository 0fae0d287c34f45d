/**
 * The suppression export: every identifier that must not get marketing, for a BSP's or CRM's
 * suppression list. One row per identifier (a phone number in E.164, or a BSUID):
 * - `erased`: the person was erased; only the salted hash is left, in either format;
 * - `stopped-all`: nothing is granted any more, and the person withdrew (an opt-out, or each
 *   category stopped);
 * - `stopped-marketing`: something is still granted (order updates, say), but no marketing
 *   category, and the person withdrew at least one marketing category.
 * Someone who never consented is not listed: they are on no send list to begin with.
 *
 * Each identifier's state is derived as the receiver derives it (`loadSubjectState`: its linked
 * identities, a withdrawal from any of them wins). A category is marketing when the business's
 * registry says so, else when the record said so (`templateCategory`), else by the preset ids
 * (`offers`, `announcements`); any other category counts as marketing, the stricter assumption.
 */
import { templateCategoryOf } from '../../core/notice/categories.js';
import type { RecordSubject } from '../../core/record/consent-record.js';
import type { CategoryRegistry } from '../category-registry.js';
import type { ConsentStore, LedgerEntry } from '../consent-store.js';
import { type ReceiverKey, receiverKidsOf } from '../receiver-key.js';
import { deriveSubjectState } from '../subject-state.js';
import { resolvePerson } from '../subject-identities.js';
import { suppressionHash, suppressionSalt } from './suppression-hash.js';
import { withdrawnCategories } from './withdrawals.js';

export type SuppressionReason = 'erased' | 'stopped-all' | 'stopped-marketing';

export interface SuppressedIdentifier {
  /** HMAC-SHA256(salt, identifier), lowercase hex: always present. */
  hash: string;
  /** The identifier itself, in a plain export, for anyone not erased. */
  identifier?: string;
  /** `phone` or `bsuid`; absent for an erased entry (only its hash is left). */
  type?: 'phone' | 'bsuid';
  reason: SuppressionReason;
  /** When it began: the erasure, or the latest withdrawal. */
  since: string;
}

const PAGE = 1000;

/** Every phone number and BSUID some stored (not erased) record has as its subject, sorted. */
export async function distinctIdentifiers(store: ConsentStore): Promise<string[]> {
  const seen = new Set<string>();
  for (let afterSeq = 0; ;) {
    const page = await store.list({ afterSeq, limit: PAGE });
    if (page.length === 0) break;
    for (const entry of page) {
      if (entry.record.subject.phone) seen.add(entry.record.subject.phone);
      if (entry.record.subject.bsuid) seen.add(entry.record.subject.bsuid);
    }
    afterSeq = page.at(-1)!.seq;
  }
  return [...seen].sort();
}

const subjectOf = (identifier: string): RecordSubject => (identifier.startsWith('+') ? { phone: identifier } : { bsuid: identifier });

function isMarketing(id: string, entries: readonly LedgerEntry[], registry: CategoryRegistry | undefined): boolean {
  const configured = registry?.find((c) => c.id === id)?.templateCategory;
  if (configured) return configured === 'marketing';
  for (const entry of entries) {
    const said = entry.record.categories.find((c) => c.id === id)?.templateCategory;
    if (said) return said === 'marketing';
  }
  return templateCategoryOf({ id, label: id }) === 'marketing';
}

export async function suppressionList(
  store: ConsentStore,
  key: ReceiverKey,
  options: { hashed?: boolean; categories?: CategoryRegistry } = {},
): Promise<SuppressedIdentifier[]> {
  const salt = await suppressionSalt(key);
  const kids = receiverKidsOf(key);
  const rows: SuppressedIdentifier[] = [];
  for (const identifier of await distinctIdentifiers(store)) {
    const subject = subjectOf(identifier);
    const person = await resolvePerson(store, subject, kids);
    const { entries } = person;
    const state = deriveSubjectState(subject, entries, kids, options.categories, person.identities);
    const withdrawals = entries.filter((entry) => withdrawnCategories(entry.record).length > 0);
    if (withdrawals.length === 0) continue;
    const granted = state.categories.filter((c) => c.granted && c.effect === 'effective');
    const marketingWithdrawn = withdrawals.some((entry) => withdrawnCategories(entry.record).some((id) => isMarketing(id, entries, options.categories)));
    const reason: SuppressionReason | undefined =
      granted.length === 0
        ? 'stopped-all'
        : !granted.some((c) => isMarketing(c.id, entries, options.categories)) && marketingWithdrawn
          ? 'stopped-marketing'
          : undefined;
    if (!reason) continue;
    rows.push({
      hash: await suppressionHash(salt, identifier),
      ...(options.hashed ? {} : { identifier, type: subject.phone ? ('phone' as const) : ('bsuid' as const) }),
      reason,
      since: withdrawals
        .map((entry) => entry.receivedAt)
        .sort()
        .at(-1)!,
    });
  }
  for (const entry of (await store.listSuppressions?.()) ?? []) rows.push({ hash: entry.hash, reason: 'erased', since: entry.erasedAt });
  return rows;
}

/** RFC 4180 CSV: `hash,identifier,type,reason,since` (identifier and type empty when hashed or erased). */
export function suppressionCsv(rows: readonly SuppressedIdentifier[]): string {
  const lines = rows.map((row) => [row.hash, row.identifier ?? '', row.type ?? '', row.reason, row.since].join(','));
  return `${['hash,identifier,type,reason,since', ...lines].join('\r\n')}\r\n`;
}
