import type { LocaleResource } from '../supported-locales.js';

/**
 * Indonesian (Bahasa Indonesia). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'email',
  },
  category: {
    offers: {
      label: 'Penawaran dan promo',
      description: 'diskon, obral, dan produk baru',
    },
    announcements: {
      label: 'Berita dan pengumuman',
      description: 'acara, toko baru, dan perubahan layanan kami',
    },
    'order-updates': {
      label: 'Info pesanan',
      description: 'konfirmasi, pengiriman, dan penerimaan pesanan Anda',
    },
    'appointment-reminders': {
      label: 'Pengingat janji temu',
      description: 'pengingat dan perubahan reservasi Anda',
    },
    'account-alerts': {
      label: 'Peringatan akun',
      description: 'pemberitahuan keamanan dan perubahan penting pada akun Anda',
    },
    support: {
      label: 'Layanan pelanggan',
      description: 'jawaban atas pertanyaan Anda dan tindak lanjutnya',
    },
  },
  notice: {
    lead: 'Saya setuju menerima pesan dari {{business}} tentang topik yang saya centang di bawah ini.',
    leadOnChannel: 'Saya setuju menerima pesan dari {{business}} melalui {{channel}} tentang topik yang saya centang di bawah ini.',
    requiredMarker: '(wajib)',
    requiredNote: 'Topik bertanda {{marker}} diperlukan untuk layanan yang Anda minta, seperti info pesanan Anda; topik ini tidak pernah dicentang untuk Anda.',
    frequency: {
      day_other: 'Maksimal {{count}} pesan per hari.',
      week_other: 'Maksimal {{count}} pesan per minggu.',
      month_other: 'Maksimal {{count}} pesan per bulan.',
      year_other: 'Maksimal {{count}} pesan per tahun.',
    },
    optOut: 'Anda dapat berhenti kapan saja: balas STOP ke pesan apa pun dari {{business}}, atau gunakan tautan preferensi di pesan kami.',
    optOutWithdrawal: 'Anda dapat menarik persetujuan kapan saja, semudah saat memberikannya: balas STOP ke pesan apa pun dari {{business}}, atau gunakan tautan preferensi di pesan kami.',
    stopHelp: 'Balas STOP untuk berhenti, HELP untuk bantuan.',
    rates: 'Biaya pesan dan data mungkin berlaku.',
    recipient: '{{channel}} disediakan oleh {{recipient}}: untuk mengirim pesan ini, {{business}} membagikan nomor Anda dan pesannya kepada {{recipient}}.',
    notConditional: 'Persetujuan Anda bukan syarat untuk pembelian apa pun.',
    privacyLink: 'Pemberitahuan privasi',
    termsLink: 'Ketentuan pesan',
  },
  form: {
    phoneLabel: 'Nomor ponsel',
    phoneOptionalLabel: 'Bagikan nomor Anda (opsional)',
    countryLabel: 'Negara',
    noCountry: 'Internasional (+)',
    countryButton: 'Negara: {{country}} {{dialCode}}',
    countryButtonNone: 'Negara: tidak ada, nomor internasional',
    countrySearchLabel: 'Cari negara berdasarkan nama atau kode telepon',
    countryResults_other: '{{count}} negara ditemukan',
    countryNoResults: 'Tidak ada negara yang cocok dengan “{{query}}”.',
    preferredCountries: 'Disarankan',
    allCountries: 'Semua negara',
    categoriesLegend: 'Apa yang ingin Anda terima?',
    whatsappBadge: 'WhatsApp',
    submit: 'Berlangganan',
    sending: 'Mengirim…',
    queued: 'Disimpan di perangkat ini. Akan dikirim otomatis begitu koneksi kembali.',
    success: 'Terima kasih! Pilihan Anda telah disimpan.',
    failed: 'Kami tidak dapat menyimpan pilihan Anda. Silakan coba lagi.',
    textChanged: 'Teks persetujuan berubah sesuai negara nomor Anda. Silakan baca dan centang lagi.',
  },
  error: {
    noCategory: 'Centang setidaknya satu jenis pesan untuk berlangganan.',
    requiredCategory: 'Centang “{{label}}” untuk berlangganan.',
    phone: {
      required: 'Masukkan nomor ponsel Anda.',
      'too-short': 'Nomor ini terlalu pendek.',
      'too-long': 'Nomor ini terlalu panjang.',
      'invalid-country': 'Pilih negara Anda, atau awali nomor dengan + dan kode negara.',
      invalid: 'Nomor ini tidak valid. Periksa nomor dan negaranya.',
      invalidForCountry: 'Nomor ini tidak valid untuk {{country}}. Periksa nomor dan negaranya.',
      'not-mobile': 'Masukkan nomor ponsel: nomor ini adalah telepon rumah atau jenis saluran lain.',
      pending: 'Sedang memeriksa nomor… coba lagi sebentar lagi.',
      unavailable: 'Nomor ini tidak dapat diperiksa sekarang. Muat ulang halaman dan coba lagi.',
    },
  },
  config: {
    title: 'Formulir langganan ini belum diatur dengan benar',
    hint: 'Hanya penulis halaman yang melihat pemberitahuan ini. Detailnya ada di konsol browser.',
  },
} satisfies LocaleResource;
