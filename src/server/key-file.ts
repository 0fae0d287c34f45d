/**
 * The receiver's private keys, kept in their own file (mode 0600) and never in
 * the ledger database: whoever copies or restores the database does not get
 * them, and the log's checkpoints stay meaningful to someone who only trusts
 * what they saved. The file holds the receipt keys (ES256; the first signs,
 * the others are kept so receipts they signed still verify) and the log key
 * (Ed25519) that signs checkpoints.
 */
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { jwkThumbprint, type PublicEcJwk } from '../core/record/detached-jws.js';
import { validKeyName } from './log/signed-note.js';

export const KEY_FILE_FORMAT = 'optin-elements-keys/1';

export interface KeyFileContents {
  format: typeof KEY_FILE_FORMAT;
  /** Private ES256 JWKs with `kid`; the first one signs receipts. */
  receiptKeys: Array<JsonWebKey & { kid: string; createdAt: string }>;
  /** The log key: checkpoint origin (its note key name) and the private Ed25519 JWK. */
  log: { origin: string; privateJwk: JsonWebKey };
}

/** `consents.db` → `consents.keys.json`, in the same folder. */
export function defaultKeyFile(databaseFile: string): string {
  return join(dirname(databaseFile), `${basename(databaseFile, extname(databaseFile))}.keys.json`);
}

export async function newReceiptKey(privateJwk?: JsonWebKey): Promise<KeyFileContents['receiptKeys'][number]> {
  const jwk =
    privateJwk ??
    (await crypto.subtle.exportKey('jwk', (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])).privateKey));
  const { kty, crv, x, y, d } = jwk;
  const kid = await jwkThumbprint({ kty, crv, x, y } as PublicEcJwk);
  return { kty, crv, x, y, d, kid, createdAt: new Date().toISOString() };
}

export function newLogKey(): KeyFileContents['log'] {
  const privateJwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as JsonWebKey;
  // A schema-less URL naming this log, as C2SP recommends; unique because it carries part of the key.
  const origin = `optin-elements.invalid/log/${Buffer.from(privateJwk.x!, 'base64url').toString('hex').slice(0, 16)}`;
  return { origin, privateJwk };
}

/** The file's contents, or `undefined` when there is no file. Throws a sentence naming the file for anything unreadable. */
export function readKeyFile(path: string): KeyFileContents | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`key file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its owner and permissions`);
  }
  let contents: KeyFileContents;
  try {
    contents = JSON.parse(text) as KeyFileContents;
  } catch {
    throw new Error(`key file ${path} is not JSON: restore it from your backup (the receiver cannot sign without it)`);
  }
  const keysOk = Array.isArray(contents.receiptKeys) && contents.receiptKeys.length > 0 && contents.receiptKeys.every((k) => k.kty === 'EC' && k.d && k.kid);
  if (contents.format !== KEY_FILE_FORMAT || !keysOk || contents.log?.privateJwk?.crv !== 'Ed25519' || !validKeyName(contents.log.origin ?? '')) {
    throw new Error(`key file ${path} is not an ${KEY_FILE_FORMAT} key file`);
  }
  return contents;
}

function writeTemporary(path: string, contents: KeyFileContents): string {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(contents, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

/**
 * Creates the file only if there is none: two receivers starting together on one
 * database must not each write their own key. Returns what the file holds afterwards.
 */
export function createKeyFile(path: string, contents: KeyFileContents): KeyFileContents {
  const temporary = writeTemporary(path, contents);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new Error(`key file ${path} cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  } finally {
    unlinkSync(temporary);
  }
  syncFolder(path);
  return readKeyFile(path)!;
}

/** Writes the whole file atomically (a temporary file, synced, renamed over it), readable by its owner only. */
export function writeKeyFile(path: string, contents: KeyFileContents): void {
  renameSync(writeTemporary(path, contents), path);
  syncFolder(path);
}

function syncFolder(path: string): void {
  try {
    const dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Some platforms cannot sync a directory; the rename is still atomic.
  }
}

/** Puts a new receipt key first; the earlier ones stay, so their receipts still verify. Returns the new key id. */
export async function rotateReceiptKey(path: string): Promise<string> {
  const contents = readKeyFile(path);
  if (!contents) throw new Error(`no key file at ${path}`);
  const key = await newReceiptKey();
  writeKeyFile(path, { ...contents, receiptKeys: [key, ...contents.receiptKeys] });
  return key.kid;
}
