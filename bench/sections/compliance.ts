import { readFormConfiguration } from '../../src/core/notice/form-configuration.js';
import { assessCompliance } from '../../src/core/policy/assess-compliance.js';
import { WIDGET_INTERACTION } from '../../src/core/policy/policy-types.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { type BenchSection, medianMs } from '../bench-section.js';

/** The form re-assesses on every keystroke that may change the phone country: this is that cost. */
export async function run(): Promise<BenchSection> {
  const t = createTranslator('en').t as (key: string, options?: Record<string, unknown>) => string;
  const { config } = readFormConfiguration(
    {
      businessName: 'Blumen Berlin',
      endpoint: '/consents',
      categories: 'offers,announcements,order-updates,appointment-reminders,account-alerts,support',
      channel: 'sms',
      privacyUrl: 'https://blumen.example/privacy',
      termsUrl: 'https://blumen.example/terms',
      frequency: '4/month',
      source: '',
      bsuid: '',
      jurisdiction: '',
      compliance: '',
    },
    'https://blumen.example/join',
  );
  const runs = 2000;
  const assess = (country?: string) => () => assessCompliance({ config, jurisdiction: 'auto', country, interaction: WIDGET_INTERACTION }, t);
  const rows = [
    ['unknown country (strictest: one notice, every rule)', assess(undefined)],
    ['German number (gdpr + strictest gate)', assess('DE')],
    ['US number on SMS (sms-us + strictest gate)', assess('US')],
  ] as const;
  const measured: string[][] = [];
  for (const [label, task] of rows) measured.push([label, ((await medianMs(runs, task)) * 1000).toFixed(1)]);
  return {
    title: 'Compliance assessment per keystroke (Node, English, 6 categories, channel sms)',
    header: ['case', 'median µs'],
    rows: measured,
    notes: [`Median of ${runs} runs of assessCompliance: profile choice, notice composition (i18next), every rule.`],
  };
}
