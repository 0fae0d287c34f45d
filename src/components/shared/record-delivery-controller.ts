/**
 * The submission flow shared by elements that send signed records: nonce
 * prefetch, fill-time and honeypot signals, signing with the device key, and
 * the never-lose outbox. The element renders `status` and nothing more.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clickJournalEntry } from '../../client/click-journal/click-journal-entry.js';
import { journalLockName, removeClickJournal, writeClickJournal } from '../../client/click-journal/click-journal.js';
import { finishClickJournal } from '../../client/click-journal/finish-click-journal.js';
import { getDeviceKeyPair } from '../../client/device-key-store.js';
import { enqueueRecord, type PrepareRequest, withHeaders } from '../../client/enqueue-record.js';
import { fetchNonce, type NonceOutcome } from '../../client/fetch-nonce.js';
import { startOutboxDelivery } from '../../client/outbox/page-outbox.js';
import { webLocks } from '../../client/outbox/web-locks.js';
import { buildConsentRecord, type ConsentRecordInput } from '../../core/record/build-consent-record.js';
import type { ConsentRecord, NonceUnavailableReason, UnsignedConsentRecord } from '../../core/record/consent-record.js';
import { signRecord } from '../../core/record/sign-record.js';
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
  /** Lets go of the journal entry's Web Lock, held by this page until the entry is done with. */
  release: () => void;
}

export class RecordDeliveryController implements ReactiveController {
  status: DeliveryStatus = 'idle';
  private shownAt?: number;
  private honeypotFilled = false;
  private nonceUrl?: string;
  private nonce?: Promise<NonceOutcome>;
  private unsubscribes: Array<() => void> = [];
  /** Each record of the last click and where it stands; `status` sums them up. */
  private records = new Map<string, DeliveryStatus>();

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
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  /** Asks for a nonce ahead of time (at render), so submitting does not wait for it. `undefined`: none wanted. */
  prefetchNonce(url: string | undefined): void {
    if (url === this.nonceUrl) return;
    this.nonceUrl = url;
    // Asked for at render: the request starts in a task after the first render.
    this.nonce = url ? new Promise((resolve) => setTimeout(resolve)).then(() => fetchNonce(url)) : undefined;
  }

  /**
   * A shop's tablet hands the form to the next person: the earlier record goes
   * on being delivered by the outbox, but this form stops following it, and the
   * fill time and honeypot start over.
   */
  nextPerson(): void {
    this.hostDisconnected();
    this.honeypotFilled = false;
    this.shownAt = performance.now();
    this.records.clear();
    this.setStatus('idle');
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
  writeAhead(
    endpoint: string,
    input: Omit<ConsentRecordInput, 'id' | 'capturedAt'>,
    options: { prepareRequest?: PrepareRequest; headers?: Record<string, string> } = {},
  ): ClickIntent {
    const fixed = { ...input, id: crypto.randomUUID(), capturedAt: new Date() };
    // Asked for before the entry exists, so a tab that sees the entry always finds it locked.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    void webLocks(journalLockName(fixed.id), () => held).catch(() => undefined);
    // Refused (private mode, quota): the record goes on as before, into the outbox once signed.
    writeClickJournal(clickJournalEntry(endpoint, fixed, options.headers));
    const prepareRequest = options.prepareRequest ?? (options.headers ? withHeaders(options.headers) : undefined);
    return { endpoint, input: fixed, prepareRequest, release };
  }

  /**
   * The unsigned record of a click, with the receiver's nonce. (A click finished by a later page
   * has none: a nonce fetched then would be younger than the click, which the receiver refuses.)
   */
  async buildRecord(intent: ClickIntent): Promise<UnsignedConsentRecord> {
    return buildConsentRecord({ ...intent.input, ...(await this.challenge()) });
  }

  /** The page cancelled `optin-submit`: the click is forgotten. */
  cancel(intent: ClickIntent): void {
    removeClickJournal(intent.input.id);
    intent.release();
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
    return this.sendAll([[intent, unsigned]]);
  }

  /**
   * One click that made several records (one per channel ticked): each is signed and enqueued on
   * its own, and `status` is the least settled of them (an error first, then sending, then queued).
   */
  async sendAll(clicks: ReadonlyArray<readonly [ClickIntent, UnsignedConsentRecord]>): Promise<void> {
    this.hostDisconnected();
    this.records.clear();
    for (const [intent] of clicks) this.track(intent.input.id, 'sending');
    await Promise.all(clicks.map(([intent, unsigned]) => this.signAndEnqueue(intent, unsigned).finally(intent.release)));
  }

  private async signAndEnqueue(intent: ClickIntent, unsigned: UnsignedConsentRecord): Promise<void> {
    const id = intent.input.id;
    const setStatus = (status: DeliveryStatus) => this.track(id, status);
    let record: ConsentRecord;
    try {
      record = await signRecord(unsigned, await getDeviceKeyPair());
    } catch (error) {
      // The journal entry stays: the next page load tries again.
      this.fail(id, { status: 0, message: `signing failed: ${error instanceof Error ? error.message : String(error)}` });
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
      const enqueued = await enqueueRecord(
        intent.endpoint,
        record,
        { prepareRequest: intent.prepareRequest },
        {
          onQueued: ({ entry, result, storage }) => {
            setStatus('queued');
            queued({ storage, status: result.status, message: result.message, nextAttemptAt: entry.nextAttemptAt });
          },
          onDelivered: ({ result }) => {
            settled = true;
            removeClickJournal(id);
            setStatus('success');
            this.host.dispatchEvent(new OptinSuccessEvent({ record, response: result.body }));
          },
          onRefused: ({ result }) => {
            settled = true;
            removeClickJournal(id);
            this.fail(id, { record, status: result.status, message: result.message, response: result.body });
          },
        },
      );
      this.unsubscribes.push(enqueued.unsubscribe);
      // Durable now: the journal entry goes in the task the outbox write completed in. In memory
      // only, the entry (if the browser kept it) is what survives the page, until an answer comes.
      if (enqueued.storage !== 'memory') removeClickJournal(id);
      // The page must know when the record would not survive it closing.
      else if (!settled) {
        queued({ storage: 'memory', status: 0, message: 'kept in memory only: storage refused', nextAttemptAt: Date.now() });
      }
    } catch (error) {
      this.fail(id, { record, status: 0, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private fail(id: string, detail: ConstructorParameters<typeof OptinErrorEvent>[0]): void {
    this.track(id, 'error');
    this.host.dispatchEvent(new OptinErrorEvent(detail));
  }

  private track(id: string, status: DeliveryStatus): void {
    this.records.set(id, status);
    const all = [...this.records.values()];
    this.setStatus((['error', 'sending', 'queued'] as const).find((least) => all.includes(least)) ?? 'success');
  }

  private setStatus(status: DeliveryStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
