import type { LocaleResource } from '../supported-locales.js';

/**
 * Spanish (Español). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'correo electrónico',
  },
  category: {
    offers: {
      label: 'Ofertas y promociones',
      description: 'descuentos, rebajas y productos nuevos',
    },
    announcements: {
      label: 'Noticias y anuncios',
      description: 'eventos, nuevas tiendas y cambios en nuestro servicio',
    },
    'order-updates': {
      label: 'Actualizaciones de pedidos',
      description: 'confirmaciones, envío y entrega de tus pedidos',
    },
    'appointment-reminders': {
      label: 'Recordatorios de citas',
      description: 'recordatorios y cambios de tus reservas',
    },
    'account-alerts': {
      label: 'Alertas de la cuenta',
      description: 'avisos de seguridad y cambios importantes en tu cuenta',
    },
    support: {
      label: 'Atención al cliente',
      description: 'respuestas a tus preguntas y seguimiento',
    },
  },
  notice: {
    lead: 'Acepto recibir mensajes de {{business}} sobre los temas que marque a continuación.',
    leadOnChannel: 'Acepto recibir mensajes de {{business}} por {{channel}} sobre los temas que marque a continuación.',
    requiredMarker: '(obligatorio)',
    requiredNote: 'Los temas marcados {{marker}} son necesarios para un servicio que has pedido, como las actualizaciones de tu pedido; nunca se marcan por ti.',
    frequency: {
      day_one: 'Hasta {{count}} mensaje al día.',
      day_many: 'Hasta {{count}} mensajes al día.',
      day_other: 'Hasta {{count}} mensajes al día.',
      week_one: 'Hasta {{count}} mensaje a la semana.',
      week_many: 'Hasta {{count}} mensajes a la semana.',
      week_other: 'Hasta {{count}} mensajes a la semana.',
      month_one: 'Hasta {{count}} mensaje al mes.',
      month_many: 'Hasta {{count}} mensajes al mes.',
      month_other: 'Hasta {{count}} mensajes al mes.',
      year_one: 'Hasta {{count}} mensaje al año.',
      year_many: 'Hasta {{count}} mensajes al año.',
      year_other: 'Hasta {{count}} mensajes al año.',
    },
    optOut: 'Puedes darte de baja en cualquier momento: responde STOP a cualquier mensaje de {{business}} o usa el enlace de preferencias de nuestros mensajes.',
    optOutWithdrawal: 'Puedes retirar tu consentimiento en cualquier momento, tan fácilmente como lo diste: responde STOP a cualquier mensaje de {{business}} o usa el enlace de preferencias de nuestros mensajes.',
    stopHelp: 'Responde STOP para cancelar y HELP para obtener ayuda.',
    rates: 'Pueden aplicarse tarifas de mensajes y datos.',
    recipient: '{{channel}} es un servicio de {{recipient}}: para entregar estos mensajes, {{business}} comparte tu número y los mensajes con {{recipient}}.',
    notConditional: 'Tu consentimiento no es condición para ninguna compra.',
    privacyLink: 'Aviso de privacidad',
    termsLink: 'Condiciones de mensajería',
  },
  form: {
    phoneLabel: 'Número de móvil',
    phoneOptionalLabel: 'Comparte tu número (opcional)',
    countryLabel: 'País',
    noCountry: 'Internacional (+)',
    countryButton: 'País: {{country}} {{dialCode}}',
    countryButtonNone: 'País: ninguno, número internacional',
    countrySearchLabel: 'Busca un país por nombre o prefijo',
    countryResults_one: '{{count}} país encontrado',
    countryResults_many: '{{count}} países encontrados',
    countryResults_other: '{{count}} países encontrados',
    countryNoResults: 'Ningún país coincide con «{{query}}».',
    preferredCountries: 'Sugeridos',
    allCountries: 'Todos los países',
    categoriesLegend: '¿Qué te gustaría recibir?',
    whatsappBadge: 'WhatsApp',
    submit: 'Suscribirme',
    sending: 'Enviando…',
    queued: 'Guardado en este dispositivo. Se enviará automáticamente en cuanto vuelva la conexión.',
    success: '¡Gracias! Tu elección se ha guardado.',
    failed: 'No pudimos guardar tu elección. Inténtalo de nuevo.',
    textChanged: 'El texto de consentimiento ha cambiado según el país de tu número. Léelo y vuelve a marcar las casillas.',
  },
  error: {
    noCategory: 'Marca al menos un tipo de mensaje para suscribirte.',
    requiredCategory: 'Marca «{{label}}» para suscribirte.',
    phone: {
      required: 'Introduce tu número de móvil.',
      'too-short': 'Este número es demasiado corto.',
      'too-long': 'Este número es demasiado largo.',
      'invalid-country': 'Elige tu país o empieza el número con + y el prefijo del país.',
      invalid: 'Este número no es válido. Revísalo junto con el país.',
      invalidForCountry: 'Este número no es válido para {{country}}. Revísalo junto con el país.',
      'not-mobile': 'Introduce un número de móvil: este es un fijo u otro tipo de línea.',
      pending: 'Comprobando el número… inténtalo de nuevo en un momento.',
      unavailable: 'Ahora no se puede comprobar este número. Recarga la página e inténtalo de nuevo.',
    },
  },
  config: {
    title: 'Este formulario de suscripción no está bien configurado',
    hint: 'Solo el autor de la página ve este aviso. Los detalles están en la consola del navegador.',
  },
} satisfies LocaleResource;
