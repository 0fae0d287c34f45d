import type { LocaleResource } from '../supported-locales.js';

/**
 * Swahili (Kiswahili). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'barua pepe',
  },
  category: {
    offers: {
      label: 'Ofa na promosheni',
      description: 'punguzo, mauzo na bidhaa mpya',
    },
    announcements: {
      label: 'Habari na matangazo',
      description: 'matukio, maduka mapya na mabadiliko ya huduma yetu',
    },
    'order-updates': {
      label: 'Taarifa za oda',
      description: 'uthibitisho, usafirishaji na uwasilishaji wa oda zako',
    },
    'appointment-reminders': {
      label: 'Vikumbusho vya miadi',
      description: 'vikumbusho na mabadiliko ya nafasi ulizoweka',
    },
    'account-alerts': {
      label: 'Arifa za akaunti',
      description: 'taarifa za usalama na mabadiliko muhimu ya akaunti yako',
    },
    support: {
      label: 'Huduma kwa wateja',
      description: 'majibu ya maswali yako na ufuatiliaji',
    },
  },
  notice: {
    lead: 'Ninakubali kupokea ujumbe kutoka kwa {{business}} kuhusu mada ninazochagua hapa chini.',
    leadOnChannel: 'Ninakubali kupokea ujumbe kutoka kwa {{business}} kupitia {{channel}} kuhusu mada ninazochagua hapa chini.',
    requiredMarker: '(inahitajika)',
    requiredNote: 'Mada zilizowekwa alama {{marker}} zinahitajika kwa huduma uliyoomba, kama taarifa za oda yako; hazichaguliwi kamwe kwa niaba yako.',
    frequency: {
      day_one: 'Hadi ujumbe {{count}} kwa siku.',
      day_other: 'Hadi jumbe {{count}} kwa siku.',
      week_one: 'Hadi ujumbe {{count}} kwa wiki.',
      week_other: 'Hadi jumbe {{count}} kwa wiki.',
      month_one: 'Hadi ujumbe {{count}} kwa mwezi.',
      month_other: 'Hadi jumbe {{count}} kwa mwezi.',
      year_one: 'Hadi ujumbe {{count}} kwa mwaka.',
      year_other: 'Hadi jumbe {{count}} kwa mwaka.',
    },
    optOut: 'Unaweza kuacha wakati wowote: jibu STOP kwa ujumbe wowote kutoka kwa {{business}}, au tumia kiungo cha mapendeleo katika jumbe zetu.',
    optOutWithdrawal: 'Unaweza kuondoa idhini yako wakati wowote, kwa urahisi ule ule uliotoa: jibu STOP kwa ujumbe wowote kutoka kwa {{business}}, au tumia kiungo cha mapendeleo katika jumbe zetu.',
    stopHelp: 'Jibu STOP kusitisha, HELP kupata msaada.',
    rates: 'Gharama za ujumbe na data zinaweza kutozwa.',
    recipient: '{{channel}} hutolewa na {{recipient}}: ili kuwasilisha jumbe hizi, {{business}} hushiriki namba yako na jumbe hizo na {{recipient}}.',
    notConditional: 'Idhini yako si sharti la ununuzi wowote.',
    privacyLink: 'Ilani ya faragha',
    termsLink: 'Masharti ya ujumbe',
  },
  form: {
    phoneLabel: 'Namba ya simu ya mkononi',
    phoneOptionalLabel: 'Shiriki namba yako (si lazima)',
    countryLabel: 'Nchi',
    noCountry: 'Kimataifa (+)',
    countryButton: 'Nchi: {{country}} {{dialCode}}',
    countryButtonNone: 'Nchi: hakuna, namba ya kimataifa',
    countrySearchLabel: 'Tafuta nchi kwa jina au msimbo wa kupiga simu',
    countryResults_one: 'Nchi {{count}} imepatikana',
    countryResults_other: 'Nchi {{count}} zimepatikana',
    countryNoResults: 'Hakuna nchi inayolingana na “{{query}}”.',
    preferredCountries: 'Zinazopendekezwa',
    allCountries: 'Nchi zote',
    categoriesLegend: 'Ungependa kupokea nini?',
    whatsappBadge: 'WhatsApp',
    submit: 'Jisajili',
    sending: 'Inatuma…',
    queued: 'Imehifadhiwa kwenye kifaa hiki. Itatumwa yenyewe mara muunganisho utakaporudi.',
    success: 'Asante! Chaguo lako limehifadhiwa.',
    failed: 'Hatukuweza kuhifadhi chaguo lako. Tafadhali jaribu tena.',
    textChanged: 'Maandishi ya idhini yamebadilika kulingana na nchi ya namba yako. Tafadhali yasome na uchague tena.',
  },
  error: {
    noCategory: 'Chagua angalau aina moja ya ujumbe ili kujisajili.',
    requiredCategory: 'Chagua “{{label}}” ili kujisajili.',
    phone: {
      required: 'Weka namba yako ya simu ya mkononi.',
      'too-short': 'Namba hii ni fupi mno.',
      'too-long': 'Namba hii ni ndefu mno.',
      'invalid-country': 'Chagua nchi yako, au anza namba kwa + na msimbo wa nchi.',
      invalid: 'Namba hii si sahihi. Iangalie pamoja na nchi.',
      invalidForCountry: 'Namba hii si sahihi kwa {{country}}. Iangalie pamoja na nchi.',
      'not-mobile': 'Weka namba ya simu ya mkononi: hii ni simu ya mezani au aina nyingine ya laini.',
      pending: 'Tunakagua namba… jaribu tena baada ya muda mfupi.',
      unavailable: 'Namba hii haiwezi kukaguliwa sasa hivi. Pakia ukurasa upya kisha ujaribu tena.',
    },
  },
  config: {
    title: 'Fomu hii ya kujisajili haijawekwa ipasavyo',
    hint: 'Mwandishi wa ukurasa pekee ndiye anayeona ilani hii. Maelezo yako kwenye konsoli ya kivinjari.',
  },
} satisfies LocaleResource;
