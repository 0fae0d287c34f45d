/** Reads `<optin-preferences>` attributes into a checked configuration, reporting problems instead of throwing. */
import { type CategoryConfig, parseCategories } from './categories.js';
import type { RecordSubject } from '../record/consent-record.js';
import type { ConfigurationProblem } from './form-configuration.js';
import { BSUID_PATTERN, CHANNEL_PATTERN, E164_PATTERN } from '../phone/identifier-patterns.js';

export interface PreferencesAttributes {
  businessName: string;
  endpoint: string;
  categories: unknown;
  channel: string;
  phone: string;
  bsuid: string;
}

export interface PreferencesConfiguration {
  businessName: string;
  /** Where records are POSTed (`…/consents`). */
  endpoint: string;
  /** Where a token holder reads the current state: `preferences` beside the endpoint (`…/consents` → `…/preferences`). */
  stateUrl: string;
  channel: string;
  categories: CategoryConfig[];
  /** The subject the page knows, if any; otherwise the person enters a number. */
  subject?: RecordSubject;
}

const PHONE = E164_PATTERN;
const BSUID = BSUID_PATTERN;
const CHANNEL = CHANNEL_PATTERN;

export function readPreferencesConfiguration(
  attributes: PreferencesAttributes,
  baseUrl: string,
): { config?: PreferencesConfiguration; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const problem = (attribute: string, message: string) => problems.push({ attribute, message });
  const businessName = attributes.businessName.trim();
  if (!businessName) problem('business-name', 'business-name is required: set it to the name people know your business by.');
  let endpoint: URL | undefined;
  try {
    endpoint = attributes.endpoint.trim() ? new URL(attributes.endpoint.trim(), baseUrl) : undefined;
  } catch {
    endpoint = undefined;
  }
  if (!attributes.endpoint.trim()) problem('endpoint', 'endpoint is required: set it to the URL that receives consent records, e.g. endpoint="/consents".');
  else if (!endpoint || (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:')) {
    problem('endpoint', `endpoint "${attributes.endpoint}" is not an http(s) URL.`);
  }
  const parsed = parseCategories(attributes.categories);
  for (const message of parsed.problems) problem('categories', message);
  if (parsed.categories.length === 0 && parsed.problems.length === 0) {
    problem('categories', 'categories is required: list the kinds of messages you send, e.g. categories="offers,order-updates".');
  }
  const channel = attributes.channel.trim().toLowerCase() || 'whatsapp';
  if (!CHANNEL.test(channel)) problem('channel', `channel "${attributes.channel}" must be a name such as "whatsapp" or "sms".`);
  const subject: RecordSubject = {};
  const phone = attributes.phone.trim();
  const bsuid = attributes.bsuid.trim();
  if (phone && !PHONE.test(phone)) problem('phone', `phone "${phone}" must be E.164, e.g. +4915123456789 (or leave it out: the person enters it).`);
  else if (phone) subject.phone = phone;
  if (bsuid && !BSUID.test(bsuid)) problem('bsuid', `bsuid "${bsuid}" must look like US.13491208655302741918.`);
  else if (bsuid) subject.bsuid = bsuid;
  if (problems.length > 0 || !endpoint) return { problems };
  return {
    problems,
    config: {
      businessName,
      endpoint: endpoint.href,
      stateUrl: new URL('preferences', endpoint).href,
      channel,
      categories: parsed.categories,
      ...(subject.phone || subject.bsuid ? { subject } : {}),
    },
  };
}
