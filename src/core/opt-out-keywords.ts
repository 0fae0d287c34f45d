/**
 * Recognises STOP-type and resume replies to business messages, so a WhatsApp
 * or SMS webhook can turn an inbound reply into an opt-out record.
 *
 * A reply counts only when the whole message (after trimming whitespace and
 * surrounding punctuation, ignoring case and accents) is a keyword: "STOP!"
 * stops, "don't stop" and "stop sending me the wrong size" do not. Carriers
 * treat keywords the same way, and it keeps ordinary conversation from being
 * read as a withdrawal.
 */

export type ReplyIntent = 'stop' | 'resume';

export interface ReplyKeywords {
  stop: readonly string[];
  resume: readonly string[];
}

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
  /** The keyword as listed, e.g. `unsubscribe`. */
  keyword: string;
  /** The locale whose list holds it. */
  locale: string;
}

interface IndexedKeyword {
  intent: ReplyIntent;
  keyword: string;
  locale: string;
}

let index: Map<string, IndexedKeyword[]> | undefined;

function keywordIndex(): Map<string, IndexedKeyword[]> {
  if (index) return index;
  index = new Map();
  for (const [locale, lists] of Object.entries(OPT_OUT_KEYWORDS)) {
    for (const intent of ['stop', 'resume'] as const) {
      for (const keyword of lists[intent]) {
        const key = normalizeReply(keyword);
        const entries = index.get(key) ?? [];
        entries.push({ intent, keyword, locale });
        index.set(key, entries);
      }
    }
  }
  return index;
}

/** `pt-BR` → `pt-BR`; `pt` → `pt-BR`; `es-MX` → `es`; unknown → undefined. */
function bundledLocale(locale: string): string | undefined {
  if (OPT_OUT_KEYWORDS[locale]) return locale;
  const language = locale.split(/[-_]/)[0].toLowerCase();
  if (OPT_OUT_KEYWORDS[language]) return language;
  return KEYWORD_LOCALES.find((bundled) => bundled.split('-')[0] === language);
}

/**
 * Is this inbound message a STOP-type or resume reply?
 *
 * With `locale` (the language the business writes to this person in), only
 * English and that locale's keywords count: so "fine" (Italian for "end") is
 * not read as an opt-out from an English conversation. Without it, every
 * bundled locale's keywords count.
 */
export function recognizeReply(text: string, options: { locale?: string } = {}): RecognizedReply | undefined {
  if (typeof text !== 'string' || text.length > 1000) return undefined;
  const candidates = keywordIndex().get(normalizeReply(text));
  if (!candidates) return undefined;
  const wanted = options.locale ? bundledLocale(options.locale) : undefined;
  const allowed = options.locale ? candidates.filter((c) => c.locale === 'en' || c.locale === wanted) : candidates;
  // A word that means stop in one allowed language wins over resume in another: when in doubt, stop.
  const match = allowed.find((c) => c.intent === 'stop') ?? allowed[0];
  return match ? { ...match } : undefined;
}
