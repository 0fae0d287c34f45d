import { canonicalize } from './canonical-json.js';
import { attestationPayload } from './attest-record.js';
import type { ConsentRecord, ProofKind } from './consent-record.js';
import { consentRecordSchema } from './consent-record-schema.js';
import { type JwsFailure, verifyDetached } from './detached-jws.js';
import { hex, utf8Bytes } from './encoding.js';
import { validateJsonSchema } from './json-schema.js';
import { type VerificationCrypto, webVerificationCrypto } from './verification-crypto.js';

export type VerificationCode =
  'not-json-object' | 'schema-invalid' | 'notice-hash-mismatch' | 'captured-in-future' | 'captured-too-long-ago' | 'attester-unknown' | JwsFailure;

export interface VerificationError {
  code: VerificationCode;
  message: string;
  /** JSON Pointer of the offending member, when there is one. */
  path?: string;
}

export type VerificationResult =
  | {
      ok: true;
      record: ConsentRecord;
      /** Signed on the person's device (`proof.jws`), or attested by a receiver (`proof.attestation`). */
      proofKind: ProofKind;
      /** RFC 7638 thumbprint of the key that signed it: the device's, or for an attested record the receiver's. */
      keyThumbprint: string;
      /** Lowercase hex SHA-256 of the record's canonical form, `proof` included. */
      recordHash: string;
    }
  | { ok: false; errors: VerificationError[] };

export interface VerifyOptions {
  /** The verifier's clock; defaults to now. */
  now?: Date;
  /** How far in the future `capturedAt` may be (device clocks drift). Default 5 minutes. */
  maxFutureSkewMs?: number;
  /** How old `capturedAt` may be. Default: no limit (records queued offline arrive late). */
  maxAgeMs?: number;
  /** SHA-256 and ES256 verification; default WebCrypto. The receiver on Node passes faster ones. */
  crypto?: VerificationCrypto;
  /**
   * Thumbprints (the `kid`s of `/.well-known/jwks.json`) of the receivers whose
   * attestations are trusted. Without it an attested record is checked against
   * the key in its own header only, and the caller must compare `keyThumbprint`.
   */
  attesterThumbprints?: readonly string[];
}

const FIVE_MINUTES = 5 * 60 * 1000;

/**
 * Checks a consent record: schema, notice hash, signature (ES256 with the
 * embedded public key only) and clock skew. Never throws on bad input; every
 * failure comes back with a code, a message and, where it applies, the path.
 */
export async function verifyConsentRecord(record: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, errors: [{ code: 'not-json-object', message: 'the record must be a JSON object' }] };
  }
  const violations = validateJsonSchema(record, consentRecordSchema);
  if (violations.length > 0) {
    return {
      ok: false,
      errors: violations.map((v) => ({ code: 'schema-invalid', path: v.path, message: `${v.path || 'record'} ${v.message}` })),
    };
  }
  const candidate = record as ConsentRecord;
  const errors: VerificationError[] = [];
  const primitives = options.crypto ?? webVerificationCrypto;
  const sha256Hex = async (text: string) => hex(await primitives.sha256(utf8Bytes(text)));

  if ((await sha256Hex(candidate.notice.text)) !== candidate.notice.sha256) {
    errors.push({
      code: 'notice-hash-mismatch',
      path: '/notice/sha256',
      message: 'notice.sha256 is not the SHA-256 of notice.text: the text shown was changed',
    });
  }

  const now = (options.now ?? new Date()).getTime();
  const capturedAt = Date.parse(candidate.capturedAt);
  const maxFuture = options.maxFutureSkewMs ?? FIVE_MINUTES;
  if (Number.isNaN(capturedAt) || capturedAt - now > maxFuture) {
    errors.push({
      code: 'captured-in-future',
      path: '/capturedAt',
      message: `capturedAt is more than ${Math.round(maxFuture / 1000)} s ahead of the verifier's clock`,
    });
  } else if (options.maxAgeMs !== undefined && now - capturedAt > options.maxAgeMs) {
    errors.push({ code: 'captured-too-long-ago', path: '/capturedAt', message: 'capturedAt is older than allowed' });
  }

  const canonical = canonicalForms(candidate);
  const proofKind: ProofKind = 'attestation' in candidate.proof ? 'receiver-attested' : 'device-signed';
  const signature =
    'attestation' in candidate.proof
      ? await verifyDetached(candidate.proof.attestation.jws, attestationPayload(candidate, candidate.proof.attestation), primitives)
      : await verifyDetached(candidate.proof.jws, utf8Bytes(canonical.withoutProof), primitives);
  const signaturePath = proofKind === 'receiver-attested' ? '/proof/attestation/jws' : '/proof/jws';
  if (!signature.ok) errors.push({ code: signature.reason, path: signaturePath, message: signature.message });
  else if (proofKind === 'receiver-attested' && options.attesterThumbprints && !options.attesterThumbprints.includes(signature.thumbprint)) {
    errors.push({
      code: 'attester-unknown',
      path: signaturePath,
      message: "the attestation is signed by a key that is not one of the trusted receivers' keys",
    });
  }

  if (errors.length > 0 || !signature.ok) return { ok: false, errors };
  return {
    ok: true,
    record: candidate,
    proofKind,
    keyThumbprint: signature.thumbprint,
    recordHash: await sha256Hex(canonical.withProof),
  };
}

/**
 * `canonicalize(record)` and the signed bytes' text, `canonicalize(record without proof)`
 * (see `signingPayload`), from one pass over the record's members: the same output, each member
 * canonicalized once.
 */
function canonicalForms(record: ConsentRecord): { withProof: string; withoutProof: string } {
  const members = record as unknown as Record<string, unknown>;
  let withProof = '';
  let withoutProof = '';
  for (const key of Object.keys(members).sort()) {
    if (members[key] === undefined) continue;
    const member = `${JSON.stringify(key)}:${canonicalize(members[key])}`;
    withProof += withProof ? `,${member}` : member;
    if (key !== 'proof') withoutProof += withoutProof ? `,${member}` : member;
  }
  return { withProof: `{${withProof}}`, withoutProof: `{${withoutProof}}` };
}
