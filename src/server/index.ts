/** `optin-elements/server`: verify and store consent records. */
export {
  createConsentHandler,
  type ConsentHandler,
  type ConsentHandlerOptions,
  type ConsentRequestContext,
} from './consent-handler.js';
export type { ConsentStore, LedgerEntry, NewLedgerEntry } from './consent-store.js';
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
export {
  DEFAULT_TOKEN_TTL_SECONDS,
  issuePreferenceToken,
  verifyPreferenceToken,
  type PreferenceTokenClaims,
} from './preference-tokens.js';
export { deriveSubjectState, loadSubjectState, type CategoryState, type SubjectState } from './subject-state.js';
export { processInboundMessage, type InboundOutcome } from './process-inbound-message.js';
export { readWhatsAppInbound, type InboundMessage } from './whatsapp-inbound.js';
export { webhookSignature } from './routes/whatsapp-webhook-route.js';
export type { WhatsAppWebhookOptions } from './routes/route-context.js';
export { nodeListener, startConsentServer, type ConsentServerOptions, type RunningConsentServer } from './node-server.js';
export { loadReceiverKey, signReceipt, verifyReceipt, type ReceiptClaims, type ReceiverKey } from './receiver-key.js';
export { SqliteConsentStore } from './sqlite-consent-store.js';
export { verifyLedger, type BrokenRow, type LedgerVerification } from './verify-ledger.js';
export { createNonceIssuer, type IssuedNonce, type NonceIssuer, type NonceIssuerOptions } from './nonce-issuer.js';
export type { RateLimit } from './rate-limiter.js';
export {
  verifyConsentRecord,
  type VerificationCode,
  type VerificationError,
  type VerificationResult,
  type VerifyOptions,
} from '../core/verify-consent-record.js';
export type {
  AttestedRecord,
  ConsentRecord,
  ProofKind,
  ReceiverAttestation,
  AttestationEvidence,
} from '../core/consent-record.js';
export { attestRecord, attestationPayload, type UnsignedAttestation } from '../core/attest-record.js';
export { buildThreadOptInPrompt, type BuiltThreadOptInPrompt, type ThreadOptInPromptOptions } from './thread-opt-in-prompt.js';
export {
  NonCompliantPromptError,
  parseThreadPromptButtonId,
  threadPromptButtonId,
  type ThreadOptInPrompt,
  type ThreadPromptAnswer,
  type ThreadPromptMessage,
} from '../core/thread-opt-in-prompt.js';
