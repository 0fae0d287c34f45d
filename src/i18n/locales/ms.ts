import type { LocaleResource } from '../supported-locales.js';

/**
 * Malay (Bahasa Melayu). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'e-mel',
  },
  category: {
    offers: {
      label: 'Tawaran dan promosi',
      description: 'diskaun, jualan murah dan produk baharu',
    },
    announcements: {
      label: 'Berita dan pengumuman',
      description: 'acara, kedai baharu dan perubahan pada perkhidmatan kami',
    },
    'order-updates': {
      label: 'Kemas kini pesanan',
      description: 'pengesahan, penghantaran dan serahan pesanan anda',
    },
    'appointment-reminders': {
      label: 'Peringatan temu janji',
      description: 'peringatan dan perubahan tempahan anda',
    },
    'account-alerts': {
      label: 'Amaran akaun',
      description: 'notis keselamatan dan perubahan penting pada akaun anda',
    },
    support: {
      label: 'Khidmat pelanggan',
      description: 'jawapan kepada soalan anda dan susulan',
    },
  },
  notice: {
    lead: 'Saya bersetuju menerima mesej daripada {{business}} tentang topik yang saya tandakan di bawah.',
    leadOnChannel: 'Saya bersetuju menerima mesej daripada {{business}} melalui {{channel}} tentang topik yang saya tandakan di bawah.',
    requiredMarker: '(wajib)',
    requiredNote:
      'Topik bertanda {{marker}} diperlukan untuk perkhidmatan yang anda minta, seperti kemas kini pesanan anda; topik ini tidak pernah ditandakan bagi pihak anda.',
    frequency: {
      day_other: 'Sehingga {{count}} mesej sehari.',
      week_other: 'Sehingga {{count}} mesej seminggu.',
      month_other: 'Sehingga {{count}} mesej sebulan.',
      year_other: 'Sehingga {{count}} mesej setahun.',
    },
    optOut: 'Anda boleh berhenti pada bila-bila masa: balas STOP kepada mana-mana mesej daripada {{business}}, atau gunakan pautan keutamaan dalam mesej kami.',
    optOutWithdrawal:
      'Anda boleh menarik balik persetujuan anda pada bila-bila masa, semudah anda memberikannya: balas STOP kepada mana-mana mesej daripada {{business}}, atau gunakan pautan keutamaan dalam mesej kami.',
    stopHelp: 'Balas STOP untuk berhenti, HELP untuk bantuan.',
    rates: 'Caj mesej dan data mungkin dikenakan.',
    recipient:
      '{{channel}} disediakan oleh {{recipient}}: untuk menghantar mesej ini, {{business}} berkongsi nombor anda dan mesej tersebut dengan {{recipient}}.',
    notConditional: 'Persetujuan anda bukan syarat untuk sebarang pembelian.',
    privacyLink: 'Notis privasi',
    termsLink: 'Terma pemesejan',
    senderAddress: 'Dihantar oleh {{business}}, {{address}}.',
    senderContact: 'Hubungi {{business}}: {{contact}}.',
  },
  form: {
    phoneLabel: 'Nombor telefon bimbit',
    phoneOptionalLabel: 'Kongsi nombor anda (pilihan)',
    countryLabel: 'Negara',
    noCountry: 'Antarabangsa (+)',
    countryButton: 'Negara: {{country}} {{dialCode}}',
    countryButtonNone: 'Negara: tiada, nombor antarabangsa',
    countrySearchLabel: 'Cari negara mengikut nama atau kod dail',
    countryResults_other: '{{count}} negara ditemui',
    countryNoResults: 'Tiada negara yang sepadan dengan “{{query}}”.',
    preferredCountries: 'Dicadangkan',
    allCountries: 'Semua negara',
    categoriesLegend: 'Apakah yang anda ingin terima?',
    whatsappBadge: 'WhatsApp',
    submit: 'Langgan',
    sending: 'Menghantar…',
    queued: 'Disimpan pada peranti ini. Akan dihantar secara automatik sebaik sahaja sambungan pulih.',
    success: 'Terima kasih! Pilihan anda telah disimpan.',
    failed: 'Kami tidak dapat menyimpan pilihan anda. Sila cuba lagi.',
    textChanged: 'Teks persetujuan telah berubah mengikut negara nombor anda. Sila baca dan tandakan semula.',
    close: 'Tutup',
  },
  error: {
    noCategory: 'Tandakan sekurang-kurangnya satu jenis mesej untuk melanggan.',
    requiredCategory: 'Tandakan “{{label}}” untuk melanggan.',
    notForCountry: 'Borang ini belum menerima nombor dari negara ini.',
    phone: {
      required: 'Masukkan nombor telefon bimbit anda.',
      'too-short': 'Nombor ini terlalu pendek.',
      'too-long': 'Nombor ini terlalu panjang.',
      'invalid-country': 'Pilih negara anda, atau mulakan nombor dengan + dan kod negara.',
      invalid: 'Nombor ini tidak sah. Semak nombor dan negaranya.',
      invalidForCountry: 'Nombor ini tidak sah untuk {{country}}. Semak nombor dan negaranya.',
      'not-mobile': 'Masukkan nombor telefon bimbit: nombor ini talian tetap atau jenis talian lain.',
      'country-not-allowed': 'Borang ini tidak menerima nombor dari negara ini.',
      pending: 'Sedang menyemak nombor… cuba lagi sebentar lagi.',
      unavailable: 'Nombor ini tidak dapat disemak sekarang. Muat semula halaman dan cuba lagi.',
    },
  },
  preferences: {
    configTitle: 'Pusat keutamaan ini tidak disediakan dengan betul',
    lead: 'Mesej anda daripada {{business}} melalui {{channel}}. Hentikan mana-mana jenis, atau semuanya, pada bila-bila masa.',
    receiving: 'aktif',
    stopped: 'dihentikan',
    stopAllExplained: 'Hentikan semua: tiada lagi mesej daripada {{business}} dalam apa jua bentuk.',
    how: 'Setiap perubahan disimpan sebagai rekod bertandatangan. Berhenti tidak pernah memerlukan log masuk.',
    stop: 'Hentikan',
    stopLabel: 'Hentikan “{{label}}”',
    resume: 'Sambung semula',
    resumeLabel: 'Sambung semula “{{label}}”',
    stopAll: 'Hentikan semua',
    loading: 'Memuatkan keutamaan anda…',
    saving: 'Menyimpan…',
    saved: 'Disimpan. Ini pilihan semasa anda.',
    stoppedAll: 'Selesai. Anda tidak akan menerima sebarang mesej lagi daripada {{business}}.',
    failed: 'Kami tidak dapat menyimpan pilihan anda. Sila cuba lagi.',
    expired: 'Pautan keutamaan ini telah tamat tempoh, jadi kami tidak dapat menunjukkan pilihan semasa anda. Anda masih boleh menghentikan mesej di bawah.',
    invalidLink: 'Pautan keutamaan ini tidak sah, jadi kami tidak dapat menunjukkan pilihan semasa anda. Anda masih boleh menghentikan mesej di bawah.',
    loadFailed: 'Kami tidak dapat memuatkan pilihan semasa anda. Anda masih boleh menghentikan mesej di bawah.',
  },
  confirm: {
    lead: 'Satu langkah lagi: sahkan di WhatsApp bahawa nombor ini milik anda.',
    link: 'Sahkan di WhatsApp',
    code: 'Kod anda: {{code}}',
    qr: 'Atau imbas kod ini dengan telefon anda untuk mengesahkan',
    message: 'Saya mengesahkan langganan saya kepada {{business}}. Kod: {{code}}',
  },
  config: {
    title: 'Borang langganan ini tidak disediakan dengan betul',
    hint: 'Notis ini untuk pengarang halaman: ia menggantikan borang sehingga tetapan dibetulkan. Butiran ada dalam konsol pelayar.',
  },
} satisfies LocaleResource;
