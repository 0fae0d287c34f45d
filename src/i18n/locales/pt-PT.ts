import type { LocaleResource } from '../supported-locales.js';

/**
 * Portuguese, Portugal (Português europeu). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
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
      label: 'Ofertas e promoções',
      description: 'descontos, saldos e novos produtos',
    },
    announcements: {
      label: 'Novidades e anúncios',
      description: 'eventos, novas lojas e alterações ao nosso serviço',
    },
    'order-updates': {
      label: 'Atualizações de encomendas',
      description: 'confirmações, envio e entrega das suas encomendas',
    },
    'appointment-reminders': {
      label: 'Lembretes de marcações',
      description: 'lembretes e alterações das suas marcações',
    },
    'account-alerts': {
      label: 'Alertas da conta',
      description: 'avisos de segurança e alterações importantes à sua conta',
    },
    support: {
      label: 'Apoio ao cliente',
      description: 'respostas às suas perguntas e acompanhamento',
    },
  },
  notice: {
    lead: 'Aceito receber mensagens de {{business}} sobre os temas que assinalar abaixo.',
    leadOnChannel: 'Aceito receber mensagens de {{business}} através do {{channel}} sobre os temas que assinalar abaixo.',
    requiredMarker: '(obrigatório)',
    requiredNote: 'Os temas assinalados com {{marker}} são necessários para um serviço que pediu, como atualizações da sua encomenda; nunca são assinalados por si.',
    frequency: {
      day_one: 'Até {{count}} mensagem por dia.',
      day_many: 'Até {{count}} mensagens por dia.',
      day_other: 'Até {{count}} mensagens por dia.',
      week_one: 'Até {{count}} mensagem por semana.',
      week_many: 'Até {{count}} mensagens por semana.',
      week_other: 'Até {{count}} mensagens por semana.',
      month_one: 'Até {{count}} mensagem por mês.',
      month_many: 'Até {{count}} mensagens por mês.',
      month_other: 'Até {{count}} mensagens por mês.',
      year_one: 'Até {{count}} mensagem por ano.',
      year_many: 'Até {{count}} mensagens por ano.',
      year_other: 'Até {{count}} mensagens por ano.',
    },
    optOut: 'Pode parar a qualquer momento: responda STOP a qualquer mensagem de {{business}} ou utilize a ligação de preferências nas nossas mensagens.',
    optOutWithdrawal: 'Pode retirar o seu consentimento a qualquer momento, tão facilmente como o deu: responda STOP a qualquer mensagem de {{business}} ou utilize a ligação de preferências nas nossas mensagens.',
    stopHelp: 'Responda STOP para cancelar e HELP para obter ajuda.',
    rates: 'Podem aplicar-se tarifas de mensagens e dados.',
    recipient: 'O {{channel}} é fornecido por {{recipient}}: para entregar estas mensagens, {{business}} partilha o seu número e as mensagens com {{recipient}}.',
    notConditional: 'O seu consentimento não é condição para qualquer compra.',
    privacyLink: 'Aviso de privacidade',
    termsLink: 'Termos das mensagens',
  },
  form: {
    phoneLabel: 'Número de telemóvel',
    phoneOptionalLabel: 'Partilhe o seu número (opcional)',
    countryLabel: 'País',
    noCountry: 'Internacional (+)',
    countryButton: 'País: {{country}} {{dialCode}}',
    countryButtonNone: 'País: nenhum, número internacional',
    countrySearchLabel: 'Procure um país pelo nome ou pelo indicativo',
    countryResults_one: '{{count}} país encontrado',
    countryResults_many: '{{count}} países encontrados',
    countryResults_other: '{{count}} países encontrados',
    countryNoResults: 'Nenhum país corresponde a «{{query}}».',
    preferredCountries: 'Sugeridos',
    allCountries: 'Todos os países',
    categoriesLegend: 'O que gostaria de receber?',
    whatsappBadge: 'WhatsApp',
    submit: 'Subscrever',
    sending: 'A enviar…',
    queued: 'Guardado neste dispositivo. Será enviado automaticamente assim que a ligação voltar.',
    success: 'Obrigado! A sua escolha foi guardada.',
    failed: 'Não foi possível guardar a sua escolha. Tente novamente.',
    textChanged: 'O texto de consentimento mudou de acordo com o país do seu número. Leia-o e assinale novamente.',
  },
  error: {
    noCategory: 'Assinale pelo menos um tipo de mensagem para subscrever.',
    requiredCategory: 'Assinale «{{label}}» para subscrever.',
    phone: {
      required: 'Introduza o seu número de telemóvel.',
      'too-short': 'Este número é demasiado curto.',
      'too-long': 'Este número é demasiado longo.',
      'invalid-country': 'Escolha o seu país ou comece o número com + e o indicativo do país.',
      invalid: 'Este número não é válido. Verifique-o e ao país.',
      invalidForCountry: 'Este número não é válido para {{country}}. Verifique-o e ao país.',
      'not-mobile': 'Introduza um número de telemóvel: este é um fixo ou outro tipo de linha.',
      pending: 'A verificar o número… tente novamente daqui a pouco.',
      unavailable: 'Não é possível verificar este número agora. Recarregue a página e tente novamente.',
    },
  },
  config: {
    title: 'Este formulário de subscrição não está configurado corretamente',
    hint: 'Só o autor da página vê este aviso. Os detalhes estão na consola do navegador.',
  },
} satisfies LocaleResource;
