/**
 * `#platform/load-phone-rules` in the npm build for browsers (package.json `imports`, default
 * condition): each calling code's rules are a module of their own, written by the build
 * (scripts/write-phone-rules.ts), so an app's bundler makes each a chunk loaded the first time a
 * number needs it (../phone-rules-on-demand.ts). Node gets every rule at once (../whole/).
 */
import type { PhoneMetadata } from '../../core/phone/phone-metadata.js';
import { startPhoneRulesOnDemand } from '../phone-rules-on-demand.js';
import { groups, index } from './phone-rules/index.js';

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  startPhoneRulesOnDemand({
    index,
    async load(code) {
      const load = groups[code];
      if (!load) throw new Error('no such calling code');
      return (await load()).default;
    },
    where: (code) => `the app's chunk of the +${code} rules`,
    advice: "Check that every file of the app's build is served.",
  });
  return undefined;
}
