import type { LocaleResource } from '../supported-locales.js';

/**
 * German (Deutsch). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'E-Mail',
  },
  category: {
    offers: {
      label: 'Angebote und Aktionen',
      description: 'Rabatte, Sales und neue Produkte',
    },
    announcements: {
      label: 'Neuigkeiten und Ankündigungen',
      description: 'Veranstaltungen, neue Filialen und Änderungen unseres Angebots',
    },
    'order-updates': {
      label: 'Bestellstatus',
      description: 'Bestätigungen, Versand und Zustellung Ihrer Bestellungen',
    },
    'appointment-reminders': {
      label: 'Terminerinnerungen',
      description: 'Erinnerungen und Änderungen zu Ihren Buchungen',
    },
    'account-alerts': {
      label: 'Kontohinweise',
      description: 'Sicherheitshinweise und wichtige Änderungen an Ihrem Konto',
    },
    support: {
      label: 'Kundenservice',
      description: 'Antworten auf Ihre Fragen und Rückmeldungen',
    },
  },
  notice: {
    lead: 'Ich willige ein, Nachrichten von {{business}} zu den unten angekreuzten Themen zu erhalten.',
    leadOnChannel: 'Ich willige ein, Nachrichten von {{business}} über {{channel}} zu den unten angekreuzten Themen zu erhalten.',
    requiredMarker: '(erforderlich)',
    requiredNote:
      'Mit {{marker}} markierte Themen sind für einen von Ihnen gewünschten Dienst nötig, etwa Updates zu Ihrer Bestellung; sie werden nie für Sie angekreuzt.',
    frequency: {
      day_one: 'Höchstens {{count}} Nachricht pro Tag.',
      day_other: 'Höchstens {{count}} Nachrichten pro Tag.',
      week_one: 'Höchstens {{count}} Nachricht pro Woche.',
      week_other: 'Höchstens {{count}} Nachrichten pro Woche.',
      month_one: 'Höchstens {{count}} Nachricht pro Monat.',
      month_other: 'Höchstens {{count}} Nachrichten pro Monat.',
      year_one: 'Höchstens {{count}} Nachricht pro Jahr.',
      year_other: 'Höchstens {{count}} Nachrichten pro Jahr.',
    },
    optOut:
      'Sie können jederzeit widerrufen: Antworten Sie STOP auf eine Nachricht von {{business}} oder nutzen Sie den Einstellungslink in unseren Nachrichten.',
    optOutWithdrawal:
      'Sie können Ihre Einwilligung jederzeit so einfach widerrufen, wie Sie sie erteilt haben: Antworten Sie STOP auf eine Nachricht von {{business}} oder nutzen Sie den Einstellungslink in unseren Nachrichten.',
    stopHelp: 'Antworten Sie STOP zum Abmelden, HELP für Hilfe.',
    rates: 'Es können Gebühren für Nachrichten und Daten anfallen.',
    recipient:
      '{{channel}} wird von {{recipient}} bereitgestellt: Um diese Nachrichten zuzustellen, gibt {{business}} Ihre Nummer und die Nachrichten an {{recipient}} weiter.',
    notConditional: 'Ihre Einwilligung ist keine Bedingung für einen Kauf.',
    privacyLink: 'Datenschutzhinweise',
    termsLink: 'Nutzungsbedingungen für Nachrichten',
    senderAddress: 'Absender: {{business}}, {{address}}.',
    senderContact: 'Kontakt zu {{business}}: {{contact}}.',
  },
  form: {
    phoneLabel: 'Handynummer',
    phoneOptionalLabel: 'Ihre Nummer angeben (optional)',
    countryLabel: 'Land',
    noCountry: 'International (+)',
    countryButton: 'Land: {{country}} {{dialCode}}',
    countryButtonNone: 'Land: keins, internationale Nummer',
    countrySearchLabel: 'Land nach Name oder Vorwahl suchen',
    countryResults_one: '{{count}} Land gefunden',
    countryResults_other: '{{count}} Länder gefunden',
    countryNoResults: 'Kein Land passt zu „{{query}}“.',
    preferredCountries: 'Vorschläge',
    allCountries: 'Alle Länder',
    categoriesLegend: 'Was möchten Sie erhalten?',
    whatsappBadge: 'WhatsApp',
    submit: 'Anmelden',
    sending: 'Wird gesendet …',
    queued: 'Auf diesem Gerät gespeichert. Wird automatisch gesendet, sobald die Verbindung wieder da ist.',
    success: 'Danke! Ihre Auswahl ist gespeichert.',
    failed: 'Ihre Auswahl konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.',
    textChanged: 'Der Einwilligungstext wurde an das Land Ihrer Nummer angepasst. Bitte lesen Sie ihn und kreuzen Sie erneut an.',
    close: 'Schließen',
  },
  error: {
    noCategory: 'Kreuzen Sie mindestens eine Nachrichtenart an, um sich anzumelden.',
    requiredCategory: 'Kreuzen Sie „{{label}}“ an, um sich anzumelden.',
    notForCountry: 'Dieses Formular kann Nummern aus diesem Land noch nicht annehmen.',
    phone: {
      required: 'Geben Sie Ihre Handynummer ein.',
      'too-short': 'Diese Nummer ist zu kurz.',
      'too-long': 'Diese Nummer ist zu lang.',
      'invalid-country': 'Wählen Sie Ihr Land oder beginnen Sie die Nummer mit + und der Ländervorwahl.',
      invalid: 'Diese Nummer ist ungültig. Prüfen Sie die Nummer und das Land.',
      invalidForCountry: 'Diese Nummer ist für {{country}} ungültig. Prüfen Sie die Nummer und das Land.',
      'not-mobile': 'Geben Sie eine Handynummer ein: Diese ist ein Festnetz- oder anderer Anschluss.',
      'country-not-allowed': 'Dieses Formular nimmt keine Nummern aus diesem Land an.',
      pending: 'Die Nummer wird geprüft … bitte versuchen Sie es gleich noch einmal.',
      unavailable: 'Diese Nummer kann gerade nicht geprüft werden. Laden Sie die Seite neu und versuchen Sie es erneut.',
    },
  },
  preferences: {
    configTitle: 'Diese Einstellungsseite ist nicht richtig eingerichtet',
    lead: 'Ihre Nachrichten von {{business}} über {{channel}}. Beenden Sie jederzeit einzelne Arten oder alles.',
    receiving: 'aktiv',
    stopped: 'beendet',
    stopAllExplained: 'Alles beenden: keine Nachrichten mehr von {{business}}, welcher Art auch immer.',
    how: 'Jede Änderung wird als signierter Datensatz gespeichert. Zum Beenden ist nie eine Anmeldung nötig.',
    stop: 'Beenden',
    stopLabel: '„{{label}}“ beenden',
    resume: 'Fortsetzen',
    resumeLabel: '„{{label}}“ fortsetzen',
    stopAll: 'Alles beenden',
    loading: 'Ihre Einstellungen werden geladen …',
    saving: 'Wird gespeichert …',
    saved: 'Gespeichert. Das ist Ihre aktuelle Auswahl.',
    stoppedAll: 'Erledigt. Sie erhalten keine Nachrichten mehr von {{business}}.',
    failed: 'Ihre Auswahl konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.',
    expired: 'Dieser Einstellungslink ist abgelaufen, daher können wir Ihre aktuelle Auswahl nicht anzeigen. Sie können Nachrichten unten trotzdem beenden.',
    invalidLink: 'Dieser Einstellungslink ist ungültig, daher können wir Ihre aktuelle Auswahl nicht anzeigen. Sie können Nachrichten unten trotzdem beenden.',
    loadFailed: 'Ihre aktuelle Auswahl konnte nicht geladen werden. Sie können Nachrichten unten trotzdem beenden.',
  },
  confirm: {
    lead: 'Noch ein Schritt: Bestätigen Sie auf WhatsApp, dass diese Nummer Ihnen gehört.',
    link: 'Auf WhatsApp bestätigen',
    code: 'Ihr Code: {{code}}',
    qr: 'Oder scannen Sie diesen Code mit Ihrem Handy, um zu bestätigen',
    message: 'Ich bestätige meine Anmeldung bei {{business}}. Code: {{code}}',
  },
  config: {
    title: 'Dieses Anmeldeformular ist nicht richtig eingerichtet',
    hint: 'Dieser Hinweis richtet sich an den Autor der Seite: Er ersetzt das Formular, bis die Einrichtung korrigiert ist. Details stehen in der Browserkonsole.',
  },
} satisfies LocaleResource;
