import type { LocaleResource } from '../supported-locales.js';

/**
 * Arabic (العربية), written right to left. Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'البريد الإلكتروني',
  },
  category: {
    offers: {
      label: 'العروض والتخفيضات',
      description: 'الخصومات والتنزيلات والمنتجات الجديدة',
    },
    announcements: {
      label: 'الأخبار والإعلانات',
      description: 'الفعاليات والمتاجر الجديدة والتغييرات في خدمتنا',
    },
    'order-updates': {
      label: 'تحديثات الطلبات',
      description: 'تأكيد طلباتك وشحنها وتوصيلها',
    },
    'appointment-reminders': {
      label: 'تذكيرات المواعيد',
      description: 'تذكيرات بحجوزاتك والتغييرات عليها',
    },
    'account-alerts': {
      label: 'تنبيهات الحساب',
      description: 'إشعارات الأمان والتغييرات المهمة في حسابك',
    },
    support: {
      label: 'خدمة العملاء',
      description: 'الإجابة عن أسئلتك ومتابعتها',
    },
  },
  notice: {
    lead: 'أوافق على تلقّي رسائل من {{business}} عبر {{channel}} حول المواضيع التي أحددها أدناه.',
    requiredMarker: '(مطلوب)',
    frequency: {
      day_zero: '{{count}} رسالة يوميًا.',
      day_one: 'رسالة واحدة يوميًا كحد أقصى.',
      day_two: 'رسالتان يوميًا كحد أقصى.',
      day_few: '{{count}} رسائل يوميًا كحد أقصى.',
      day_many: '{{count}} رسالة يوميًا كحد أقصى.',
      day_other: '{{count}} رسالة يوميًا كحد أقصى.',
      week_zero: '{{count}} رسالة أسبوعيًا.',
      week_one: 'رسالة واحدة أسبوعيًا كحد أقصى.',
      week_two: 'رسالتان أسبوعيًا كحد أقصى.',
      week_few: '{{count}} رسائل أسبوعيًا كحد أقصى.',
      week_many: '{{count}} رسالة أسبوعيًا كحد أقصى.',
      week_other: '{{count}} رسالة أسبوعيًا كحد أقصى.',
      month_zero: '{{count}} رسالة شهريًا.',
      month_one: 'رسالة واحدة شهريًا كحد أقصى.',
      month_two: 'رسالتان شهريًا كحد أقصى.',
      month_few: '{{count}} رسائل شهريًا كحد أقصى.',
      month_many: '{{count}} رسالة شهريًا كحد أقصى.',
      month_other: '{{count}} رسالة شهريًا كحد أقصى.',
      year_zero: '{{count}} رسالة سنويًا.',
      year_one: 'رسالة واحدة سنويًا كحد أقصى.',
      year_two: 'رسالتان سنويًا كحد أقصى.',
      year_few: '{{count}} رسائل سنويًا كحد أقصى.',
      year_many: '{{count}} رسالة سنويًا كحد أقصى.',
      year_other: '{{count}} رسالة سنويًا كحد أقصى.',
    },
    optOut: 'يمكنك التوقف في أي وقت: أرسل STOP ردًا على أي رسالة من {{business}}، أو استخدم رابط التفضيلات في رسائلنا.',
    privacyLink: 'إشعار الخصوصية',
  },
  form: {
    phoneLabel: 'رقم الجوال',
    phoneOptionalLabel: 'شارك رقمك (اختياري)',
    countryLabel: 'الدولة',
    noCountry: 'دولي (+)',
    categoriesLegend: 'ما الذي تودّ تلقّيه؟',
    whatsappBadge: 'واتساب',
    submit: 'اشترك',
    sending: 'جارٍ الإرسال…',
    success: 'شكرًا لك! تم حفظ اختيارك.',
    failed: 'تعذّر حفظ اختيارك. يُرجى المحاولة مرة أخرى.',
  },
  error: {
    noCategory: 'حدّد نوعًا واحدًا على الأقل من الرسائل للاشتراك.',
    requiredCategory: 'حدّد «{{label}}» للاشتراك.',
    phone: {
      required: 'أدخل رقم جوالك.',
      'too-short': 'هذا الرقم قصير جدًا.',
      'too-long': 'هذا الرقم طويل جدًا.',
      'invalid-country': 'اختر دولتك، أو ابدأ الرقم بعلامة + ورمز الدولة.',
      invalid: 'هذا الرقم غير صالح. تحقّق منه ومن الدولة.',
    },
  },
  config: {
    title: 'نموذج الاشتراك هذا غير مُعدّ بشكل صحيح',
    hint: 'يرى هذا الإشعار مؤلف الصفحة فقط. التفاصيل في وحدة تحكم المتصفح.',
  },
} satisfies LocaleResource;
