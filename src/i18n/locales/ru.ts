import type { LocaleResource } from '../supported-locales.js';

/**
 * Russian (Русский). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'электронная почта',
  },
  category: {
    offers: {
      label: 'Предложения и акции',
      description: 'скидки, распродажи и новые товары',
    },
    announcements: {
      label: 'Новости и объявления',
      description: 'мероприятия, новые магазины и изменения в нашем сервисе',
    },
    'order-updates': {
      label: 'Статус заказов',
      description: 'подтверждения, отправка и доставка ваших заказов',
    },
    'appointment-reminders': {
      label: 'Напоминания о записи',
      description: 'напоминания и изменения ваших бронирований',
    },
    'account-alerts': {
      label: 'Уведомления об аккаунте',
      description: 'предупреждения о безопасности и важные изменения в вашем аккаунте',
    },
    support: {
      label: 'Поддержка клиентов',
      description: 'ответы на ваши вопросы и дальнейшая связь',
    },
  },
  notice: {
    lead: 'Я согласен(на) получать сообщения от {{business}} в {{channel}} на темы, отмеченные ниже.',
    requiredMarker: '(обязательно)',
    frequency: {
      day_one: 'Не более {{count}} сообщения в день.',
      day_few: 'Не более {{count}} сообщений в день.',
      day_many: 'Не более {{count}} сообщений в день.',
      day_other: 'Не более {{count}} сообщения в день.',
      week_one: 'Не более {{count}} сообщения в неделю.',
      week_few: 'Не более {{count}} сообщений в неделю.',
      week_many: 'Не более {{count}} сообщений в неделю.',
      week_other: 'Не более {{count}} сообщения в неделю.',
      month_one: 'Не более {{count}} сообщения в месяц.',
      month_few: 'Не более {{count}} сообщений в месяц.',
      month_many: 'Не более {{count}} сообщений в месяц.',
      month_other: 'Не более {{count}} сообщения в месяц.',
      year_one: 'Не более {{count}} сообщения в год.',
      year_few: 'Не более {{count}} сообщений в год.',
      year_many: 'Не более {{count}} сообщений в год.',
      year_other: 'Не более {{count}} сообщения в год.',
    },
    optOut: 'Вы можете отписаться в любой момент: ответьте STOP на любое сообщение от {{business}} или воспользуйтесь ссылкой на настройки в наших сообщениях.',
    privacyLink: 'Политика конфиденциальности',
  },
  form: {
    phoneLabel: 'Номер мобильного телефона',
    phoneOptionalLabel: 'Укажите свой номер (необязательно)',
    countryLabel: 'Страна',
    noCountry: 'Международный (+)',
    countryButton: 'Страна: {{country}} {{dialCode}}',
    countryButtonNone: 'Страна: не выбрана, международный номер',
    countrySearchLabel: 'Найдите страну по названию или коду',
    countryResults_one: 'Найдена {{count}} страна',
    countryResults_few: 'Найдено {{count}} страны',
    countryResults_many: 'Найдено {{count}} стран',
    countryResults_other: 'Найдено {{count}} страны',
    countryNoResults: 'Нет стран, подходящих под «{{query}}».',
    preferredCountries: 'Рекомендуемые',
    allCountries: 'Все страны',
    categoriesLegend: 'Что вы хотите получать?',
    whatsappBadge: 'WhatsApp',
    submit: 'Подписаться',
    sending: 'Отправка…',
    queued: 'Сохранено на этом устройстве. Будет отправлено автоматически, как только появится соединение.',
    success: 'Спасибо! Ваш выбор сохранён.',
    failed: 'Не удалось сохранить ваш выбор. Попробуйте ещё раз.',
  },
  error: {
    noCategory: 'Отметьте хотя бы один тип сообщений, чтобы подписаться.',
    requiredCategory: 'Отметьте «{{label}}», чтобы подписаться.',
    phone: {
      required: 'Введите номер мобильного телефона.',
      'too-short': 'Этот номер слишком короткий.',
      'too-long': 'Этот номер слишком длинный.',
      'invalid-country': 'Выберите страну или начните номер с + и кода страны.',
      invalid: 'Этот номер недействителен. Проверьте номер и страну.',
      invalidForCountry: 'Этот номер недействителен для страны {{country}}. Проверьте номер и страну.',
      'not-mobile': 'Введите номер мобильного: этот номер стационарный или другого типа.',
      pending: 'Проверяем номер… попробуйте ещё раз через мгновение.',
      unavailable: 'Сейчас невозможно проверить этот номер. Перезагрузите страницу и попробуйте снова.',
    },
  },
  config: {
    title: 'Эта форма подписки настроена неправильно',
    hint: 'Это уведомление видит только автор страницы. Подробности — в консоли браузера.',
  },
} satisfies LocaleResource;
