/** Which rules each profile applies, per channel. */
import { caslRules } from './casl-rules.js';
import { gdprRules } from './gdpr-rules.js';
import { platformRules } from './platform-rules.js';
import type { PolicyRule } from './policy-types.js';
import { CHANNEL_RECIPIENTS, type ProfileId, appliesCasl, appliesGdpr, appliesSmsUs } from './profiles.js';
import { smsUsRules } from './sms-us-rules.js';

/** The rules a profile applies on a channel, each id once, platform rules first. */
export function rulesForProfile(profile: ProfileId, channel: string): Array<{ id: string; rule: PolicyRule }> {
  const rules = [...platformRules];
  if (appliesGdpr(profile)) {
    rules.push(...gdprRules.filter((entry) => entry.id !== 'recipient-named' || CHANNEL_RECIPIENTS[channel]));
  }
  if (appliesSmsUs(profile, channel)) rules.push(...smsUsRules);
  if (appliesCasl(profile)) rules.push(...caslRules);
  return rules.filter((entry, index) => rules.findIndex((other) => other.id === entry.id) === index);
}
