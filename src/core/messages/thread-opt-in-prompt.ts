/**
 * The WhatsApp thread opt-in: a Cloud API interactive message with reply
 * buttons, asking the person in an open conversation whether they agree to
 * the business's messages. Its text is composed and checked by the same rules
 * as the form's notice, so a prompt that would not pass them is never built.
 */
import type { CategoryConfig } from '../notice/categories.js';
import { type ConsentNotice, type Translate, composeConsentNotice } from '../notice/consent-notice.js';
import type { Frequency } from '../notice/frequency.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { PolicyCheck, PolicyEvaluation } from '../policy/policy-types.js';
import { type ProfileId, appliesGdpr } from '../policy/profiles.js';
import { fail } from '../policy/rule-check.js';

/** Cloud API limits of an interactive reply-button message. */
export const THREAD_PROMPT_LIMITS = { bodyChars: 1024, buttonTitleChars: 20, buttonIdChars: 256 } as const;

/** A prompt id: what the webhook looks the prompt up by when a button reply arrives. */
export const THREAD_PROMPT_ID = /^[A-Za-z0-9_-]{8,64}$/;

const BUTTON_ID = /^optin-(yes|no)\.([A-Za-z0-9_-]{8,64})$/;

export type ThreadPromptAnswer = 'yes' | 'no';

/** The reply button's id: the answer and the prompt it answers, e.g. `optin-yes.Jx3…`. */
export function threadPromptButtonId(answer: ThreadPromptAnswer, promptId: string): string {
  return `optin-${answer}.${promptId}`;
}

/** Reads a button reply's id; `undefined` for any id this library did not issue. */
export function parseThreadPromptButtonId(id: unknown): { answer: ThreadPromptAnswer; promptId: string } | undefined {
  if (typeof id !== 'string') return undefined;
  const match = BUTTON_ID.exec(id);
  return match ? { answer: match[1] as ThreadPromptAnswer, promptId: match[2] } : undefined;
}

export interface ThreadPromptInput {
  businessName: string;
  categories: CategoryConfig[];
  promptId: string;
  /** The profile whose rules the text must pass; `platform` when omitted. */
  profile?: ProfileId;
  privacyUrl?: string;
  termsUrl?: string;
  frequency?: Frequency;
  /** The recipient, as the Cloud API's `to`: a phone number in E.164 (the `+` is dropped) or a BSUID. */
  to?: string;
}

/** The Cloud API message body (`POST /<PHONE_NUMBER_ID>/messages`). */
export interface ThreadPromptMessage {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to?: string;
  type: 'interactive';
  interactive: {
    type: 'button';
    body: { text: string };
    action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> };
  };
}

export interface ThreadOptInPrompt {
  promptId: string;
  /** The exact body text sent: what an attested record keeps as `promptText`. */
  text: string;
  notice: ConsentNotice;
  /** The checks the text passed, as a record's `policy`. */
  policy: PolicyEvaluation;
  message: ThreadPromptMessage;
}

/** A prompt that would fail a compliance rule (or a Cloud API limit) is refused, with every failure. */
export class NonCompliantPromptError extends Error {
  constructor(readonly failures: PolicyCheck[]) {
    super(`the thread opt-in prompt is not compliant: ${failures.map((f) => f.message ?? f.id).join(' ')}`);
    this.name = 'NonCompliantPromptError';
  }
}

/** The person's act in a thread: tapping "yes" on a prompt naming the topics; nothing is pre-chosen. */
const THREAD_INTERACTION = { boxesStartUnticked: true, phoneEditable: true, consentOnlyByTick: true };

export function composeThreadOptInPrompt(input: ThreadPromptInput, t: Translate): ThreadOptInPrompt {
  if (!THREAD_PROMPT_ID.test(input.promptId)) throw new TypeError('promptId must be 8 to 64 characters of A-Z, a-z, 0-9, "_" or "-"');
  const profile = input.profile ?? 'platform';
  const config = {
    businessName: input.businessName,
    endpoint: '',
    channel: 'whatsapp',
    categories: input.categories,
    privacyUrl: input.privacyUrl,
    termsUrl: input.termsUrl,
    frequency: input.frequency,
    hasBsuid: false,
  };
  const composed = composeConsentNotice({ ...config, profile }, t);
  const business = input.businessName.trim();
  const channel = t('channel.whatsapp', { defaultValue: 'WhatsApp' });
  // In a thread there are no boxes: the lead introduces the topics, and one "yes" covers exactly them.
  const sections = composed.sections.map((section) =>
    section.kind === 'lead' && business ? { ...section, channel, text: t('thread.lead', { business, channel }) } : section,
  );
  const notice: ConsentNotice = { sections, text: sections.map((section) => section.text).join('\n') };
  const policy = evaluatePolicy({ profile, config, notice, interaction: THREAD_INTERACTION });
  const yes = t('thread.yes');
  const no = t('thread.no');
  const text = `${notice.text}\n${t('thread.agree', { yes, no })}`;

  const failures = policy.checks.filter((check) => !check.passed);
  if (appliesGdpr(profile) && input.categories.length > 1) {
    // One "yes" for several purposes is bundled consent under the GDPR: one prompt per category there.
    failures.push(
      fail('granular', 'categories', `one "yes" would cover ${input.categories.length} categories: under the ${profile} profile send one prompt per category.`),
    );
    const granular = policy.checks.find((check) => check.id === 'granular');
    if (granular) granular.passed = false;
  }
  if (text.length > THREAD_PROMPT_LIMITS.bodyChars) {
    failures.push(
      fail(
        'prompt-length',
        'categories',
        `the prompt has ${text.length} characters; WhatsApp allows ${THREAD_PROMPT_LIMITS.bodyChars}: name fewer categories or shorter descriptions.`,
      ),
    );
  }
  if (failures.length > 0) throw new NonCompliantPromptError(failures);

  return {
    promptId: input.promptId,
    text,
    notice,
    policy: { profile, checks: policy.checks.map(({ id, passed }) => ({ id, passed })) },
    message: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...(input.to ? { to: input.to.replace(/^\+/, '') } : {}),
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text },
        action: {
          buttons: [
            { type: 'reply', reply: { id: threadPromptButtonId('yes', input.promptId), title: yes.slice(0, THREAD_PROMPT_LIMITS.buttonTitleChars) } },
            { type: 'reply', reply: { id: threadPromptButtonId('no', input.promptId), title: no.slice(0, THREAD_PROMPT_LIMITS.buttonTitleChars) } },
          ],
        },
      },
    },
  };
}
