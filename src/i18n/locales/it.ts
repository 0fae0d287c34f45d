import type { LocaleResource } from '../supported-locales.js';

/**
 * Italian (Italiano). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
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
      label: 'Offerte e promozioni',
      description: 'sconti, saldi e nuovi prodotti',
    },
    announcements: {
      label: 'Novità e annunci',
      description: 'eventi, nuovi negozi e modifiche al nostro servizio',
    },
    'order-updates': {
      label: 'Aggiornamenti sugli ordini',
      description: 'conferme, spedizione e consegna dei tuoi ordini',
    },
    'appointment-reminders': {
      label: 'Promemoria degli appuntamenti',
      description: 'promemoria e modifiche delle tue prenotazioni',
    },
    'account-alerts': {
      label: 'Avvisi sull’account',
      description: 'avvisi di sicurezza e modifiche importanti al tuo account',
    },
    support: {
      label: 'Assistenza clienti',
      description: 'risposte alle tue domande e aggiornamenti',
    },
  },
  notice: {
    lead: 'Accetto di ricevere messaggi da {{business}} sugli argomenti che seleziono qui sotto.',
    leadOnChannel: 'Accetto di ricevere messaggi da {{business}} su {{channel}} sugli argomenti che seleziono qui sotto.',
    requiredMarker: '(obbligatorio)',
    requiredNote: 'Gli argomenti contrassegnati {{marker}} servono per un servizio che hai richiesto, come gli aggiornamenti sul tuo ordine; non vengono mai selezionati al posto tuo.',
    frequency: {
      day_one: 'Al massimo {{count}} messaggio al giorno.',
      day_many: 'Al massimo {{count}} messaggi al giorno.',
      day_other: 'Al massimo {{count}} messaggi al giorno.',
      week_one: 'Al massimo {{count}} messaggio a settimana.',
      week_many: 'Al massimo {{count}} messaggi a settimana.',
      week_other: 'Al massimo {{count}} messaggi a settimana.',
      month_one: 'Al massimo {{count}} messaggio al mese.',
      month_many: 'Al massimo {{count}} messaggi al mese.',
      month_other: 'Al massimo {{count}} messaggi al mese.',
      year_one: 'Al massimo {{count}} messaggio all’anno.',
      year_many: 'Al massimo {{count}} messaggi all’anno.',
      year_other: 'Al massimo {{count}} messaggi all’anno.',
    },
    optOut: 'Puoi smettere quando vuoi: rispondi STOP a qualsiasi messaggio di {{business}} oppure usa il link delle preferenze nei nostri messaggi.',
    optOutWithdrawal: 'Puoi revocare il consenso in qualsiasi momento, con la stessa facilità con cui l’hai dato: rispondi STOP a qualsiasi messaggio di {{business}} oppure usa il link delle preferenze nei nostri messaggi.',
    stopHelp: 'Rispondi STOP per annullare, HELP per ricevere aiuto.',
    rates: 'Potrebbero essere applicati costi per messaggi e dati.',
    recipient: '{{channel}} è fornito da {{recipient}}: per recapitare questi messaggi, {{business}} condivide il tuo numero e i messaggi con {{recipient}}.',
    notConditional: 'Il tuo consenso non è una condizione per alcun acquisto.',
    privacyLink: 'Informativa sulla privacy',
    termsLink: 'Condizioni dei messaggi',
  },
  form: {
    phoneLabel: 'Numero di cellulare',
    phoneOptionalLabel: 'Indica il tuo numero (facoltativo)',
    countryLabel: 'Paese',
    noCountry: 'Internazionale (+)',
    countryButton: 'Paese: {{country}} {{dialCode}}',
    countryButtonNone: 'Paese: nessuno, numero internazionale',
    countrySearchLabel: 'Cerca un paese per nome o prefisso',
    countryResults_one: '{{count}} paese trovato',
    countryResults_many: '{{count}} paesi trovati',
    countryResults_other: '{{count}} paesi trovati',
    countryNoResults: 'Nessun paese corrisponde a «{{query}}».',
    preferredCountries: 'Suggeriti',
    allCountries: 'Tutti i paesi',
    categoriesLegend: 'Cosa vorresti ricevere?',
    whatsappBadge: 'WhatsApp',
    submit: 'Iscriviti',
    sending: 'Invio in corso…',
    queued: 'Salvato su questo dispositivo. Verrà inviato automaticamente appena torna la connessione.',
    success: 'Grazie! La tua scelta è stata salvata.',
    failed: 'Non è stato possibile salvare la tua scelta. Riprova.',
    textChanged: 'Il testo del consenso è cambiato in base al paese del tuo numero. Leggilo e seleziona di nuovo.',
  },
  error: {
    noCategory: 'Seleziona almeno un tipo di messaggio per iscriverti.',
    requiredCategory: 'Seleziona «{{label}}» per iscriverti.',
    phone: {
      required: 'Inserisci il tuo numero di cellulare.',
      'too-short': 'Questo numero è troppo corto.',
      'too-long': 'Questo numero è troppo lungo.',
      'invalid-country': 'Scegli il tuo paese o inizia il numero con + e il prefisso internazionale.',
      invalid: 'Questo numero non è valido. Controlla il numero e il paese.',
      invalidForCountry: 'Questo numero non è valido per {{country}}. Controlla il numero e il paese.',
      'not-mobile': 'Inserisci un numero di cellulare: questo è un fisso o un altro tipo di linea.',
      pending: 'Verifica del numero in corso… riprova tra un momento.',
      unavailable: 'Al momento non è possibile verificare questo numero. Ricarica la pagina e riprova.',
    },
  },
  config: {
    title: 'Questo modulo di iscrizione non è configurato correttamente',
    hint: 'Solo l’autore della pagina vede questo avviso. I dettagli sono nella console del browser.',
  },
} satisfies LocaleResource;
