/**
 * Recipe: an app that runs i18next already gives its instance to the elements once, at start-up.
 * The elements then add their texts to it under the `optin-elements` namespace, show its language
 * (an element's own `locale` attribute still wins) and follow `i18next.changeLanguage()`. Keys the
 * app puts in that namespace first replace the shipped wording; the record keeps the exact text shown.
 */
import i18next from 'i18next';
import { I18NEXT_NAMESPACE, useI18next } from 'optin-elements';

export async function startTranslations(): Promise<void> {
  await i18next.init({
    lng: 'de',
    fallbackLng: 'en',
    resources: {
      de: {
        translation: { welcome: 'Willkommen bei Blumen Berlin' },
        [I18NEXT_NAMESPACE]: { form: { submit: 'Jetzt anmelden' } },
      },
    },
  });
  useI18next(i18next);
}
