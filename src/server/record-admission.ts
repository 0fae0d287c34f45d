/**
 * What the receiver requires of a verified record beyond its signature and
 * schema, before it may enter the ledger: a real phone number in the form the
 * ledger keys people by, a real `capturedAt` within bounds, one entry per
 * category, a kind its grants agree with, well-formed Unicode everywhere, and
 * an id outside the namespace of the records the receiver makes itself.
 */
import type { ConsentRecord } from '../core/record/consent-record.js';
import { parseRfc3339 } from '../core/record/rfc3339-time.js';
import { isInboundRecordId } from './inbound-records.js';
import { normalizePhone } from './phone-normalization.js';

export interface AdmissionProblem {
  code:
    | 'phone-invalid'
    | 'captured-at-invalid'
    | 'captured-in-future'
    | 'captured-too-long-ago'
    | 'category-repeated'
    | 'kind-contradicts-grants'
    | 'text-invalid'
    | 'id-reserved';
  path: string;
  message: string;
}

export interface AdmissionBounds {
  now: Date;
  /** How far ahead of the receiver's clock `capturedAt` may be. */
  maxFutureSkewMs: number;
  /** How old `capturedAt` may be. */
  maxAgeMs: number;
}

/** 90 days: a phone left offline for weeks still delivers its queued records; a record older than a season is not today's consent. */
export const DEFAULT_MAX_RECORD_AGE_MS = 90 * 24 * 3600 * 1000;
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

// With the u flag a surrogate pair is one code point outside this range: only lone halves match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The first lone surrogate's path in any string of `value`, if any. */
function illFormedStringPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, member] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return `${path}/${key}`;
    const found = illFormedStringPath(member, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

export function admissionProblems(record: ConsentRecord, bounds: AdmissionBounds): AdmissionProblem[] {
  const problems: AdmissionProblem[] = [];
  if (isInboundRecordId(record.id)) {
    problems.push({
      code: 'id-reserved',
      path: '/id',
      message: "ids of this form (UUID version 8) are the receiver's own, for records it makes from inbound messages; use a random UUID",
    });
  }
  if (record.subject.phone !== undefined) {
    const phone = normalizePhone(record.subject.phone);
    if (!phone.ok) problems.push({ code: 'phone-invalid', path: '/subject/phone', message: phone.message });
    else if (phone.e164 !== record.subject.phone) {
      // The record is signed as it is, so the receiver cannot rewrite it: the device signs the E.164 form.
      problems.push({ code: 'phone-invalid', path: '/subject/phone', message: `the number must be signed in E.164 form: ${phone.e164}` });
    }
  }
  const capturedAt = parseRfc3339(record.capturedAt);
  if (capturedAt === undefined) {
    problems.push({ code: 'captured-at-invalid', path: '/capturedAt', message: 'capturedAt must be a real RFC 3339 date-time, e.g. 2026-03-01T09:30:00.000Z' });
  } else if (capturedAt - bounds.now.getTime() > bounds.maxFutureSkewMs) {
    problems.push({
      code: 'captured-in-future',
      path: '/capturedAt',
      message: `capturedAt is more than ${Math.round(bounds.maxFutureSkewMs / 1000)} s ahead of the receiver's clock`,
    });
  } else if (bounds.now.getTime() - capturedAt > bounds.maxAgeMs) {
    const days = Math.round(bounds.maxAgeMs / 86_400_000);
    problems.push({ code: 'captured-too-long-ago', path: '/capturedAt', message: `capturedAt is more than ${days} days before the receiver's clock` });
  }
  const seen = new Set<string>();
  record.categories.forEach((category, index) => {
    if (seen.has(category.id)) {
      problems.push({ code: 'category-repeated', path: `/categories/${index}/id`, message: `category "${category.id}" appears more than once` });
    }
    seen.add(category.id);
  });
  if (record.kind === 'opt-out' && record.categories.some((c) => c.granted)) {
    problems.push({ code: 'kind-contradicts-grants', path: '/categories', message: 'an opt-out grants nothing: every category must have granted: false' });
  }
  if (record.kind === 'opt-in' && !record.categories.some((c) => c.granted)) {
    problems.push({ code: 'kind-contradicts-grants', path: '/categories', message: 'an opt-in grants at least one category' });
  }
  const badText = illFormedStringPath(record, '');
  if (badText !== undefined) {
    problems.push({
      code: 'text-invalid',
      path: badText,
      message: 'text must be well-formed Unicode (a lone surrogate was found): the text is hashed exactly as shown',
    });
  }
  return problems;
}

/** A withdrawal: it stops and grants nothing. Never filtered, never limited with grants. */
export function isWithdrawal(record: { kind?: unknown; categories?: unknown }): boolean {
  if (record.kind === 'opt-out') return true;
  const categories = Array.isArray(record.categories) ? record.categories : [];
  return record.kind === 'preferences' && categories.length > 0 && categories.every((c) => (c as { granted?: unknown })?.granted === false);
}
