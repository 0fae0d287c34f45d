/**
 * `POST /subjects/erase` `{"phone": "+4915123456789"}` or `{"bsuid": "US.1349…"}` (or both), behind
 * the admin token (checked by `admin-routes.ts`): erases the person's personal data and keeps a
 * salted-hash suppression entry (`erasure/erase-subject.ts`). Erasing again answers 200 with the
 * first erasure's time and changes nothing (unless records arrived since: they are erased too).
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import { eraseSubject } from '../erasure/erase-subject.js';
import { hasErasure } from '../erasure/erasure-store.js';
import { normalizeSubjectPhone } from '../phone-normalization.js';
import { subjectProblem } from '../preference-tokens.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext } from './route-context.js';

const MEMBERS = new Set(['phone', 'bsuid']);

export async function handleErasureRequest(request: Request, context: RouteContext): Promise<Response> {
  if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
  if (!hasErasure(context.store)) return errorResponse(501, 'erasure-unsupported', "this receiver's store cannot erase: use the SQLite or PostgreSQL store");
  const text = await readBodyText(request, 1024);
  if (text === undefined) return errorResponse(413, 'body-too-large', 'the body is larger than 1024 bytes or not UTF-8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"phone": "+4915123456789"} or {"bsuid": "US.1349…"} as JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorResponse(400, 'invalid-json', 'the body must be a JSON object');
  const fields = body as Record<string, unknown>;
  // A misspelt member would erase less than asked, silently: refused instead.
  const unknown = Object.keys(fields).filter((name) => !MEMBERS.has(name));
  if (unknown.length > 0) return errorResponse(422, 'subject-invalid', `unknown member ${JSON.stringify(unknown[0])}: send only phone and/or bsuid`);
  if ((fields.phone !== undefined && typeof fields.phone !== 'string') || (fields.bsuid !== undefined && typeof fields.bsuid !== 'string')) {
    return errorResponse(422, 'subject-invalid', 'phone and bsuid must be strings');
  }
  const subject: RecordSubject = {};
  if (fields.phone !== undefined) subject.phone = fields.phone as string;
  if (fields.bsuid !== undefined) subject.bsuid = fields.bsuid as string;
  const problem = subjectProblem(subject);
  if (problem) return errorResponse(422, 'subject-invalid', problem);
  const normalized = normalizeSubjectPhone(subject);
  if (!normalized.ok) return errorResponse(422, 'phone-invalid', normalized.message);
  const erasure = await eraseSubject(context.store, await context.key(), normalized.subject, { now: context.now(), reason: 'request' });
  return jsonResponse(200, { erased: true, ...erasure });
}
