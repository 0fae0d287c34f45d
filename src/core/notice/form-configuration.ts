/** Reads the form's attributes into a checked configuration, reporting problems instead of throwing. */
import { type CategoryConfig, parseCategories } from './categories.js';
import { VARIANT_PATTERN } from '../record/campaign-attribution.js';
import type { CollectionSource } from '../record/consent-record.js';
import { isPageSource, pageSources } from '../record/page-source.js';
import { type Frequency, parseFrequency } from './frequency.js';
import { type Jurisdiction, isJurisdiction } from '../policy/choose-profile.js';
import { COMPLIANCE_MODES, type ComplianceMode } from '../policy/assess-compliance.js';
import type { FormConfiguration } from '../policy/policy-types.js';
import { PROFILE_IDS } from '../policy/profiles.js';
import { BSUID_PATTERN, CHANNEL_PATTERN } from '../phone/identifier-patterns.js';

export interface FormAttributes {
  businessName: string;
  endpoint: string;
  categories: unknown;
  channel: string;
  /** Comma list of channels, each with its own boxes and record; overrides `channel` when set. */
  channels?: string;
  privacyUrl: string;
  termsUrl: string;
  frequency: string;
  source: string;
  bsuid: string;
  jurisdiction: string;
  compliance: string;
  /** CASL sender details and where the business is established; optional for callers that predate them. */
  businessAddress?: string;
  businessContact?: string;
  businessCountry?: string;
  variant?: string;
  successUrl?: string;
}

export interface ConfigurationProblem {
  /** The attribute to fix. */
  attribute: string;
  message: string;
  /** The compliance rule id, when the problem is a failed rule rather than a malformed attribute. */
  rule?: string;
}

export interface CheckedConfiguration extends FormConfiguration {
  /** The channels offered, in order: `[channel]` unless `channels` lists several. */
  channels: string[];
  categories: CategoryConfig[];
  termsUrl?: string;
  frequency?: Frequency;
  source: CollectionSource;
  bsuid?: string;
  jurisdiction: Jurisdiction;
  compliance: ComplianceMode;
  /** The A/B variant recorded in `collection.variant`. */
  variant?: string;
  /** Where to go after success. */
  successUrl?: string;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;
const BSUID = BSUID_PATTERN;
const CHANNEL = CHANNEL_PATTERN;

function absoluteHttpUrl(value: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(value, baseUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function readFormConfiguration(attributes: FormAttributes, baseUrl: string): { config: CheckedConfiguration; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const problem = (attribute: string, message: string) => problems.push({ attribute, message });

  const businessName = attributes.businessName.trim();
  if (!businessName) problem('business-name', 'business-name is required: set it to the name people know your business by.');

  const endpoint = attributes.endpoint.trim() ? absoluteHttpUrl(attributes.endpoint.trim(), baseUrl) : undefined;
  if (!attributes.endpoint.trim()) problem('endpoint', 'endpoint is required: set it to the URL that receives consent records, e.g. endpoint="/consents".');
  else if (!endpoint) problem('endpoint', `endpoint "${attributes.endpoint}" is not an http(s) URL.`);

  const parsed = parseCategories(attributes.categories);
  for (const message of parsed.problems) problem('categories', message);
  if (parsed.categories.length === 0 && parsed.problems.length === 0) {
    problem('categories', 'categories is required: list the kinds of messages you will send, e.g. categories="offers,order-updates".');
  }

  const listed = [
    ...new Set(
      (attributes.channels ?? '')
        .toLowerCase()
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  for (const name of listed) if (!CHANNEL.test(name)) problem('channels', `channels: "${name}" must be a name such as "whatsapp" or "sms".`);
  const valid = listed.filter((name) => CHANNEL.test(name));
  const channel = valid[0] ?? (attributes.channel.trim().toLowerCase() || 'whatsapp');
  if (!CHANNEL.test(channel)) problem('channel', `channel "${attributes.channel}" must be a name such as "whatsapp" or "sms".`);
  const channels = valid.length ? valid : [channel];

  const privacyUrl = attributes.privacyUrl.trim() ? absoluteHttpUrl(attributes.privacyUrl.trim(), baseUrl) : undefined;
  if (attributes.privacyUrl.trim() && !privacyUrl) problem('privacy-url', `privacy-url "${attributes.privacyUrl}" is not an http(s) URL.`);
  const termsUrl = attributes.termsUrl.trim() ? absoluteHttpUrl(attributes.termsUrl.trim(), baseUrl) : undefined;
  if (attributes.termsUrl.trim() && !termsUrl) problem('terms-url', `terms-url "${attributes.termsUrl}" is not an http(s) URL.`);

  const frequency = parseFrequency(attributes.frequency);
  if (attributes.frequency.trim() && !frequency) {
    problem('frequency', `frequency "${attributes.frequency}" must look like "4/month" (a count, "/", and day, week, month or year).`);
  }

  const source = (attributes.source.trim() || 'website') as CollectionSource;
  if (!isPageSource(source)) {
    problem('source', `source "${attributes.source}" must be one of ${pageSources().join(', ')}.`);
  }

  const bsuid = attributes.bsuid.trim() || undefined;
  if (bsuid && !BSUID.test(bsuid)) problem('bsuid', `bsuid "${bsuid}" is not a Business-Scoped User ID such as "US.13491208655302741918".`);

  const jurisdiction = attributes.jurisdiction.trim().toLowerCase() || 'auto';
  if (!isJurisdiction(jurisdiction)) {
    problem('jurisdiction', `jurisdiction "${attributes.jurisdiction}" must be "auto" or one of ${PROFILE_IDS.join(', ')}.`);
  } else if (jurisdiction === 'sms-us' && channels.some((name) => name !== 'sms')) {
    problem(
      'jurisdiction',
      `jurisdiction "sms-us" applies to channel="sms" only; use "auto" or another profile for "${channels.find((name) => name !== 'sms')}".`,
    );
  }

  const compliance = (attributes.compliance.trim().toLowerCase() || 'strict') as ComplianceMode;
  if (!COMPLIANCE_MODES.includes(compliance)) {
    problem('compliance', `compliance "${attributes.compliance}" must be "strict" (default) or "warn".`);
  }

  const businessCountry = (attributes.businessCountry ?? '').trim().toUpperCase() || undefined;
  if (businessCountry && !COUNTRY_CODE.test(businessCountry)) {
    problem('business-country', `business-country "${attributes.businessCountry}" must be a country code such as "DE".`);
  }
  const variant = (attributes.variant ?? '').trim() || undefined;
  if (variant && !VARIANT_PATTERN.test(variant)) problem('variant', `variant "${attributes.variant}" may hold letters, digits, "_", "." and "-" only.`);
  const successUrl = attributes.successUrl?.trim() ? absoluteHttpUrl(attributes.successUrl.trim(), baseUrl) : undefined;
  if (attributes.successUrl?.trim() && !successUrl) problem('success-url', `success-url "${attributes.successUrl}" is not an http(s) URL.`);
  const businessAddress = (attributes.businessAddress ?? '').trim() || undefined;
  const businessContact = (attributes.businessContact ?? '').trim() || undefined;

  return {
    config: {
      businessAddress,
      businessContact,
      successUrl,
      variant: variant && VARIANT_PATTERN.test(variant) ? variant : undefined,
      // A malformed code must not silently lower the profile: treat it as unknown, which is
      // reported above and blocks the form.
      businessCountry: businessCountry && COUNTRY_CODE.test(businessCountry) ? businessCountry : undefined,
      businessName,
      endpoint: endpoint ?? '',
      channel,
      channels,
      categories: parsed.categories,
      privacyUrl,
      termsUrl,
      frequency,
      source: isPageSource(source) ? source : 'website',
      bsuid: bsuid && BSUID.test(bsuid) ? bsuid : undefined,
      hasBsuid: Boolean(bsuid && BSUID.test(bsuid)),
      jurisdiction: isJurisdiction(jurisdiction) ? jurisdiction : 'strictest',
      compliance: COMPLIANCE_MODES.includes(compliance) ? compliance : 'strict',
    },
    problems,
  };
}
