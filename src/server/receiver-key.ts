/**
 * The receiver's keys: ES256 receipt keys (published at `/.well-known/jwks.json`,
 * earlier ones kept after a rotation) and the Ed25519 log key that signs
 * checkpoints. They live in a key file (key-file.ts), never in the ledger database.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { PublicEcJwk } from '../core/record/detached-jws.js';
import { base64UrlDecode, utf8Bytes } from '../core/record/encoding.js';
import type { ConsentStore } from './consent-store.js';
import { createKeyFile, defaultKeyFile, type KeyFileContents, newLogKey, newReceiptKey, readKeyFile, writeKeyFile } from './key-file.js';
import { type NoteVerifier, noteVerifier } from './log/signed-note.js';
import { platformEs256Signer } from './platform-crypto.js';
import { receiptJws, receiptSigningInput } from './receipt-jws.js';
import { createReceiptVerifier, type ReceiptVerification } from './receipt-verifier.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export type PublishedJwk = PublicEcJwk & { kid: string; alg: 'ES256'; use: 'sig' };

export interface LogKey {
  /** The checkpoint origin line, also the note key name. */
  origin: string;
  privateKey: KeyObject;
  rawPublicKey: Uint8Array;
  /** Verifier key, `origin+hash+key`: what a witness or an auditor pins. */
  verifier: NoteVerifier;
}

export interface ReceiverKey {
  privateKey: CryptoKey;
  /** A stable secret other keys (the nonce MAC) are derived from: the oldest receipt key's private scalar, so a rotation does not void nonces. Never leaves the receiver. */
  secret: Uint8Array<ArrayBuffer>;
  /** The key that signs receipts now. */
  publicJwk: PublishedJwk;
  /** Every receipt key still published, the signing one first. */
  publishedJwks: PublishedJwk[];
  log: LogKey;
  /** Where the keys are kept (`undefined`: a store without a file and no `keyFile`, see `loadReceiverKey`). */
  keyFile?: string;
}

/** Every receipt key id the receiver still publishes: records it signed with any of them are its own. */
export function receiverKidsOf(key: ReceiverKey): string[] {
  return key.publishedJwks.map((k) => k.kid);
}

export interface ReceiverKeyOptions {
  /** The key file; default beside the store's database file (`consents.db` → `consents.keys.json`). */
  keyFile?: string;
}

function publishedJwk(jwk: JsonWebKey & { kid?: string }, kid: string): PublishedJwk {
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid, alg: 'ES256', use: 'sig' };
}

function logKeyOf(log: KeyFileContents['log']): LogKey {
  const privateKey = createPrivateKey({ key: log.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const rawPublicKey = new Uint8Array(Buffer.from(log.privateJwk.x!, 'base64url'));
  return { origin: log.origin, privateKey, rawPublicKey, verifier: noteVerifier(log.origin, rawPublicKey) };
}

async function receiverKeyOf(contents: KeyFileContents, keyFile: string | undefined): Promise<ReceiverKey> {
  const [signing] = contents.receiptKeys;
  const privateKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: signing.x, y: signing.y, d: signing.d }, ECDSA_P256, false, ['sign']);
  const oldest = contents.receiptKeys[contents.receiptKeys.length - 1];
  return {
    privateKey,
    secret: base64UrlDecode(oldest.d ?? '') ?? new Uint8Array(),
    publicJwk: publishedJwk(signing, signing.kid),
    publishedJwks: contents.receiptKeys.map((k) => publishedJwk(k, k.kid)),
    log: logKeyOf(contents.log),
    keyFile,
  };
}

/**
 * Loads the receiver's keys from the key file, creating it on first start.
 * A ledger made before keys moved out of the database has its key in the
 * store: it is written into the file first (as the signing key of a new file,
 * or kept as an earlier key), then removed from the store, so nothing is lost.
 * A store with no file (in memory, or a server database) and no `keyFile`
 * keeps the older behaviour: the key in the store, the log key derived from it.
 */
export async function loadReceiverKey(store: ConsentStore, options: ReceiverKeyOptions = {}): Promise<ReceiverKey> {
  const keyFile = options.keyFile ?? (store.location ? defaultKeyFile(store.location) : undefined);
  const legacy = await store.loadServerKey();
  if (!keyFile) return receiverKeyOf(await keysKeptInStore(store, legacy), undefined);
  let contents = readKeyFile(keyFile);
  if (!contents) {
    if (!legacy) await refuseNewKeyForOldRecords(store, `there is no key file at ${keyFile}`);
    contents = createKeyFile(keyFile, { format: 'optin-elements-keys/1', receiptKeys: [await newReceiptKey(legacy)], log: newLogKey() });
  }
  if (legacy) {
    const moved = await newReceiptKey(legacy);
    if (!contents.receiptKeys.some((k) => k.kid === moved.kid)) {
      contents = { ...contents, receiptKeys: [...contents.receiptKeys, moved] };
      writeKeyFile(keyFile, contents);
    }
  }
  // Only once the file holds it (written and synced) does the key leave the database.
  if (legacy) await store.removeServerKey?.();
  return receiverKeyOf(contents, keyFile);
}

/**
 * A key is made only for a ledger without records. For one that has records, a new key would sign
 * receipts that no longer verify against the key that signed the earlier ones, with nothing in
 * the JWKS to say why: the key file was lost or not passed, and silence would hide it.
 */
async function refuseNewKeyForOldRecords(store: ConsentStore, missing: string): Promise<void> {
  const [first] = await store.list({ limit: 1 });
  if (!first) return;
  throw new Error(
    `this ledger already holds records, but ${missing} (and no key in the database): a new key would sign receipts ` +
      'that do not verify against the key of the earlier ones. Start with --key-file FILE naming the key file this ' +
      "ledger's receiver created (restore it from its backup); to change keys, use optin-elements rotate-key on that file.",
  );
}

async function keysKeptInStore(store: ConsentStore, legacy: JsonWebKey | undefined): Promise<KeyFileContents> {
  if (!legacy) await refuseNewKeyForOldRecords(store, 'no --key-file was given');
  const jwk =
    legacy ??
    (await store.saveServerKey(await crypto.subtle.exportKey('jwk', (await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])).privateKey)));
  const receiptKey = await newReceiptKey(jwk);
  // Ed25519 seed derived from the stored key, so the log key is as stable as the receipt key.
  const seed = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: utf8Bytes('optin-elements log key') },
      await crypto.subtle.importKey('raw', base64UrlDecode(jwk.d ?? '')!, 'HKDF', false, ['deriveBits']),
      256,
    ),
  );
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateJwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }) as JsonWebKey;
  const origin = `optin-elements.invalid/log/${Buffer.from(privateJwk.x!, 'base64url').toString('hex').slice(0, 16)}`;
  return { format: 'optin-elements-keys/1', receiptKeys: [receiptKey], log: { origin, privateJwk } };
}

/** What checking a ledger needs: every public key, no private one. */
export interface PublishedKeys {
  receiptKeys: PublishedJwk[];
  log?: NoteVerifier;
}

/**
 * The public keys of a ledger, for verification only: from the key file (by
 * default beside the database), plus a key still in an unmigrated database.
 * Never creates or changes anything.
 */
export async function loadPublishedKeys(store: ConsentStore, options: ReceiverKeyOptions = {}): Promise<PublishedKeys> {
  const keyFile = options.keyFile ?? (store.location ? defaultKeyFile(store.location) : undefined);
  const contents = keyFile ? readKeyFile(keyFile) : undefined;
  const legacy = await store.loadServerKey();
  const receiptKeys = contents?.receiptKeys.map((k) => publishedJwk(k, k.kid)) ?? [];
  if (legacy) {
    const moved = await newReceiptKey(legacy);
    if (!receiptKeys.some((k) => k.kid === moved.kid)) receiptKeys.push(publishedJwk(moved, moved.kid));
  }
  let log = contents ? logKeyOf(contents.log).verifier : undefined;
  if (!contents && legacy) log = logKeyOf((await keysKeptInStore(store, legacy)).log).verifier;
  return { receiptKeys, log };
}

export interface ReceiptClaims {
  /** The record id. */
  id: string;
  /** SHA-256 of the record's canonical form. */
  recordHash: string;
  /** When the receiver accepted it (authoritative). */
  receivedAt: string;
  /** `preference-token`: the record came with a valid preference token for its subject (the person's authority for a grant). */
  authority?: 'preference-token';
}

type Es256Signer = (data: Uint8Array<ArrayBuffer>) => Uint8Array | Promise<Uint8Array>;
const signers = new WeakMap<CryptoKey, Es256Signer>();

function signerFor(privateKey: CryptoKey): Es256Signer {
  let signer = signers.get(privateKey);
  if (!signer) {
    signer = platformEs256Signer(privateKey) ?? (async (data) => new Uint8Array(await crypto.subtle.sign(ES256, privateKey, data)));
    signers.set(privateKey, signer);
  }
  return signer;
}

/** An ES256 signature (`r || s`) by the receipt key that signs now: receipts, change notifications. */
export async function signWithReceiptKey(key: ReceiverKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return signerFor(key.privateKey)(data);
}

/** A compact JWS (`header.payload.signature`) over the receipt claims. */
export async function signReceipt(key: ReceiverKey, claims: ReceiptClaims): Promise<string> {
  const input = receiptSigningInput(key.publicJwk.kid, claims);
  return receiptJws(input, await signerFor(key.privateKey)(utf8Bytes(input)));
}

/**
 * Checks a receipt against the receiver's published keys (one JWK, or the JWKS's
 * `keys`: the one named by the receipt's `kid` is used); returns its claims or
 * `undefined`. With `inLog`, the receipt must also be the leaf at `leafIndex` of
 * the log whose checkpoint (signed by `logKey`) is given, by its inclusion proof.
 */
export function verifyReceipt(receipt: string, keys: PublicEcJwk | readonly PublicEcJwk[], inLog?: ReceiptVerification): Promise<ReceiptClaims | undefined> {
  return createReceiptVerifier(keys)(receipt, inLog);
}
