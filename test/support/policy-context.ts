/** Builds real policy contexts for the rule tests: the notice is composed with the English translator, as the form does. */
import type { CategoryConfig } from '../../src/core/notice/categories.js';
import { type ConsentNotice, composeConsentNotice } from '../../src/core/notice/consent-notice.js';
import { parseFrequency } from '../../src/core/notice/frequency.js';
import { type ConsentInteraction, type FormConfiguration, type PolicyContext, WIDGET_INTERACTION } from '../../src/core/policy/policy-types.js';
import type { ProfileId } from '../../src/core/policy/profiles.js';
import { createTranslator } from '../../src/i18n/create-translator.js';

export const t = createTranslator('en').t as (key: string, options?: Record<string, unknown>) => string;

/** A configuration that satisfies every profile on its channel. */
export function compliantConfig(overrides: Partial<FormConfiguration> = {}): FormConfiguration {
  return {
    businessName: 'Blumen Berlin',
    endpoint: 'https://api.blumen.example/consents',
    channel: 'whatsapp',
    categories: [{ id: 'offers' }, { id: 'order-updates', required: true }] satisfies CategoryConfig[],
    privacyUrl: 'https://blumen.example/privacy',
    termsUrl: 'https://blumen.example/terms',
    frequency: parseFrequency('4/month'),
    hasBsuid: false,
    businessAddress: 'Torstraße 1, 10119 Berlin, Germany',
    businessContact: 'hallo@blumen.example',
    ...overrides,
  };
}

export interface ContextOptions {
  profile: ProfileId;
  config?: Partial<FormConfiguration>;
  interaction?: Partial<ConsentInteraction>;
  /** Compose the notice for another profile than the one judged (a notice that misses what the profile needs). */
  noticeProfile?: ProfileId;
  /** Edit the composed notice, e.g. to drop a section. */
  editNotice?: (notice: ConsentNotice) => ConsentNotice;
}

export function contextFor(options: ContextOptions): PolicyContext {
  const config = compliantConfig(options.config);
  const composed = composeConsentNotice({ ...config, profile: options.noticeProfile ?? options.profile }, t);
  return {
    profile: options.profile,
    config,
    notice: options.editNotice ? options.editNotice(composed) : composed,
    interaction: { ...WIDGET_INTERACTION, ...options.interaction },
  };
}

export const withoutSection =
  (kind: string) =>
  (notice: ConsentNotice): ConsentNotice => {
    const sections = notice.sections.filter((section) => section.kind !== kind);
    return { sections, text: sections.map((s) => s.text).join('\n') };
  };

/** A business's own wording put in one section (as `texts` would), the notice text recomposed. */
export const withSectionText =
  (kind: string, text: string) =>
  (notice: ConsentNotice): ConsentNotice => {
    const sections = notice.sections.map((section) => (section.kind === kind ? { ...section, text } : section));
    return { sections, text: sections.map((s) => s.text).join('\n') };
  };
