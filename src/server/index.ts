/** `optin-elements/server`: verify and store consent records. */
export { createConsentHandler, type ConsentHandler, type ConsentHandlerOptions, type ConsentRequestContext } from './consent-handler.js';
export type { ConsentStore, InboundDelivery, InboundJournal, InboundUnitOutcome, LedgerEntry, NewInboundDelivery, NewLedgerEntry } from './consent-store.js';
export { MAX_DELIVERY_ATTEMPTS, reprocessPendingDeliveries } from './inbound-journal.js';
export { chainHash, LEDGER_GENESIS } from './ledger-chain.js';
export {
  auditCsv,
  exportLedger,
  exportSubjectHistory,
  verifyLedgerChain,
  type AuditedEntry,
  type AuditExport,
  type ChainVerification,
} from './audit-export.js';
export { DEFAULT_TOKEN_TTL_SECONDS, issuePreferenceToken, verifyPreferenceToken, type PreferenceTokenClaims } from './preference-tokens.js';
export { deriveSubjectState, loadSubjectState, type CategoryState, type SubjectState } from './subject-state.js';
export { processInboundMessage, type InboundOutcome } from './process-inbound-message.js';
export { settleReview, type SettleOutcome } from './review/settle-review.js';
export type { NewReviewItem, ReviewDecision, ReviewItem, ReviewQueue } from './review/review-queue.js';
export { readWhatsAppInbound, type InboundMessage } from './whatsapp-inbound.js';
export { webhookSignature } from './whatsapp-webhook-signature.js';
export type { WhatsAppWebhookOptions } from './routes/route-context.js';
export { nodeListener, startConsentServer, type ConsentServerOptions, type RunningConsentServer } from './node-server.js';
export { auditExportThreads } from './audit-export-thread.js';
export type { AuditExportRunner } from './audit-ledger-response.js';
export { parseTrustProxy, type TrustProxy } from './client-address.js';
export {
  loadPublishedKeys,
  loadReceiverKey,
  signReceipt,
  verifyReceipt,
  type PublishedJwk,
  type PublishedKeys,
  type ReceiptClaims,
  type ReceiverKey,
  type ReceiverKeyOptions,
} from './receiver-key.js';
export { defaultKeyFile, rotateReceiptKey } from './key-file.js';
export type { ReceiptInLog } from './log/receipt-inclusion.js';
export type { ReceiptLogProof } from './log/checkpoint-publisher.js';
export { openCheckpoint, type Checkpoint } from './log/checkpoint.js';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './log/merkle-proofs.js';
export { MerkleTree, type LogView } from './log/merkle-tree.js';
export { receiptLeafHash } from './log/receipt-leaf.js';
export { parseNoteVerifier, type NoteVerifier } from './log/signed-note.js';
export { witnessOnce, type WitnessOutcome, type WitnessState } from './log/witness.js';
// The stores load their database driver when opened, not here: the handler alone needs neither.
export { SqliteConsentStore } from './sqlite-consent-store.js';
export { PostgresConsentStore, type PostgresStoreOptions } from './postgres-consent-store.js';
export { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';
export { MissingStoreDriverError } from './store-driver.js';
export { eraseSubject, ErasureUnsupportedError, type SubjectErasure } from './erasure/erase-subject.js';
export { findErasure, type ErasureFound } from './erasure/find-erasure.js';
export type { ErasureMark, ErasureReason } from './erasure/erased-entry.js';
export type { ErasureCounts, ErasureRequest, ErasureStore, SuppressionEntry } from './erasure/erasure-store.js';
export { suppressionHash, suppressionSalt, type SuppressionSalt } from './erasure/suppression-hash.js';
export { suppressionCsv, suppressionList, type SuppressedIdentifier, type SuppressionReason } from './erasure/suppression-list.js';
export { applyRetention, DEFAULT_KEEP_WITHDRAWALS_DAYS, type RetentionOptions, type RetentionOutcome } from './erasure/retention.js';
export { verifyLedger, type BrokenRow, type LedgerVerification, type VerifyLedgerOptions } from './verify-ledger.js';
export { createNonceIssuer, type IssuedNonce, type NonceIssuer, type NonceIssuerOptions } from './nonce-issuer.js';
export type { RateLimit } from './rate-limiter.js';
export type { CategoryRegistry, ConfiguredCategory } from './category-registry.js';
export { resolvePerson, type LinkedIdentity, type ResolvedPerson } from './subject-identities.js';
export {
  maySend,
  MaySendInputError,
  MAX_MAY_SEND_SUBJECTS,
  MESSAGE_TEMPLATES,
  SERVICE_WINDOW_MS,
  type MaySendAnswer,
  type MaySendBasis,
  type MaySendOptions,
  type MaySendRequest,
  type MessageTemplate,
} from './may-send.js';
export type { DerivedAnswer, DerivedCategoryRow, DerivedStateStore } from './derived-subject-state.js';
export { buildChangeEvent, changeEventId, type ChangeEvent, type ChangeEventInput, type ChangeKind, type ChangeSubject } from '../core/record/change-event.js';
export { readChanges, type ChangePage, type ReadChangesOptions } from './changes/change-feed.js';
export { notifyUrlProblem, startChangeNotifier, type ChangeNotifier, type ChangeNotifyOptions, type NotifyAttempt } from './changes/change-notifier.js';
export { NOTIFICATION_SIGNATURE_HEADER, type NotificationHeader } from './changes/notification-signature.js';
export type { ChangeDeliveryLease, ChangeDeliveryStore } from './changes/delivery-lease.js';
export { DEFAULT_MAX_RECORD_AGE_MS } from './record-admission.js';
export {
  verifyConsentRecord,
  type VerificationCode,
  type VerificationError,
  type VerificationResult,
  type VerifyOptions,
} from '../core/record/verify-consent-record.js';
export type { AttestedRecord, ConsentRecord, ProofKind, ReceiverAttestation, AttestationEvidence } from '../core/record/consent-record.js';
export { attestRecord, attestationPayload, type UnsignedAttestation } from '../core/record/attest-record.js';
export { buildThreadOptInPrompt, type BuiltThreadOptInPrompt, type ThreadOptInPromptOptions } from './thread-opt-in-prompt.js';
export {
  DEFAULT_THREAD_PROMPT_MAX_AGE_MS,
  issueThreadOptInPrompt,
  type IssuedThreadOptInPrompt,
  type IssueThreadPromptOptions,
} from './thread-prompts/issue-thread-prompt.js';
export type { IssuedThreadPrompt, ThreadPromptStore } from './thread-prompts/thread-prompt-store.js';
export type { ConversationReferral } from './conversation-referral.js';
export {
  NonCompliantPromptError,
  parseThreadPromptButtonId,
  threadPromptButtonId,
  type ThreadOptInPrompt,
  type ThreadPromptAnswer,
  type ThreadPromptMessage,
} from '../core/messages/thread-opt-in-prompt.js';
