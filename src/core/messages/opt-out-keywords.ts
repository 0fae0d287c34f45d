/**
 * Recognises STOP-type, resume and HELP replies to business messages, so a
 * WhatsApp or SMS webhook can turn an inbound reply into an opt-out record.
 *
 * A stop is conclusive when the whole message (after trimming whitespace and
 * surrounding punctuation, ignoring case and accents, and dropping a "please"
 * or "thanks") is a stop word or phrase of ANY bundled language, whatever the
 * person's last locale: the FCC's words (STOP, QUIT, END, REVOKE, OPT OUT,
 * CANCEL, UNSUBSCRIBE) and their equivalents. A few words are ordinary words
 * in another language ("fine" is Italian for "end" but English for "ok"):
 * those are conclusive only in their own language, and otherwise reported as
 * `possible-opt-out` for a person to review. A message that merely contains a
 * stop word ("don't stop", "stop sending me the wrong size") is
 * `possible-opt-out` too, never a withdrawal by itself. Resume words count only
 * in English and the person's own language: when in doubt, never restart.
 */

export type ReplyIntent = 'stop' | 'resume' | 'help' | 'possible-opt-out';

export interface ReplyKeywords {
  stop: readonly string[];
  resume: readonly string[];
}

/** Conclusive stop phrases people type, beyond single keywords (English and Spanish, as the contract lists). */
export const STOP_PHRASES: readonly string[] = [
  'remove',
  'remove me',
  'stop promotions',
  'stop texting me',
  'stop texting',
  'stop messaging me',
  'stop sending me messages',
  'stop sending messages',
  'stop all messages',
  'no more messages',
  'take me off your list',
  'do not text me',
  "don't text me",
  'do not contact me',
  'no más',
  'no mas mensajes',
];

/** Words that are ordinary words in another bundled language: conclusive only in the locale that lists them. */
export const AMBIGUOUS_STOP_WORDS: ReadonlySet<string> = new Set(['fine', 'fin', 'alto', 'dur', 'ret', 'acha', 'pare', 'selesai', 'toka', 'bitir']);

/** HELP in every bundled language: the SMS text promises it is answered. */
export const HELP_WORDS: readonly string[] = [
  'help',
  'info',
  'ayuda',
  'ajuda',
  'aide',
  'hilfe',
  'aiuto',
  'hulp',
  'pomoc',
  'yardım',
  'помощь',
  'مساعدة',
  'עזרה',
  'मदद',
  'bantuan',
  'tolong',
  'msaada',
];

/** Politeness around a stop that does not change it. */
const POLITENESS = /^(?:please|pls|plz|kindly|por favor|bitte)\s+|\s+(?:please|pls|plz|thanks|thank you|thx|por favor|bitte|danke)$/;

/** Stems that make a longer message worth a person's review. */
const REVIEW_STEMS =
  /(?:^|[^\p{L}])(?:stop|stopp|unsubscribe|opt ?out|remove me|no more|baja|abmelden|arreter|desabonn|desinscri|disiscriv|afmelden|uitschrijven|wypisz|descadastr|отпис|стоп|berhenti|iptal)(?:$|[^\p{L}])/u;

/**
 * Keywords per bundled locale. English keywords are understood in every
 * locale (STOP is the international convention); each locale adds its own.
 * Kept in core, not in the i18n resources: these are what people type, not what we show.
 */
export const OPT_OUT_KEYWORDS: Readonly<Record<string, ReplyKeywords>> = {
  en: {
    stop: ['stop', 'stop all', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'opt out', 'optout', 'opt-out', 'revoke'],
    resume: ['start', 'unstop', 'resume', 'subscribe', 'opt in', 'optin', 'opt-in'],
  },
  es: {
    stop: ['baja', 'darme de baja', 'dar de baja', 'parar', 'detener', 'cancelar', 'alto', 'fin', 'salir', 'anular', 'desuscribir'],
    resume: ['alta', 'reanudar', 'iniciar', 'comenzar', 'empezar', 'suscribir', 'volver'],
  },
  'pt-BR': {
    stop: ['parar', 'pare', 'sair', 'cancelar', 'descadastrar', 'remover', 'fim', 'desinscrever', 'cancelar inscrição'],
    resume: ['voltar', 'retomar', 'iniciar', 'começar', 'reativar', 'inscrever'],
  },
  'pt-PT': {
    stop: ['parar', 'pare', 'sair', 'cancelar', 'anular', 'terminar', 'remover', 'fim', 'cancelar subscrição'],
    resume: ['voltar', 'retomar', 'iniciar', 'começar', 'reativar', 'subscrever'],
  },
  fr: {
    stop: ['arrêt', 'arrêter', 'arrête', 'désabonner', 'désabonnement', 'désinscrire', 'désinscription', 'annuler', 'fin', 'quitter'],
    resume: ['reprendre', 'démarrer', 'abonner', 'réabonner', 'réactiver'],
  },
  de: {
    stop: ['stopp', 'abmelden', 'beenden', 'kündigen', 'abbestellen', 'ende', 'austragen', 'aufhören'],
    resume: ['starten', 'anmelden', 'fortsetzen', 'wieder starten'],
  },
  it: {
    stop: ['basta', 'fine', 'annulla', 'cancella', 'disiscrivi', 'disiscrivimi', 'esci', 'ferma', 'disdici'],
    resume: ['riprendi', 'ricomincia', 'avvia', 'iscrivimi', 'riattiva'],
  },
  nl: {
    stop: ['stoppen', 'afmelden', 'uitschrijven', 'opzeggen', 'annuleren', 'einde', 'beëindigen'],
    resume: ['hervatten', 'aanmelden', 'starten', 'opnieuw starten'],
  },
  pl: {
    stop: ['koniec', 'anuluj', 'wypisz', 'wypisz mnie', 'rezygnuję', 'zakończ', 'przestań', 'wyłącz'],
    resume: ['wznów', 'zapisz', 'zapisz mnie', 'włącz'],
  },
  tr: {
    stop: ['dur', 'durdur', 'iptal', 'çık', 'çıkış', 'abonelikten çık', 'bitir', 'ret'],
    resume: ['başlat', 'devam', 'abone ol', 'yeniden başlat'],
  },
  ru: {
    stop: ['стоп', 'отписаться', 'отписка', 'отменить', 'отмена', 'хватит', 'конец', 'выйти', 'прекратить'],
    resume: ['старт', 'возобновить', 'подписаться', 'начать'],
  },
  ar: {
    stop: ['توقف', 'إيقاف', 'إلغاء', 'إلغاء الاشتراك', 'انهاء', 'إنهاء', 'خروج', 'قف'],
    resume: ['استئناف', 'ابدأ', 'اشتراك', 'تشغيل'],
  },
  he: {
    stop: ['עצור', 'הסר', 'הסרה', 'ביטול', 'בטל', 'הפסק', 'סיום', 'יציאה'],
    resume: ['התחל', 'חידוש', 'הרשמה', 'חדש'],
  },
  hi: {
    stop: ['रोकें', 'रोको', 'बंद', 'बंद करें', 'सदस्यता रद्द', 'रद्द', 'रद्द करें', 'समाप्त'],
    resume: ['शुरू', 'शुरू करें', 'फिर से शुरू', 'पुनः आरंभ'],
  },
  id: {
    stop: ['berhenti', 'henti', 'batal', 'batalkan', 'keluar', 'selesai', 'unreg', 'berhenti langganan'],
    resume: ['mulai', 'lanjut', 'lanjutkan', 'daftar', 'aktifkan'],
  },
  ms: {
    stop: ['berhenti', 'henti', 'batal', 'batalkan', 'keluar', 'tamat', 'nyahlanggan', 'hentikan'],
    resume: ['mula', 'mulakan', 'sambung', 'teruskan', 'langgan'],
  },
  sw: {
    stop: ['acha', 'sitisha', 'ondoa', 'simamisha', 'ghairi', 'mwisho', 'toka', 'jiondoe'],
    resume: ['anza', 'endelea', 'rejesha', 'jiunge'],
  },
};

export const KEYWORD_LOCALES: readonly string[] = Object.keys(OPT_OUT_KEYWORDS);

/**
 * Latin/Greek/Cyrillic accents, Hebrew points and Arabic vowel marks: optional
 * when people type. Devanagari vowel signs are not: they tell words apart.
 */
const COMBINING_ACCENTS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]/g;

/**
 * Case-, accent- and spacing-insensitive form of a reply: NFKD without
 * accents (so "ARRETER" matches "arrêter" and "İPTAL" matches "iptal"),
 * lower case, dotless ı folded, surrounding punctuation and symbols (emoji
 * included) removed, inner whitespace collapsed.
 */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_ACCENTS, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

export interface RecognizedReply {
  intent: ReplyIntent;
  /** The keyword or phrase as listed, e.g. `unsubscribe`. */
  keyword: string;
  /** The locale whose list holds it (`en` for the phrases and HELP words, `business` for the business's own). */
  locale: string;
}

interface IndexedKeyword {
  intent: 'stop' | 'resume';
  keyword: string;
  locale: string;
}

let index: Map<string, IndexedKeyword[]> | undefined;

function keywordIndex(): Map<string, IndexedKeyword[]> {
  if (index) return index;
  index = new Map();
  const add = (keyword: string, intent: 'stop' | 'resume', locale: string) => {
    const key = normalizeReply(keyword);
    const entries = index!.get(key) ?? [];
    entries.push({ intent, keyword, locale });
    index!.set(key, entries);
  };
  for (const [locale, lists] of Object.entries(OPT_OUT_KEYWORDS)) {
    for (const intent of ['stop', 'resume'] as const) for (const keyword of lists[intent]) add(keyword, intent, locale);
  }
  for (const phrase of STOP_PHRASES) add(phrase, 'stop', phrase.startsWith('no m') ? 'es' : 'en');
  return index;
}

const HELP = new Set(HELP_WORDS.map((word) => normalizeReply(word)));

/** `pt-BR` → `pt-BR`; `pt` → `pt-BR`; `es-MX` → `es`; unknown → undefined. */
function bundledLocale(locale: string): string | undefined {
  if (OPT_OUT_KEYWORDS[locale]) return locale;
  const language = locale.split(/[-_]/)[0].toLowerCase();
  if (OPT_OUT_KEYWORDS[language]) return language;
  return KEYWORD_LOCALES.find((bundled) => bundled.split('-')[0] === language);
}

export interface RecognizeOptions {
  /** The language the business writes to this person in: decides ambiguous words and resume words. */
  locale?: string;
  /** The business's own stop keywords (`serve --stop-word`), conclusive like the bundled ones. */
  stopWords?: readonly string[];
}

/**
 * What an inbound message says about consent: a conclusive `stop`, a `resume`,
 * a `help` request, a `possible-opt-out` for review, or `undefined` (ordinary conversation).
 */
export function recognizeReply(text: string, options: RecognizeOptions = {}): RecognizedReply | undefined {
  if (typeof text !== 'string' || text.length > 1000) return undefined;
  const whole = normalizeReply(text);
  if (!whole) return undefined;
  const plain = whole.replace(POLITENESS, '');
  const wanted = options.locale ? bundledLocale(options.locale) : undefined;
  const own = (c: IndexedKeyword) => !options.locale || c.locale === 'en' || c.locale === wanted;
  for (const form of [whole, plain]) {
    const business = options.stopWords?.find((word) => normalizeReply(word) === form);
    if (business) return { intent: 'stop', keyword: business, locale: 'business' };
    const candidates = keywordIndex().get(form) ?? [];
    // A stop in any language is a stop, unless the word is ordinary in another one.
    const stop = candidates.find((c) => c.intent === 'stop' && (!AMBIGUOUS_STOP_WORDS.has(form) || own(c)));
    if (stop) return { ...stop };
    const resume = candidates.find((c) => c.intent === 'resume' && own(c));
    if (resume) return { ...resume };
    if (HELP.has(form)) return { intent: 'help', keyword: form, locale: 'en' };
    const ambiguous = candidates.find((c) => c.intent === 'stop');
    if (ambiguous) return { intent: 'possible-opt-out', keyword: ambiguous.keyword, locale: ambiguous.locale };
  }
  const stem = REVIEW_STEMS.exec(whole);
  if (stem) return { intent: 'possible-opt-out', keyword: stem[0].trim(), locale: 'en' };
  return undefined;
}
