import type { LocaleResource } from '../supported-locales.js';

/**
 * Portuguese, Brazil (Português do Brasil). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
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
      description: 'descontos, liquidações e novos produtos',
    },
    announcements: {
      label: 'Novidades e avisos',
      description: 'eventos, novas lojas e mudanças no nosso serviço',
    },
    'order-updates': {
      label: 'Atualizações de pedidos',
      description: 'confirmações, envio e entrega dos seus pedidos',
    },
    'appointment-reminders': {
      label: 'Lembretes de agendamentos',
      description: 'lembretes e alterações dos seus agendamentos',
    },
    'account-alerts': {
      label: 'Alertas da conta',
      description: 'avisos de segurança e mudanças importantes na sua conta',
    },
    support: {
      label: 'Atendimento ao cliente',
      description: 'respostas às suas perguntas e acompanhamento',
    },
  },
  notice: {
    lead: 'Aceito receber mensagens de {{business}} sobre os assuntos que eu marcar abaixo.',
    leadOnChannel: 'Aceito receber mensagens de {{business}} pelo {{channel}} sobre os assuntos que eu marcar abaixo.',
    requiredMarker: '(obrigatório)',
    requiredNote: 'Os assuntos marcados {{marker}} são necessários para um serviço que você pediu, como atualizações do seu pedido; eles nunca são marcados por você.',
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
    optOut: 'Você pode parar quando quiser: responda STOP a qualquer mensagem de {{business}} ou use o link de preferências nas nossas mensagens.',
    optOutWithdrawal: 'Você pode retirar seu consentimento a qualquer momento, tão facilmente quanto o deu: responda STOP a qualquer mensagem de {{business}} ou use o link de preferências nas nossas mensagens.',
    stopHelp: 'Responda STOP para cancelar e HELP para obter ajuda.',
    rates: 'Podem ser cobradas tarifas de mensagens e dados.',
    recipient: '{{channel}} é fornecido por {{recipient}}: para entregar estas mensagens, {{business}} compartilha seu número e as mensagens com {{recipient}}.',
    notConditional: 'Seu consentimento não é condição para nenhuma compra.',
    privacyLink: 'Aviso de privacidade',
    termsLink: 'Termos de mensagens',
  },
  form: {
    phoneLabel: 'Número de celular',
    phoneOptionalLabel: 'Informe seu número (opcional)',
    countryLabel: 'País',
    noCountry: 'Internacional (+)',
    countryButton: 'País: {{country}} {{dialCode}}',
    countryButtonNone: 'País: nenhum, número internacional',
    countrySearchLabel: 'Pesquise um país pelo nome ou pelo código de discagem',
    countryResults_one: '{{count}} país encontrado',
    countryResults_many: '{{count}} países encontrados',
    countryResults_other: '{{count}} países encontrados',
    countryNoResults: 'Nenhum país corresponde a “{{query}}”.',
    preferredCountries: 'Sugeridos',
    allCountries: 'Todos os países',
    categoriesLegend: 'O que você gostaria de receber?',
    whatsappBadge: 'WhatsApp',
    submit: 'Inscrever-me',
    sending: 'Enviando…',
    queued: 'Salvo neste dispositivo. Será enviado automaticamente assim que a conexão voltar.',
    success: 'Obrigado! Sua escolha foi salva.',
    failed: 'Não conseguimos salvar sua escolha. Tente novamente.',
    textChanged: 'O texto de consentimento mudou de acordo com o país do seu número. Leia-o e marque novamente.',
  },
  error: {
    noCategory: 'Marque pelo menos um tipo de mensagem para se inscrever.',
    requiredCategory: 'Marque “{{label}}” para se inscrever.',
    phone: {
      required: 'Informe seu número de celular.',
      'too-short': 'Este número é curto demais.',
      'too-long': 'Este número é longo demais.',
      'invalid-country': 'Escolha seu país ou comece o número com + e o código do país.',
      invalid: 'Este número não é válido. Confira o número e o país.',
      invalidForCountry: 'Este número não é válido para {{country}}. Confira o número e o país.',
      'not-mobile': 'Informe um número de celular: este é um fixo ou outro tipo de linha.',
      pending: 'Verificando o número… tente novamente em instantes.',
      unavailable: 'Não é possível verificar este número agora. Recarregue a página e tente novamente.',
    },
  },
  config: {
    title: 'Este formulário de inscrição não está configurado corretamente',
    hint: 'Só o autor da página vê este aviso. Os detalhes estão no console do navegador.',
  },
} satisfies LocaleResource;
