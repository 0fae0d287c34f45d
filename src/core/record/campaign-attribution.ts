/**
 * Which campaign brought a subscriber, read from the page's query: the UTM parameters Google
 * Analytics defines and the click ids of Google, Meta and WhatsApp's click-to-chat ads. Nothing
 * else from the query is kept (a query can carry personal data, e.g. `?phone=`), and no value is
 * altered: one that is too long is dropped rather than cut.
 */

/** The query parameters recorded in `collection.campaign`, and nothing else. */
export const CAMPAIGN_PARAMETERS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
  'utm_source_platform',
  'utm_creative_format',
  'utm_marketing_tactic',
  'gclid',
  'fbclid',
  'ctwa_clid',
] as const;

export type CampaignParameter = (typeof CAMPAIGN_PARAMETERS)[number];

export type RecordCampaign = Partial<Record<CampaignParameter, string>>;

export const CAMPAIGN_VALUE_MAX_LENGTH = 256;

/** A/B variant names: short, plain, so a report can group by them. */
export const VARIANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The campaign parameters of `pageUrl`'s query, or `undefined` when it has none. */
export function campaignFromUrl(pageUrl: string): RecordCampaign | undefined {
  let query: URLSearchParams;
  try {
    query = new URL(pageUrl).searchParams;
  } catch {
    return undefined;
  }
  const campaign: RecordCampaign = {};
  for (const name of CAMPAIGN_PARAMETERS) {
    // The first value wins, as analytics tools read it.
    const value = query.get(name)?.trim();
    if (value && value.length <= CAMPAIGN_VALUE_MAX_LENGTH) campaign[name] = value;
  }
  return Object.keys(campaign).length > 0 ? campaign : undefined;
}
