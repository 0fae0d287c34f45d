import type { LocaleResource } from '../supported-locales.js';

/**
 * Dutch (Nederlands). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
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
      label: 'Aanbiedingen en acties',
      description: 'kortingen, uitverkoop en nieuwe producten',
    },
    announcements: {
      label: 'Nieuws en aankondigingen',
      description: 'evenementen, nieuwe winkels en wijzigingen in onze dienst',
    },
    'order-updates': {
      label: 'Bestelupdates',
      description: 'bevestigingen, verzending en levering van je bestellingen',
    },
    'appointment-reminders': {
      label: 'Afspraakherinneringen',
      description: 'herinneringen en wijzigingen van je afspraken',
    },
    'account-alerts': {
      label: 'Accountmeldingen',
      description: 'beveiligingsmeldingen en belangrijke wijzigingen in je account',
    },
    support: {
      label: 'Klantenservice',
      description: 'antwoorden op je vragen en opvolging',
    },
  },
  notice: {
    lead: 'Ik ga akkoord met het ontvangen van berichten van {{business}} over de onderwerpen die ik hieronder aanvink.',
    leadOnChannel: 'Ik ga akkoord met het ontvangen van berichten van {{business}} via {{channel}} over de onderwerpen die ik hieronder aanvink.',
    requiredMarker: '(verplicht)',
    requiredNote: 'Onderwerpen met {{marker}} zijn nodig voor een dienst die je hebt aangevraagd, zoals updates over je bestelling; ze worden nooit voor je aangevinkt.',
    frequency: {
      day_one: 'Maximaal {{count}} bericht per dag.',
      day_other: 'Maximaal {{count}} berichten per dag.',
      week_one: 'Maximaal {{count}} bericht per week.',
      week_other: 'Maximaal {{count}} berichten per week.',
      month_one: 'Maximaal {{count}} bericht per maand.',
      month_other: 'Maximaal {{count}} berichten per maand.',
      year_one: 'Maximaal {{count}} bericht per jaar.',
      year_other: 'Maximaal {{count}} berichten per jaar.',
    },
    optOut: 'Je kunt op elk moment stoppen: antwoord STOP op een bericht van {{business}} of gebruik de voorkeurenlink in onze berichten.',
    optOutWithdrawal: 'Je kunt je toestemming op elk moment intrekken, net zo makkelijk als je die gaf: antwoord STOP op een bericht van {{business}} of gebruik de voorkeurenlink in onze berichten.',
    stopHelp: 'Antwoord STOP om af te melden, HELP voor hulp.',
    rates: 'Er kunnen kosten voor berichten en data gelden.',
    recipient: '{{channel}} wordt geleverd door {{recipient}}: om deze berichten te bezorgen, deelt {{business}} je nummer en de berichten met {{recipient}}.',
    notConditional: 'Je toestemming is geen voorwaarde voor een aankoop.',
    privacyLink: 'Privacyverklaring',
    termsLink: 'Voorwaarden voor berichten',
  },
  form: {
    phoneLabel: 'Mobiel nummer',
    phoneOptionalLabel: 'Deel je nummer (optioneel)',
    countryLabel: 'Land',
    noCountry: 'Internationaal (+)',
    countryButton: 'Land: {{country}} {{dialCode}}',
    countryButtonNone: 'Land: geen, internationaal nummer',
    countrySearchLabel: 'Zoek een land op naam of landcode',
    countryResults_one: '{{count}} land gevonden',
    countryResults_other: '{{count}} landen gevonden',
    countryNoResults: 'Geen land komt overeen met ‘{{query}}’.',
    preferredCountries: 'Voorgesteld',
    allCountries: 'Alle landen',
    categoriesLegend: 'Wat wil je ontvangen?',
    whatsappBadge: 'WhatsApp',
    submit: 'Aanmelden',
    sending: 'Bezig met verzenden…',
    queued: 'Opgeslagen op dit apparaat. Wordt automatisch verzonden zodra de verbinding terug is.',
    success: 'Bedankt! Je keuze is opgeslagen.',
    failed: 'We konden je keuze niet opslaan. Probeer het opnieuw.',
    textChanged: 'De toestemmingstekst is aangepast aan het land van je nummer. Lees hem en vink opnieuw aan.',
  },
  error: {
    noCategory: 'Vink minstens één soort bericht aan om je aan te melden.',
    requiredCategory: 'Vink ‘{{label}}’ aan om je aan te melden.',
    phone: {
      required: 'Vul je mobiele nummer in.',
      'too-short': 'Dit nummer is te kort.',
      'too-long': 'Dit nummer is te lang.',
      'invalid-country': 'Kies je land, of begin het nummer met + en de landcode.',
      invalid: 'Dit is geen geldig nummer. Controleer het nummer en het land.',
      invalidForCountry: 'Dit is geen geldig nummer voor {{country}}. Controleer het nummer en het land.',
      'not-mobile': 'Vul een mobiel nummer in: dit is een vaste lijn of een ander soort lijn.',
      pending: 'Het nummer wordt gecontroleerd… probeer het zo opnieuw.',
      unavailable: 'Dit nummer kan nu niet worden gecontroleerd. Laad de pagina opnieuw en probeer het nog eens.',
    },
  },
  config: {
    title: 'Dit aanmeldformulier is niet goed ingesteld',
    hint: 'Alleen de auteur van de pagina ziet deze melding. Details staan in de browserconsole.',
  },
} satisfies LocaleResource;
