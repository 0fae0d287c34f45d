import type {
  CollectionSource,
  RecordCategory,
  NonceUnavailableReason,
  RecordKind,
  RecordPolicy,
  RecordSubject,
  UnsignedConsentRecord,
} from './consent-record.js';
import { campaignFromUrl } from './campaign-attribution.js';
import { sha256Hex } from './encoding.js';
import { WIDGET_VERSION } from '../version.js';

export interface ConsentRecordInput {
  kind: RecordKind;
  subject: RecordSubject;
  business: { name: string; privacyUrl?: string | null; termsUrl?: string | null };
  channel: string;
  categories: RecordCategory[];
  /** The locale and exact text the person saw. */
  notice: { locale: string; text: string };
  source: CollectionSource;
  pageUrl: string;
  policy: RecordPolicy;
  nonce?: string;
  /** Why there is no nonce although one was asked for. */
  nonceUnavailable?: NonceUnavailableReason;
  /** Milliseconds from the form being shown to being submitted. */
  fillMs?: number;
  /** The hidden honeypot field was filled in. */
  honeypot?: boolean;
  /** The form's A/B variant. */
  variant?: string;
  /** On a shop's tablet: the staff member and the shop (or till), as the business names them. */
  staffId?: string;
  locationId?: string;
  /** For tests and replays; defaults to a fresh UUID and the current time. */
  id?: string;
  capturedAt?: Date;
}

/** Page URLs can carry personal data in the query or fragment (e.g. `?phone=`): keep origin and path only. */
export function stripUrlToPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

export async function buildConsentRecord(input: ConsentRecordInput): Promise<UnsignedConsentRecord> {
  const subject: RecordSubject = {};
  if (input.subject.phone) subject.phone = input.subject.phone;
  if (input.subject.bsuid) subject.bsuid = input.subject.bsuid;
  const business: UnsignedConsentRecord['business'] = {
    name: input.business.name,
    privacyUrl: input.business.privacyUrl ?? null,
  };
  if (input.business.termsUrl) business.termsUrl = input.business.termsUrl;
  const record: UnsignedConsentRecord = {
    version: 1,
    id: input.id ?? crypto.randomUUID(),
    kind: input.kind,
    capturedAt: (input.capturedAt ?? new Date()).toISOString(),
    subject,
    business,
    channel: input.channel,
    categories: input.categories.map(({ id, label, granted, templateCategory }) =>
      templateCategory ? { id, label, granted, templateCategory } : { id, label, granted },
    ),
    notice: { locale: input.notice.locale, text: input.notice.text, sha256: await sha256Hex(input.notice.text) },
    collection: { source: input.source, pageUrl: stripUrlToPath(input.pageUrl), widgetVersion: WIDGET_VERSION },
    policy: { profile: input.policy.profile, checks: input.policy.checks.map(({ id, passed }) => ({ id, passed })) },
  };
  if (input.fillMs !== undefined) record.collection.fillMs = Math.max(0, Math.round(input.fillMs));
  if (input.honeypot) record.collection.honeypot = true;
  // Read before the query is stripped from pageUrl: only the campaign parameters survive.
  const campaign = campaignFromUrl(input.pageUrl);
  if (campaign) record.collection.campaign = campaign;
  if (input.variant) record.collection.variant = input.variant;
  if (input.staffId) record.collection.staffId = input.staffId;
  if (input.locationId) record.collection.locationId = input.locationId;
  if (input.nonce) record.nonce = input.nonce;
  else if (input.nonceUnavailable) record.nonceUnavailable = input.nonceUnavailable;
  return record;
}
