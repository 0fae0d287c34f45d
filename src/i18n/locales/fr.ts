import type { LocaleResource } from '../supported-locales.js';

/**
 * French (Français). Same keys as en.ts (checked by test/node/locale-parity.test.ts).
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
      label: 'Offres et promotions',
      description: 'réductions, soldes et nouveaux produits',
    },
    announcements: {
      label: 'Actualités et annonces',
      description: 'événements, nouveaux magasins et changements de notre service',
    },
    'order-updates': {
      label: 'Suivi des commandes',
      description: 'confirmations, expédition et livraison de vos commandes',
    },
    'appointment-reminders': {
      label: 'Rappels de rendez-vous',
      description: 'rappels et modifications de vos réservations',
    },
    'account-alerts': {
      label: 'Alertes de compte',
      description: 'avis de sécurité et changements importants de votre compte',
    },
    support: {
      label: 'Service client',
      description: 'réponses à vos questions et suivi',
    },
  },
  notice: {
    lead: 'J’accepte de recevoir des messages de {{business}} concernant les sujets que je coche ci-dessous.',
    leadOnChannel: 'J’accepte de recevoir des messages de {{business}} sur {{channel}} concernant les sujets que je coche ci-dessous.',
    requiredMarker: '(obligatoire)',
    requiredNote: 'Les sujets marqués {{marker}} sont nécessaires à un service que vous avez demandé, comme le suivi de votre commande ; ils ne sont jamais cochés à votre place.',
    frequency: {
      day_one: 'Jusqu’à {{count}} message par jour.',
      day_many: 'Jusqu’à {{count}} messages par jour.',
      day_other: 'Jusqu’à {{count}} messages par jour.',
      week_one: 'Jusqu’à {{count}} message par semaine.',
      week_many: 'Jusqu’à {{count}} messages par semaine.',
      week_other: 'Jusqu’à {{count}} messages par semaine.',
      month_one: 'Jusqu’à {{count}} message par mois.',
      month_many: 'Jusqu’à {{count}} messages par mois.',
      month_other: 'Jusqu’à {{count}} messages par mois.',
      year_one: 'Jusqu’à {{count}} message par an.',
      year_many: 'Jusqu’à {{count}} messages par an.',
      year_other: 'Jusqu’à {{count}} messages par an.',
    },
    optOut: 'Vous pouvez arrêter à tout moment : répondez STOP à n’importe quel message de {{business}} ou utilisez le lien de préférences de nos messages.',
    optOutWithdrawal: 'Vous pouvez retirer votre consentement à tout moment, aussi facilement que vous l’avez donné : répondez STOP à n’importe quel message de {{business}} ou utilisez le lien de préférences de nos messages.',
    stopHelp: 'Répondez STOP pour vous désabonner, HELP pour obtenir de l’aide.',
    rates: 'Des frais de messages et de données peuvent s’appliquer.',
    recipient: '{{channel}} est fourni par {{recipient}} : pour acheminer ces messages, {{business}} partage votre numéro et les messages avec {{recipient}}.',
    notConditional: 'Votre consentement n’est une condition d’aucun achat.',
    privacyLink: 'Politique de confidentialité',
    termsLink: 'Conditions des messages',
  },
  form: {
    phoneLabel: 'Numéro de mobile',
    phoneOptionalLabel: 'Indiquez votre numéro (facultatif)',
    countryLabel: 'Pays',
    noCountry: 'International (+)',
    countryButton: 'Pays : {{country}} {{dialCode}}',
    countryButtonNone: 'Pays : aucun, numéro international',
    countrySearchLabel: 'Rechercher un pays par nom ou par indicatif',
    countryResults_one: '{{count}} pays trouvé',
    countryResults_many: '{{count}} pays trouvés',
    countryResults_other: '{{count}} pays trouvés',
    countryNoResults: 'Aucun pays ne correspond à « {{query}} ».',
    preferredCountries: 'Suggestions',
    allCountries: 'Tous les pays',
    categoriesLegend: 'Que souhaitez-vous recevoir ?',
    whatsappBadge: 'WhatsApp',
    submit: 'M’inscrire',
    sending: 'Envoi…',
    queued: 'Enregistré sur cet appareil. Il sera envoyé automatiquement dès le retour de la connexion.',
    success: 'Merci ! Votre choix est enregistré.',
    failed: 'Votre choix n’a pas pu être enregistré. Veuillez réessayer.',
    textChanged: 'Le texte de consentement a changé selon le pays de votre numéro. Veuillez le lire et cocher à nouveau.',
  },
  error: {
    noCategory: 'Cochez au moins un type de message pour vous inscrire.',
    requiredCategory: 'Cochez « {{label}} » pour vous inscrire.',
    phone: {
      required: 'Saisissez votre numéro de mobile.',
      'too-short': 'Ce numéro est trop court.',
      'too-long': 'Ce numéro est trop long.',
      'invalid-country': 'Choisissez votre pays, ou commencez le numéro par + et l’indicatif du pays.',
      invalid: 'Ce numéro n’est pas valide. Vérifiez-le ainsi que le pays.',
      invalidForCountry: 'Ce numéro n’est pas valide pour {{country}}. Vérifiez-le ainsi que le pays.',
      'not-mobile': 'Saisissez un numéro de mobile : celui-ci est un fixe ou un autre type de ligne.',
      pending: 'Vérification du numéro… réessayez dans un instant.',
      unavailable: 'Ce numéro ne peut pas être vérifié pour le moment. Rechargez la page et réessayez.',
    },
  },
  config: {
    title: 'Ce formulaire d’inscription n’est pas correctement configuré',
    hint: 'Seul l’auteur de la page voit cet avis. Les détails figurent dans la console du navigateur.',
  },
} satisfies LocaleResource;
