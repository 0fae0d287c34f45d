/**
 * `buildThreadOptInPrompt`: the message a business sends in an open WhatsApp
 * conversation to ask for an opt-in, in the person's language, with reply
 * buttons whose ids name the prompt (so a later button reply can be matched
 * to exactly the text and categories it answers).
 */
import { type CategoryConfig, parseCategories, templateCategoryOf } from '../core/notice/categories.js';
import type { RecordCategory } from '../core/record/consent-record.js';
import { base64UrlEncode } from '../core/record/encoding.js';
import { parseFrequency } from '../core/notice/frequency.js';
import type { ProfileId } from '../core/policy/profiles.js';
import { composeThreadOptInPrompt, type ThreadOptInPrompt } from '../core/messages/thread-opt-in-prompt.js';
import { createTranslator } from '../i18n/create-translator.js';
import { ensureLocale } from '../i18n/locale-registry.js';
import { resolveLocale } from '../i18n/resolve-locale.js';
import type { SupportedLocale } from '../i18n/supported-locales.js';
import { THREAD_PROMPT_TEXTS } from './thread-prompt-texts.js';

export interface ThreadOptInPromptOptions {
  /** The name people know the business by; the prompt names it. */
  businessName: string;
  /** Preset ids (`"offers,order-updates"` or an array), or `{id, label, description?}` objects, as the form takes them. */
  categories: string | ReadonlyArray<string | CategoryConfig>;
  /** BCP 47 tag; an unsupported one falls back as the form's does (to English at last). */
  locale?: string;
  /** The rules the text must pass: `platform` (default), `gdpr`, `sms-us` or `strictest`. */
  profile?: ProfileId;
  privacyUrl?: string;
  termsUrl?: string;
  /** As the form's `frequency` attribute, e.g. `4/month`. */
  frequency?: string;
  /** The recipient (E.164 phone or BSUID), copied into the message's `to`. */
  to?: string;
  /** Defaults to a fresh random id; give one only to rebuild a prompt already stored. */
  promptId?: string;
}

export interface BuiltThreadOptInPrompt extends ThreadOptInPrompt {
  /** The locale the text is in. */
  locale: string;
  /** The categories exactly as named in the text: what a "yes" grants, nothing more. */
  categories: RecordCategory[];
}

function freshPromptId(): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Builds the prompt, or throws: a `TypeError` for options that cannot be read
 * (unknown categories, a bad frequency), a `NonCompliantPromptError` listing
 * every rule the text would fail. It is called by the business's server, not
 * on a page, so refusing loudly is the safe answer.
 */
export async function buildThreadOptInPrompt(options: ThreadOptInPromptOptions): Promise<BuiltThreadOptInPrompt> {
  const parsed = parseCategories(options.categories);
  if (parsed.problems.length > 0) throw new TypeError(`categories: ${parsed.problems.join('; ')}`);
  const frequency = options.frequency === undefined ? undefined : parseFrequency(options.frequency);
  if (options.frequency !== undefined && !frequency) throw new TypeError(`frequency ${JSON.stringify(options.frequency)} is not like "4/month"`);
  const locale = resolveLocale(options.locale);
  await ensureLocale(locale);
  const translator = createTranslator(locale);
  const language = translator.language as SupportedLocale;
  const own = THREAD_PROMPT_TEXTS[language] ?? THREAD_PROMPT_TEXTS.en;
  // The widget's sentences (categories, how to stop) from its translator, the thread's own from the table beside this file.
  const t = (key: string, values: Record<string, unknown> = {}): string => {
    if (!key.startsWith('thread.')) return translator.t(key, values);
    const text = own[key.slice('thread.'.length) as keyof typeof own];
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
  const prompt = composeThreadOptInPrompt(
    {
      businessName: options.businessName,
      categories: parsed.categories,
      promptId: options.promptId ?? freshPromptId(),
      profile: options.profile,
      privacyUrl: options.privacyUrl,
      termsUrl: options.termsUrl,
      frequency,
      to: options.to,
    },
    t,
  );
  const categories = prompt.notice.sections.flatMap((section) =>
    section.kind === 'category'
      ? [{ id: section.id, label: section.label, granted: true, templateCategory: templateCategoryOf(parsed.categories.find((c) => c.id === section.id)!) }]
      : [],
  );
  return { ...prompt, locale: translator.language, categories };
}
