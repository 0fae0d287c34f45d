import { platformRules } from './platform-rules.js';
import type { FormConfiguration, PolicyEvaluation } from './policy-types.js';

/** Applies the platform profile's rules to a form configuration. */
export function evaluatePolicy(config: FormConfiguration): PolicyEvaluation {
  return { profile: 'platform', checks: platformRules.map((rule) => rule(config)) };
}
