/**
 * The device's signing key: a non-extractable ECDSA P-256 key pair kept in
 * IndexedDB (structured clone keeps CryptoKey objects without exposing the
 * private key), so later opt-outs from this device are signed by the same key.
 */
import { requestResult } from './indexeddb-promises.js';

const DB_NAME = 'optin-elements';
const DB_VERSION = 1;
const KEY_STORE = 'device-keys';
const KEY_ID = 'signing-key';

export function openOptinDatabase(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(KEY_STORE)) open.result.createObjectStore(KEY_STORE);
  };
  return requestResult(open);
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

let pending: Promise<CryptoKeyPair> | undefined;

async function loadOrCreate(): Promise<CryptoKeyPair> {
  let db: IDBDatabase;
  try {
    db = await openOptinDatabase();
  } catch {
    // Private modes without IndexedDB: sign with a key for this page's life only.
    return generateKeyPair();
  }
  try {
    const stored = await requestResult(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID));
    if (stored) return stored as CryptoKeyPair;
    const created = await generateKeyPair();
    // `add` fails if another tab stored a key first; then that one is the device key.
    const tx = db.transaction(KEY_STORE, 'readwrite');
    try {
      await requestResult(tx.objectStore(KEY_STORE).add(created, KEY_ID));
      return created;
    } catch {
      return (await requestResult(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID))) as CryptoKeyPair;
    }
  } finally {
    db.close();
  }
}

/** The device key pair, created on first use. */
export function getDeviceKeyPair(): Promise<CryptoKeyPair> {
  pending ??= loadOrCreate().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
