/** `optin-elements/server`: verify and store consent records. */
export {
  createConsentHandler,
  type ConsentHandler,
  type ConsentHandlerOptions,
  type ConsentRequestContext,
} from './consent-handler.js';
export type { ConsentStore, LedgerEntry, NewLedgerEntry } from './consent-store.js';
export { chainHash, LEDGER_GENESIS } from './ledger-chain.js';
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
export type { ConsentRecord } from '../core/consent-record.js';
