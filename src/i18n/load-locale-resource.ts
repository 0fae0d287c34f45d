/**
 * npm (ESM) build: each locale is its own module, so an app's bundler splits it into its own chunk
 * and a page downloads only the languages it shows. The script-tag build replaces this file with
 * load-locale-resource.cdn.ts (see vite.config.ts).
 */
import type { LocaleResource, SupportedLocale } from './supported-locales.js';

type Loader = () => Promise<{ default: LocaleResource }>;

const loaders: Record<Exclude<SupportedLocale, 'en'>, Loader> = {
  es: () => import('./locales/es.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  'pt-PT': () => import('./locales/pt-PT.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  it: () => import('./locales/it.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  tr: () => import('./locales/tr.js'),
  ru: () => import('./locales/ru.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
  hi: () => import('./locales/hi.js'),
  id: () => import('./locales/id.js'),
  ms: () => import('./locales/ms.js'),
  sw: () => import('./locales/sw.js'),
};

export async function loadLocaleResource(locale: Exclude<SupportedLocale, 'en'>): Promise<LocaleResource> {
  return (await loaders[locale]()).default;
}
