import type { LocaleResource } from '../supported-locales.js';

/**
 * Hindi (हिन्दी). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'ईमेल',
  },
  category: {
    offers: {
      label: 'ऑफ़र और प्रमोशन',
      description: 'छूट, सेल और नए उत्पाद',
    },
    announcements: {
      label: 'समाचार और घोषणाएँ',
      description: 'कार्यक्रम, नए स्टोर और हमारी सेवा में बदलाव',
    },
    'order-updates': {
      label: 'ऑर्डर अपडेट',
      description: 'आपके ऑर्डर की पुष्टि, शिपिंग और डिलीवरी',
    },
    'appointment-reminders': {
      label: 'अपॉइंटमेंट रिमाइंडर',
      description: 'आपकी बुकिंग के रिमाइंडर और उनमें बदलाव',
    },
    'account-alerts': {
      label: 'खाता अलर्ट',
      description: 'सुरक्षा सूचनाएँ और आपके खाते में महत्वपूर्ण बदलाव',
    },
    support: {
      label: 'ग्राहक सहायता',
      description: 'आपके सवालों के जवाब और फ़ॉलो-अप',
    },
  },
  notice: {
    lead: 'मैं नीचे चुने गए विषयों पर {{business}} से संदेश पाने के लिए सहमत हूँ।',
    leadOnChannel: 'मैं नीचे चुने गए विषयों पर {{business}} से {{channel}} पर संदेश पाने के लिए सहमत हूँ।',
    requiredMarker: '(ज़रूरी)',
    requiredNote: '{{marker}} वाले विषय आपकी माँगी गई किसी सेवा के लिए ज़रूरी हैं, जैसे आपके ऑर्डर के अपडेट; इन्हें कभी आपकी ओर से नहीं चुना जाता।',
    frequency: {
      day_one: 'प्रतिदिन अधिकतम {{count}} संदेश।',
      day_other: 'प्रतिदिन अधिकतम {{count}} संदेश।',
      week_one: 'प्रति सप्ताह अधिकतम {{count}} संदेश।',
      week_other: 'प्रति सप्ताह अधिकतम {{count}} संदेश।',
      month_one: 'प्रति माह अधिकतम {{count}} संदेश।',
      month_other: 'प्रति माह अधिकतम {{count}} संदेश।',
      year_one: 'प्रति वर्ष अधिकतम {{count}} संदेश।',
      year_other: 'प्रति वर्ष अधिकतम {{count}} संदेश।',
    },
    optOut: 'आप कभी भी रोक सकते हैं: {{business}} के किसी भी संदेश का जवाब STOP लिखकर दें, या हमारे संदेशों में दिए गए प्राथमिकता लिंक का उपयोग करें।',
    optOutWithdrawal: 'आप अपनी सहमति कभी भी उतनी ही आसानी से वापस ले सकते हैं जितनी आसानी से दी थी: {{business}} के किसी भी संदेश का जवाब STOP लिखकर दें, या हमारे संदेशों में दिए गए प्राथमिकता लिंक का उपयोग करें।',
    stopHelp: 'रद्द करने के लिए STOP, मदद के लिए HELP लिखकर जवाब दें।',
    rates: 'संदेश और डेटा शुल्क लग सकते हैं।',
    recipient: '{{channel}} को {{recipient}} उपलब्ध कराता है: ये संदेश पहुँचाने के लिए {{business}} आपका नंबर और संदेश {{recipient}} के साथ साझा करता है।',
    notConditional: 'आपकी सहमति किसी भी खरीदारी की शर्त नहीं है।',
    privacyLink: 'गोपनीयता सूचना',
    termsLink: 'संदेश सेवा की शर्तें',
  },
  form: {
    phoneLabel: 'मोबाइल नंबर',
    phoneOptionalLabel: 'अपना नंबर साझा करें (वैकल्पिक)',
    countryLabel: 'देश',
    noCountry: 'अंतरराष्ट्रीय (+)',
    countryButton: 'देश: {{country}} {{dialCode}}',
    countryButtonNone: 'देश: कोई नहीं, अंतरराष्ट्रीय नंबर',
    countrySearchLabel: 'नाम या डायल कोड से देश खोजें',
    countryResults_one: '{{count}} देश मिला',
    countryResults_other: '{{count}} देश मिले',
    countryNoResults: '“{{query}}” से कोई देश मेल नहीं खाता।',
    preferredCountries: 'सुझाए गए',
    allCountries: 'सभी देश',
    categoriesLegend: 'आप क्या पाना चाहेंगे?',
    whatsappBadge: 'WhatsApp',
    submit: 'सदस्यता लें',
    sending: 'भेजा जा रहा है…',
    queued: 'इस डिवाइस पर सहेजा गया। कनेक्शन लौटते ही यह अपने आप भेज दिया जाएगा।',
    success: 'धन्यवाद! आपकी पसंद सहेज ली गई है।',
    failed: 'हम आपकी पसंद सहेज नहीं सके। कृपया फिर से कोशिश करें।',
    textChanged: 'आपके नंबर के देश के अनुसार सहमति का पाठ बदल गया है। कृपया इसे पढ़ें और फिर से चुनें।',
  },
  error: {
    noCategory: 'सदस्यता लेने के लिए कम से कम एक प्रकार का संदेश चुनें।',
    requiredCategory: 'सदस्यता लेने के लिए “{{label}}” चुनें।',
    phone: {
      required: 'अपना मोबाइल नंबर दर्ज करें।',
      'too-short': 'यह नंबर बहुत छोटा है।',
      'too-long': 'यह नंबर बहुत लंबा है।',
      'invalid-country': 'अपना देश चुनें, या नंबर की शुरुआत + और देश कोड से करें।',
      invalid: 'यह मान्य नंबर नहीं है। नंबर और देश जाँचें।',
      invalidForCountry: 'यह {{country}} के लिए मान्य नंबर नहीं है। नंबर और देश जाँचें।',
      'not-mobile': 'मोबाइल नंबर दर्ज करें: यह लैंडलाइन या किसी और तरह की लाइन है।',
      pending: 'नंबर जाँचा जा रहा है… थोड़ी देर में फिर कोशिश करें।',
      unavailable: 'यह नंबर अभी जाँचा नहीं जा सकता। पेज फिर से लोड करें और दोबारा कोशिश करें।',
    },
  },
  config: {
    title: 'यह ऑप्ट-इन फ़ॉर्म सही तरह से सेट नहीं है',
    hint: 'यह सूचना केवल पेज के लेखक को दिखती है। विवरण ब्राउज़र कंसोल में हैं।',
  },
} satisfies LocaleResource;
