import type { LocaleResource } from '../supported-locales.js';

/**
 * Polish (Polski). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'e-mail',
  },
  category: {
    offers: {
      label: 'Oferty i promocje',
      description: 'rabaty, wyprzedaże i nowe produkty',
    },
    announcements: {
      label: 'Nowości i ogłoszenia',
      description: 'wydarzenia, nowe sklepy i zmiany w naszej usłudze',
    },
    'order-updates': {
      label: 'Informacje o zamówieniach',
      description: 'potwierdzenia, wysyłka i dostawa Twoich zamówień',
    },
    'appointment-reminders': {
      label: 'Przypomnienia o wizytach',
      description: 'przypomnienia i zmiany Twoich rezerwacji',
    },
    'account-alerts': {
      label: 'Alerty konta',
      description: 'powiadomienia o bezpieczeństwie i ważnych zmianach na Twoim koncie',
    },
    support: {
      label: 'Obsługa klienta',
      description: 'odpowiedzi na Twoje pytania i dalsze informacje',
    },
  },
  notice: {
    lead: 'Zgadzam się na otrzymywanie wiadomości od {{business}} przez {{channel}} na tematy zaznaczone poniżej.',
    requiredMarker: '(wymagane)',
    frequency: {
      day_one: 'Maksymalnie {{count}} wiadomość dziennie.',
      day_few: 'Maksymalnie {{count}} wiadomości dziennie.',
      day_many: 'Maksymalnie {{count}} wiadomości dziennie.',
      day_other: 'Maksymalnie {{count}} wiadomości dziennie.',
      week_one: 'Maksymalnie {{count}} wiadomość tygodniowo.',
      week_few: 'Maksymalnie {{count}} wiadomości tygodniowo.',
      week_many: 'Maksymalnie {{count}} wiadomości tygodniowo.',
      week_other: 'Maksymalnie {{count}} wiadomości tygodniowo.',
      month_one: 'Maksymalnie {{count}} wiadomość miesięcznie.',
      month_few: 'Maksymalnie {{count}} wiadomości miesięcznie.',
      month_many: 'Maksymalnie {{count}} wiadomości miesięcznie.',
      month_other: 'Maksymalnie {{count}} wiadomości miesięcznie.',
      year_one: 'Maksymalnie {{count}} wiadomość rocznie.',
      year_few: 'Maksymalnie {{count}} wiadomości rocznie.',
      year_many: 'Maksymalnie {{count}} wiadomości rocznie.',
      year_other: 'Maksymalnie {{count}} wiadomości rocznie.',
    },
    optOut: 'W każdej chwili możesz zrezygnować: odpowiedz STOP na dowolną wiadomość od {{business}} lub użyj linku do preferencji w naszych wiadomościach.',
    privacyLink: 'Informacja o prywatności',
  },
  form: {
    phoneLabel: 'Numer komórkowy',
    phoneOptionalLabel: 'Podaj swój numer (opcjonalnie)',
    countryLabel: 'Kraj',
    noCountry: 'Międzynarodowy (+)',
    countryButton: 'Kraj: {{country}} {{dialCode}}',
    countryButtonNone: 'Kraj: brak, numer międzynarodowy',
    countrySearchLabel: 'Szukaj kraju po nazwie lub numerze kierunkowym',
    countryResults_one: 'Znaleziono {{count}} kraj',
    countryResults_few: 'Znaleziono {{count}} kraje',
    countryResults_many: 'Znaleziono {{count}} krajów',
    countryResults_other: 'Znaleziono {{count}} kraju',
    countryNoResults: 'Żaden kraj nie pasuje do „{{query}}”.',
    preferredCountries: 'Sugerowane',
    allCountries: 'Wszystkie kraje',
    categoriesLegend: 'Co chcesz otrzymywać?',
    whatsappBadge: 'WhatsApp',
    submit: 'Zapisz mnie',
    sending: 'Wysyłanie…',
    queued: 'Zapisano na tym urządzeniu. Zostanie wysłane automatycznie, gdy tylko wróci połączenie.',
    success: 'Dziękujemy! Twój wybór został zapisany.',
    failed: 'Nie udało się zapisać Twojego wyboru. Spróbuj ponownie.',
  },
  error: {
    noCategory: 'Zaznacz co najmniej jeden rodzaj wiadomości, aby się zapisać.',
    requiredCategory: 'Zaznacz „{{label}}”, aby się zapisać.',
    phone: {
      required: 'Podaj numer komórkowy.',
      'too-short': 'Ten numer jest za krótki.',
      'too-long': 'Ten numer jest za długi.',
      'invalid-country': 'Wybierz kraj albo zacznij numer od + i numeru kierunkowego kraju.',
      invalid: 'Ten numer jest nieprawidłowy. Sprawdź numer i kraj.',
      invalidForCountry: 'Ten numer jest nieprawidłowy dla kraju {{country}}. Sprawdź numer i kraj.',
      'not-mobile': 'Podaj numer komórkowy: ten jest stacjonarny lub innego rodzaju.',
      pending: 'Sprawdzamy numer… spróbuj ponownie za chwilę.',
      unavailable: 'Nie można teraz sprawdzić tego numeru. Odśwież stronę i spróbuj ponownie.',
    },
  },
  config: {
    title: 'Ten formularz zapisu nie jest poprawnie skonfigurowany',
    hint: 'Tylko autor strony widzi ten komunikat. Szczegóły znajdziesz w konsoli przeglądarki.',
  },
} satisfies LocaleResource;
