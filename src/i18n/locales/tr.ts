import type { LocaleResource } from '../supported-locales.js';

/**
 * Turkish (Türkçe). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'e-posta',
  },
  category: {
    offers: {
      label: 'Teklifler ve kampanyalar',
      description: 'indirimler, fırsatlar ve yeni ürünler',
    },
    announcements: {
      label: 'Haberler ve duyurular',
      description: 'etkinlikler, yeni mağazalar ve hizmetimizdeki değişiklikler',
    },
    'order-updates': {
      label: 'Sipariş bildirimleri',
      description: 'siparişlerinizin onayı, kargosu ve teslimatı',
    },
    'appointment-reminders': {
      label: 'Randevu hatırlatmaları',
      description: 'rezervasyonlarınızla ilgili hatırlatmalar ve değişiklikler',
    },
    'account-alerts': {
      label: 'Hesap uyarıları',
      description: 'güvenlik bildirimleri ve hesabınızdaki önemli değişiklikler',
    },
    support: {
      label: 'Müşteri desteği',
      description: 'sorularınızın yanıtları ve takibi',
    },
  },
  notice: {
    lead: '{{business}} tarafından aşağıda işaretlediğim konularda mesaj almayı kabul ediyorum.',
    leadOnChannel: '{{business}} tarafından {{channel}} üzerinden aşağıda işaretlediğim konularda mesaj almayı kabul ediyorum.',
    requiredMarker: '(zorunlu)',
    requiredNote: '{{marker}} ile işaretli konular, siparişinizle ilgili bildirimler gibi talep ettiğiniz bir hizmet için gereklidir; asla sizin yerinize işaretlenmez.',
    frequency: {
      day_one: 'Günde en fazla {{count}} mesaj.',
      day_other: 'Günde en fazla {{count}} mesaj.',
      week_one: 'Haftada en fazla {{count}} mesaj.',
      week_other: 'Haftada en fazla {{count}} mesaj.',
      month_one: 'Ayda en fazla {{count}} mesaj.',
      month_other: 'Ayda en fazla {{count}} mesaj.',
      year_one: 'Yılda en fazla {{count}} mesaj.',
      year_other: 'Yılda en fazla {{count}} mesaj.',
    },
    optOut: 'İstediğiniz zaman durdurabilirsiniz: {{business}} tarafından gönderilen herhangi bir mesaja STOP yazarak yanıt verin veya mesajlarımızdaki tercih bağlantısını kullanın.',
    optOutWithdrawal: 'Onayınızı, verdiğiniz kadar kolay bir şekilde istediğiniz zaman geri alabilirsiniz: {{business}} tarafından gönderilen herhangi bir mesaja STOP yazarak yanıt verin veya mesajlarımızdaki tercih bağlantısını kullanın.',
    stopHelp: 'İptal için STOP, yardım için HELP yazın.',
    rates: 'Mesaj ve veri ücretleri uygulanabilir.',
    recipient: '{{channel}} hizmetini {{recipient}} sağlar: bu mesajları iletmek için {{business}}, numaranızı ve mesajları {{recipient}} ile paylaşır.',
    notConditional: 'Onayınız hiçbir satın alma için koşul değildir.',
    privacyLink: 'Gizlilik bildirimi',
    termsLink: 'Mesajlaşma koşulları',
  },
  form: {
    phoneLabel: 'Cep telefonu numarası',
    phoneOptionalLabel: 'Numaranızı paylaşın (isteğe bağlı)',
    countryLabel: 'Ülke',
    noCountry: 'Uluslararası (+)',
    countryButton: 'Ülke: {{country}} {{dialCode}}',
    countryButtonNone: 'Ülke: yok, uluslararası numara',
    countrySearchLabel: 'Ülkeyi adına veya alan koduna göre arayın',
    countryResults_one: '{{count}} ülke bulundu',
    countryResults_other: '{{count}} ülke bulundu',
    countryNoResults: '“{{query}}” ile eşleşen ülke yok.',
    preferredCountries: 'Önerilenler',
    allCountries: 'Tüm ülkeler',
    categoriesLegend: 'Neler almak istersiniz?',
    whatsappBadge: 'WhatsApp',
    submit: 'Abone ol',
    sending: 'Gönderiliyor…',
    queued: 'Bu cihaza kaydedildi. Bağlantı geri gelir gelmez otomatik olarak gönderilecek.',
    success: 'Teşekkürler! Seçiminiz kaydedildi.',
    failed: 'Seçiminizi kaydedemedik. Lütfen tekrar deneyin.',
    textChanged: 'Onay metni numaranızın ülkesine göre değişti. Lütfen okuyun ve yeniden işaretleyin.',
  },
  error: {
    noCategory: 'Abone olmak için en az bir mesaj türünü işaretleyin.',
    requiredCategory: 'Abone olmak için “{{label}}” seçeneğini işaretleyin.',
    phone: {
      required: 'Cep telefonu numaranızı girin.',
      'too-short': 'Bu numara çok kısa.',
      'too-long': 'Bu numara çok uzun.',
      'invalid-country': 'Ülkenizi seçin veya numaraya + ve ülke koduyla başlayın.',
      invalid: 'Bu geçerli bir numara değil. Numarayı ve ülkeyi kontrol edin.',
      invalidForCountry: 'Bu, {{country}} için geçerli bir numara değil. Numarayı ve ülkeyi kontrol edin.',
      'not-mobile': 'Bir cep telefonu numarası girin: bu numara sabit hat veya başka bir hat türü.',
      pending: 'Numara kontrol ediliyor… birazdan tekrar deneyin.',
      unavailable: 'Bu numara şu anda kontrol edilemiyor. Sayfayı yenileyip tekrar deneyin.',
    },
  },
  config: {
    title: 'Bu abonelik formu doğru yapılandırılmamış',
    hint: 'Bu bildirimi yalnızca sayfanın yazarı görür. Ayrıntılar tarayıcı konsolunda.',
  },
} satisfies LocaleResource;
