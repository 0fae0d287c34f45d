/**
 * Everything the form needs from the rules, in one pure step: the profile for
 * this person, the notice to show, the checks to record, and whether the page
 * author's configuration may collect consent at all.
 */
import { type ConsentNotice, type Translate, composeConsentNotice } from '../notice/consent-notice.js';
import type { ConfigurationProblem, CheckedConfiguration } from '../notice/form-configuration.js';
import { type Jurisdiction, chooseProfile } from './choose-profile.js';
import { CASL_RULE_IDS } from './casl-rules.js';
import { evaluatePolicy } from './evaluate-policy.js';
import type { ConsentInteraction, PolicyCheck, PolicyEvaluation } from './policy-types.js';
import type { ProfileId } from './profiles.js';

/** `strict` (default): a failed rule replaces the form by a notice. `warn`: the form stays, the console warns, the record says which rules failed. */
export type ComplianceMode = 'strict' | 'warn';

export const COMPLIANCE_MODES: readonly ComplianceMode[] = ['strict', 'warn'];

export interface ComplianceAssessment {
  profile: ProfileId;
  notice: ConsentNotice;
  /** The checks of the applied profile: what the record's `policy` says. */
  evaluation: PolicyEvaluation;
  /**
   * Failed checks of every profile this form can apply: with `jurisdiction="auto"`
   * the strictest one, since any person may type a number from anywhere. Judging
   * the configuration by it means the form never vanishes while someone types.
   */
  configurationFailures: PolicyCheck[];
  /**
   * Failed checks of the profile applied to this person that the configuration judgement let
   * pass (CASL's, when the form was not set up for Canadian numbers): the form refuses to send
   * a record for this person instead of recording consent the law would not accept.
   */
  personFailures: PolicyCheck[];
}

export interface ComplianceInput {
  config: Pick<
    CheckedConfiguration,
    | 'businessName'
    | 'endpoint'
    | 'channel'
    | 'channels'
    | 'categories'
    | 'privacyUrl'
    | 'termsUrl'
    | 'frequency'
    | 'hasBsuid'
    | 'businessAddress'
    | 'businessContact'
    | 'businessCountry'
  >;
  jurisdiction: Jurisdiction;
  /** ISO 3166 alpha-2 of the person's phone number, when known. */
  country?: string;
  interaction: ConsentInteraction;
}

function evaluateFor(profile: ProfileId, input: ComplianceInput, t: Translate) {
  const notice = composeConsentNotice({ ...input.config, profile }, t);
  return { notice, evaluation: evaluatePolicy({ profile, config: input.config, notice, interaction: input.interaction }) };
}

export function assessCompliance(input: ComplianceInput, t: Translate): ComplianceAssessment {
  const { channel, businessCountry } = input.config;
  const profile = chooseProfile({ jurisdiction: input.jurisdiction, channel, country: input.country, businessCountry });
  const applied = evaluateFor(profile, input, t);
  const widest = input.jurisdiction === 'auto' && profile !== 'strictest' ? evaluateFor('strictest', input, t) : applied;
  // With `auto`, CASL's sender details are asked of the page author only when the business is
  // Canadian: otherwise every form without them would be blocked for everyone, although only a
  // Canadian number needs them. Such a number is refused instead (personFailures).
  const judgeCasl = input.jurisdiction !== 'auto' || businessCountry?.toUpperCase() === 'CA';
  const configurationFailures = widest.evaluation.checks.filter((check) => !check.passed && (judgeCasl || !CASL_RULE_IDS.has(check.id)));
  const judged = new Set(configurationFailures.map((check) => check.id));
  return {
    profile,
    notice: applied.notice,
    evaluation: applied.evaluation,
    configurationFailures,
    // Before a country is known nobody is refused: the number typed next decides.
    personFailures: !input.country && input.jurisdiction === 'auto' ? [] : applied.evaluation.checks.filter((check) => !check.passed && !judged.has(check.id)),
  };
}

/** What `<optin-form>` exposes as `complianceReport`, for the page author, the demo and tests. */
export interface ComplianceReport {
  mode: ComplianceMode;
  jurisdiction: Jurisdiction;
  /** The country the profile was chosen from, when known. */
  country?: string;
  /** The profile applied to the person right now. */
  profile: ProfileId;
  /** Its checks, as the record will carry them (with messages for the failed ones). */
  checks: PolicyCheck[];
  /** Everything the page author should fix, each naming the attribute. */
  problems: ConfigurationProblem[];
  /** The form is replaced by the notice and collects nothing. */
  blocked: boolean;
}

export function complianceReport(
  mode: ComplianceMode,
  jurisdiction: Jurisdiction,
  country: string | undefined,
  attributeProblems: readonly ConfigurationProblem[],
  assessment: ComplianceAssessment | undefined,
): ComplianceReport {
  const problems: ConfigurationProblem[] = [...attributeProblems];
  for (const check of assessment?.configurationFailures ?? []) {
    // A missing business-name is already reported as an attribute problem; say it once.
    // The same failure found by two channels' rules: say it once too.
    if (problems.some((p) => (p.attribute === check.attribute && !p.rule) || (p.rule === check.id && p.message === check.message))) continue;
    problems.push({ attribute: check.attribute ?? '', message: check.message ?? check.id, rule: check.id });
  }
  const ruleProblems = problems.some((p) => p.rule);
  return {
    mode,
    jurisdiction,
    country,
    profile: assessment?.profile ?? 'strictest',
    checks: assessment?.evaluation.checks ?? [],
    problems,
    blocked: attributeProblems.length > 0 || (mode === 'strict' && ruleProblems),
  };
}
