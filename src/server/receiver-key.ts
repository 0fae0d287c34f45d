/** The receiver's own ES256 key: signs receipts, published at `/.well-known/jwks.json`. */
import { exportPublicJwk, jwkThumbprint, type PublicEcJwk } from '../core/detached-jws.js';
import { base64UrlDecode, base64UrlEncode, utf8Bytes } from '../core/encoding.js';
import type { ConsentStore } from './consent-store.js';
import { platformEs256Signer } from './platform-crypto.js';
import { createReceiptVerifier } from './receipt-verifier.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface ReceiverKey {
  privateKey: CryptoKey;
  /** The private scalar's bytes: a stable secret other keys (the nonce MAC) are derived from. Never leaves the receiver. */
  secret: Uint8Array<ArrayBuffer>;
  publicJwk: PublicEcJwk & { kid: string; alg: 'ES256'; use: 'sig' };
}

/** Loads the key saved in the store, creating and saving one on first start. */
export async function loadReceiverKey(store: ConsentStore): Promise<ReceiverKey> {
  let privateJwk = await store.loadServerKey();
  if (!privateJwk) {
    const created = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
    privateJwk = await store.saveServerKey(await crypto.subtle.exportKey('jwk', created.privateKey));
  }
  const privateKey = await crypto.subtle.importKey('jwk', privateJwk, ECDSA_P256, false, ['sign']);
  const { d: _d, key_ops: _ops, ...publicMembers } = privateJwk;
  const publicKey = await crypto.subtle.importKey('jwk', { ...publicMembers, ext: true }, ECDSA_P256, true, ['verify']);
  const publicJwk = await exportPublicJwk(publicKey);
  const secret = base64UrlDecode(privateJwk.d ?? '') ?? new Uint8Array();
  return { privateKey, secret, publicJwk: { ...publicJwk, kid: await jwkThumbprint(publicJwk), alg: 'ES256', use: 'sig' } };
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
    signer =
      platformEs256Signer(privateKey) ??
      (async (data) => new Uint8Array(await crypto.subtle.sign(ES256, privateKey, data)));
    signers.set(privateKey, signer);
  }
  return signer;
}

/** A compact JWS (`header.payload.signature`) over the receipt claims. */
export async function signReceipt(key: ReceiverKey, claims: ReceiptClaims): Promise<string> {
  const header = base64UrlEncode(utf8Bytes(JSON.stringify({ alg: 'ES256', kid: key.publicJwk.kid, typ: 'optin-receipt+jws' })));
  const payload = base64UrlEncode(utf8Bytes(JSON.stringify(claims)));
  const signature = await signerFor(key.privateKey)(utf8Bytes(`${header}.${payload}`));
  return `${header}.${payload}.${base64UrlEncode(signature)}`;
}

/** Checks a receipt against the receiver's published public key; returns its claims or `undefined`. */
export function verifyReceipt(receipt: string, publicJwk: PublicEcJwk): Promise<ReceiptClaims | undefined> {
  return createReceiptVerifier(publicJwk)(receipt);
}
