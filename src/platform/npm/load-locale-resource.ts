/**
 * `#platform/load-locale-resource` in the npm build (package.json `imports`, default condition):
 * each locale is its own module, so an app's bundler splits it into its own chunk and a page
 * downloads only the languages it shows. The script-tag build fetches the same texts as verified
 * JSON instead (../cdn/load-locale-resource.ts).
 */
import type { LocaleResource, SupportedLocale } from '../../i18n/supported-locales.js';

type Loader = () => Promise<{ default: LocaleResource }>;

const loaders: Record<Exclude<SupportedLocale, 'en'>, Loader> = {
  es: () => import('../../i18n/locales/es.js'),
  'pt-BR': () => import('../../i18n/locales/pt-BR.js'),
  'pt-PT': () => import('../../i18n/locales/pt-PT.js'),
  fr: () => import('../../i18n/locales/fr.js'),
  de: () => import('../../i18n/locales/de.js'),
  it: () => import('../../i18n/locales/it.js'),
  nl: () => import('../../i18n/locales/nl.js'),
  pl: () => import('../../i18n/locales/pl.js'),
  tr: () => import('../../i18n/locales/tr.js'),
  ru: () => import('../../i18n/locales/ru.js'),
  ar: () => import('../../i18n/locales/ar.js'),
  he: () => import('../../i18n/locales/he.js'),
  hi: () => import('../../i18n/locales/hi.js'),
  id: () => import('../../i18n/locales/id.js'),
  ms: () => import('../../i18n/locales/ms.js'),
  sw: () => import('../../i18n/locales/sw.js'),
};

export async function loadLocaleResource(locale: Exclude<SupportedLocale, 'en'>): Promise<LocaleResource> {
  return (await loaders[locale]()).default;
}
