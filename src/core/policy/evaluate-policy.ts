import { rulesForProfile } from './profile-rules.js';
import type { PolicyContext, PolicyEvaluation } from './policy-types.js';

/** Applies every rule of the context's profile; the result goes into the record's `policy` member. */
export function evaluatePolicy(context: PolicyContext): PolicyEvaluation {
  return {
    profile: context.profile,
    checks: rulesForProfile(context.profile, context.config.channel).map(({ rule }) => rule(context)),
  };
}
