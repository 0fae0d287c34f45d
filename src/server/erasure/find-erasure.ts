/**
 * Whether a person was erased, and when: what `may-send` answers `basis: "erased"` from, and what
 * the audit and preference routes say instead of a history. By the salted hash of each of the
 * subject's identifiers (`suppression-hash.ts`); the earliest erasure counts. Records stored
 * after `erasedAt` are new (the person came back and opted in again): they are not erased.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import type { ConsentStore } from '../consent-store.js';
import type { ReceiverKey } from '../receiver-key.js';
import { subjectHashes, suppressionSalt } from './suppression-hash.js';

export interface ErasureFound {
  /** When the subject was first erased (ISO 8601). */
  erasedAt: string;
  reason: 'request' | 'retention';
}

export async function findErasure(store: ConsentStore, key: Pick<ReceiverKey, 'secret'>, subject: RecordSubject): Promise<ErasureFound | undefined> {
  if (typeof store.findSuppressions !== 'function') return undefined;
  const found = await store.findSuppressions(await subjectHashes(await suppressionSalt(key), subject));
  const first = found.sort((a, b) => a.erasedAt.localeCompare(b.erasedAt))[0];
  return first && { erasedAt: first.erasedAt, reason: first.reason };
}
