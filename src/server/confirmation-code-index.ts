/**
 * Finds the opt-in a double opt-in code belongs to. Codes are derived from
 * record ids by hashing, so they cannot be looked up in the database; the index
 * hashes each opt-in once, catching up on new ledger rows at each look-up
 * (`list({afterSeq})`), so a webhook message costs only the rows since the last one.
 * Opt-ins older than the confirmation window are never indexed, and are dropped
 * from time to time, so memory follows the window, not the ledger.
 */
import { confirmationCodeFor } from '../core/messages/confirmation-code.js';
import type { ConsentStore } from './consent-store.js';

interface IndexedOptIn {
  seq: number;
  receivedAt: string;
}

export class ConfirmationCodeIndex {
  private readonly bySeqByCode = new Map<string, IndexedOptIn[]>();
  private lastSeq = 0;
  private indexedSincePrune = 0;
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(private readonly store: ConsentStore) {}

  private async catchUp(since: number): Promise<void> {
    for (;;) {
      const entries = await this.store.list({ afterSeq: this.lastSeq, limit: 1000 });
      if (entries.length === 0) break;
      for (const entry of entries) {
        this.lastSeq = entry.seq;
        if (entry.record.kind !== 'opt-in' || Date.parse(entry.receivedAt) < since) continue;
        this.indexedSincePrune++;
        const code = await confirmationCodeFor(entry.id);
        const list = this.bySeqByCode.get(code) ?? [];
        list.push({ seq: entry.seq, receivedAt: entry.receivedAt });
        this.bySeqByCode.set(code, list);
      }
    }
    if (this.indexedSincePrune > 10_000) this.prune(since);
  }

  private prune(since: number): void {
    this.indexedSincePrune = 0;
    for (const [code, optIns] of this.bySeqByCode) {
      const recent = optIns.filter((optIn) => Date.parse(optIn.receivedAt) >= since);
      if (recent.length > 0) this.bySeqByCode.set(code, recent);
      else this.bySeqByCode.delete(code);
    }
  }

  /** Ledger positions of opt-ins received at or after `since` whose code is one of `codes`, newest first. */
  async find(codes: readonly string[], since: number): Promise<number[]> {
    // Catch-ups run one after another: parallel webhooks must not index the same rows twice,
    // and each look-up sees every row stored before it began.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.catchUp(since));
    await this.catchingUp;
    return codes
      .flatMap((code) => this.bySeqByCode.get(code) ?? [])
      .filter((optIn) => Date.parse(optIn.receivedAt) >= since)
      .map((optIn) => optIn.seq)
      .sort((a, b) => b - a);
  }
}
