/**
 * The submission flow shared by elements that send signed records: nonce
 * prefetch, fill-time and honeypot signals, signing with the device key, and
 * the never-lose outbox. The element renders `status` and nothing more.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clickJournalEntry } from '../../client/click-journal/click-journal-entry.js';
import { journalLockName, readClickJournal, removeClickJournal, writeClickJournal } from '../../client/click-journal/click-journal.js';
import { finishClickJournal } from '../../client/click-journal/finish-click-journal.js';
import { getDeviceKeyPair } from '../../client/device-key-store.js';
import { enqueueRecord, type PrepareRequest } from '../../client/enqueue-record.js';
import { fetchNonce, type NonceOutcome } from '../../client/fetch-nonce.js';
import { startOutboxDelivery } from '../../client/outbox/page-outbox.js';
import { holdWebLock } from '../../client/outbox/web-locks.js';
import { buildConsentRecord, type ConsentRecordInput } from '../../core/build-consent-record.js';
import type { ConsentRecord, NonceUnavailableReason, UnsignedConsentRecord } from '../../core/consent-record.js';
import { signRecord } from '../../core/sign-record.js';
import { OptinErrorEvent } from '../events/optin-error-event.js';
import { OptinQueuedEvent } from '../events/optin-queued-event.js';
import { OptinSuccessEvent } from '../events/optin-success-event.js';

/** `sending` → `success`, or `queued` (saved, will be sent) → `success`, or `error` (refused). */
export type DeliveryStatus = 'idle' | 'sending' | 'queued' | 'success' | 'error';

/** A nonce this close to expiry is replaced before signing. */
const NONCE_MARGIN_MS = 30_000;

export interface RecordChallenge {
  nonce?: string;
  nonceUnavailable?: NonceUnavailableReason;
}

/** A click written ahead (`writeAhead`), on its way to being signed into the outbox. */
export interface ClickIntent {
  endpoint: string;
  input: ConsentRecordInput & { id: string; capturedAt: Date };
  prepareRequest?: PrepareRequest;
  /** The journal holds it: it survives the page closing from now on. */
  journaled: boolean;
  /** The journal entry's Web Lock, held by this page until the entry is done with. */
  lock: ReturnType<typeof holdWebLock>;
}

export class RecordDeliveryController implements ReactiveController {
  status: DeliveryStatus = 'idle';
  private shownAt?: number;
  private honeypotFilled = false;
  private nonceUrl?: string;
  private nonce?: Promise<NonceOutcome>;
  /** The prefetched nonce once it has arrived, so a click can use it without waiting. */
  private nonceInHand?: { nonce: string; expiresAt: number };
  private unsubscribe?: () => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // Any page with the widget finishes deliveries left by earlier pages; the outbox opens in a
    // task after the first render, not inside it.
    setTimeout(() => {
      startOutboxDelivery();
      void finishClickJournal();
    });
    this.shownAt ??= performance.now();
  }

  hostDisconnected(): void {
    // The record keeps being delivered; only this element stops listening.
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Asks for a nonce ahead of time (at render), so submitting does not wait for it. `undefined`: none wanted. */
  prefetchNonce(url: string | undefined): void {
    if (url === this.nonceUrl) return;
    this.nonceUrl = url;
    // Asked for at render: the request starts in a task after the first render.
    this.nonceInHand = undefined;
    const nonce = (this.nonce = url ? new Promise((resolve) => setTimeout(resolve)).then(() => fetchNonce(url)) : undefined);
    void nonce?.then((outcome) => {
      if (this.nonce === nonce && 'nonce' in outcome) this.nonceInHand = outcome;
    });
  }

  /** The hidden honeypot field changed: only bots fill it in. */
  honeypotInput(value: string): void {
    this.honeypotFilled = value.length > 0;
  }

  /** Signals for the receiver's bot check: time from first render to submit, and the honeypot. */
  interaction(): { fillMs: number; honeypot: boolean } {
    return { fillMs: Math.round(performance.now() - (this.shownAt ?? performance.now())), honeypot: this.honeypotFilled };
  }

  /**
   * The first thing a click does, synchronously, before the handler awaits
   * anything: fixes the record's id and time and writes everything needed to
   * finish it to the click journal (localStorage). A page closed from here on
   * loses nothing: the next page of the site that loads the widget finishes it.
   */
  writeAhead(endpoint: string, input: ConsentRecordInput, options: { prepareRequest?: PrepareRequest } = {}): ClickIntent {
    // A nonce already here (and fresh) goes into the journal too, used up; else `buildRecord` waits for one.
    const inHand = this.nonceInHand;
    const nonce = inHand && inHand.expiresAt - NONCE_MARGIN_MS > Date.now() ? inHand.nonce : undefined;
    if (nonce) this.nonce = this.nonceInHand = undefined;
    const fixed = { ...input, id: input.id ?? crypto.randomUUID(), capturedAt: input.capturedAt ?? new Date(), nonce };
    // Asked for before the entry exists, so a tab that sees the entry always finds it locked.
    const lock = holdWebLock(journalLockName(fixed.id));
    const journaled = writeClickJournal(clickJournalEntry(endpoint, fixed));
    return { endpoint, input: fixed, prepareRequest: options.prepareRequest, journaled, lock };
  }

  /** The unsigned record of a click: its nonce is the one in hand at the click, or the one still on its way. */
  async buildRecord(intent: ClickIntent): Promise<UnsignedConsentRecord> {
    const { input } = intent;
    return buildConsentRecord(input.nonce ? input : { ...input, ...(await this.challenge()) });
  }

  /** The page cancelled `optin-submit`: the click is forgotten. */
  cancel(intent: ClickIntent): void {
    removeClickJournal(intent.input.id);
    intent.lock.release();
  }

  /** The nonce for the record about to be signed (each is used once), or why there is none. */
  async challenge(): Promise<RecordChallenge> {
    if (!this.nonceUrl) return {};
    let outcome = await (this.nonce ?? fetchNonce(this.nonceUrl));
    if ('nonce' in outcome && outcome.expiresAt - NONCE_MARGIN_MS < Date.now()) outcome = await fetchNonce(this.nonceUrl);
    // Single-use: a later record fetches its own when it needs one. "Not offered" stays known.
    this.nonce = 'unavailable' in outcome && outcome.unavailable === 'not-offered' ? Promise.resolve(outcome) : undefined;
    return 'nonce' in outcome ? { nonce: outcome.nonce } : { nonceUnavailable: outcome.unavailable };
  }

  /**
   * Signs the clicked record with the device key and hands it to the outbox;
   * events follow on the host. The journal entry goes once the signed record
   * is in durable storage (or delivered, or refused).
   */
  async send(intent: ClickIntent, unsigned: UnsignedConsentRecord): Promise<void> {
    this.setStatus('sending');
    const id = intent.input.id;
    const doneWithJournal = () => {
      removeClickJournal(id);
      intent.lock.release();
    };
    let record: ConsentRecord;
    try {
      await intent.lock.granted;
      // Another tab finished this click while this page waited for the lock (a race of microseconds): nothing to sign.
      if (intent.journaled && !readClickJournal(id)) return intent.lock.release();
      record = await signRecord(unsigned, await getDeviceKeyPair());
    } catch (error) {
      // The journal entry stays: the next page load tries again.
      intent.lock.release();
      this.fail({ status: 0, message: `signing failed: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    let queuedOnce = false;
    let settled = false;
    const queued = (detail: Omit<ConstructorParameters<typeof OptinQueuedEvent>[0], 'record' | 'durable'>) => {
      if (queuedOnce) return;
      queuedOnce = true;
      this.host.dispatchEvent(new OptinQueuedEvent({ record, durable: detail.storage !== 'memory', ...detail }));
    };
    try {
      this.unsubscribe?.();
      const enqueued = await enqueueRecord(intent.endpoint, record, { prepareRequest: intent.prepareRequest }, {
        onQueued: ({ entry, result, storage }) => {
          this.setStatus('queued');
          queued({ storage, status: result.status, message: result.message, nextAttemptAt: entry.nextAttemptAt });
        },
        onDelivered: ({ result }) => {
          settled = true;
          doneWithJournal();
          this.setStatus('success');
          this.host.dispatchEvent(new OptinSuccessEvent({ record, response: result.body }));
        },
        onRefused: ({ result }) => {
          settled = true;
          doneWithJournal();
          this.fail({ record, status: result.status, message: result.message, response: result.body });
        },
      });
      this.unsubscribe = enqueued.unsubscribe;
      // In memory only, the journal entry (if the browser kept it) is what survives the page.
      if (enqueued.storage !== 'memory') doneWithJournal();
      // The page must know when the record would not survive it closing.
      if (enqueued.storage === 'memory' && !settled) {
        queued({ storage: 'memory', status: 0, message: 'kept in memory only: this browser refused to store it', nextAttemptAt: Date.now() });
      }
    } catch (error) {
      intent.lock.release();
      this.fail({ record, status: 0, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private fail(detail: ConstructorParameters<typeof OptinErrorEvent>[0]): void {
    this.setStatus('error');
    this.host.dispatchEvent(new OptinErrorEvent(detail));
  }

  private setStatus(status: DeliveryStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
