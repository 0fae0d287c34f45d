/**
 * The sentences of a WhatsApp thread opt-in prompt, per locale. They live with the server, not in
 * the widget's locale files: no page ever shows them, so the script tag does not carry them. Same
 * keys and variables in every locale (test/node/thread-opt-in-prompt.test.ts); button titles at most
 * 20 characters (WhatsApp's limit). Machine-assisted translations: have the legal wording reviewed.
 */
import type { SupportedLocale } from '../i18n/supported-locales.js';

export interface ThreadPromptTexts {
  /** Introduces the topics; names the business and the channel. */
  lead: string;
  /** Under the topics: which button agrees. */
  agree: string;
  yes: string;
  no: string;
}

export const THREAD_PROMPT_TEXTS: Readonly<Record<SupportedLocale, ThreadPromptTexts>> = {
  ar: {
    lead: 'يرغب {{business}} في إرسال رسائل إليك على {{channel}} حول:',
    agree: 'اضغط "{{yes}}" للموافقة، أو "{{no}}" للرفض.',
    yes: 'نعم، أوافق',
    no: 'لا، شكرًا',
  },
  de: {
    lead: '{{business}} möchte Ihnen auf {{channel}} Nachrichten senden zu:',
    agree: 'Tippen Sie auf „{{yes}}“, um zuzustimmen, oder auf „{{no}}“, um abzulehnen.',
    yes: 'Ja, ich stimme zu',
    no: 'Nein, danke',
  },
  en: {
    lead: '{{business}} would like to send you messages on {{channel}} about:',
    agree: 'Tap "{{yes}}" to agree, or "{{no}}" to decline.',
    yes: 'Yes, I agree',
    no: 'No, thanks',
  },
  es: {
    lead: '{{business}} quiere enviarte mensajes por {{channel}} sobre:',
    agree: 'Toca «{{yes}}» para aceptar o «{{no}}» para rechazar.',
    yes: 'Sí, acepto',
    no: 'No, gracias',
  },
  fr: {
    lead: '{{business}} souhaite vous envoyer des messages sur {{channel}} concernant :',
    agree: 'Appuyez sur « {{yes}} » pour accepter, ou sur « {{no}} » pour refuser.',
    yes: "Oui, j'accepte",
    no: 'Non merci',
  },
  he: {
    lead: '{{business}} מבקשת לשלוח לך הודעות ב-{{channel}} בנושאים:',
    agree: 'הקש/י "{{yes}}" כדי להסכים, או "{{no}}" כדי לסרב.',
    yes: 'כן, אני מסכים/ה',
    no: 'לא, תודה',
  },
  hi: {
    lead: '{{business}} आपको {{channel}} पर इन विषयों के बारे में संदेश भेजना चाहता है:',
    agree: 'सहमति देने के लिए "{{yes}}" दबाएँ, या मना करने के लिए "{{no}}"।',
    yes: 'हाँ, मैं सहमत हूँ',
    no: 'नहीं, धन्यवाद',
  },
  id: {
    lead: '{{business}} ingin mengirimkan pesan kepada Anda di {{channel}} tentang:',
    agree: 'Ketuk "{{yes}}" untuk setuju, atau "{{no}}" untuk menolak.',
    yes: 'Ya, saya setuju',
    no: 'Tidak, terima kasih',
  },
  it: {
    lead: '{{business}} vorrebbe inviarti messaggi su {{channel}} riguardo a:',
    agree: 'Tocca «{{yes}}» per accettare o «{{no}}» per rifiutare.',
    yes: 'Sì, accetto',
    no: 'No, grazie',
  },
  ms: {
    lead: '{{business}} ingin menghantar mesej kepada anda di {{channel}} tentang:',
    agree: 'Ketik "{{yes}}" untuk bersetuju, atau "{{no}}" untuk menolak.',
    yes: 'Ya, saya setuju',
    no: 'Tidak, terima kasih',
  },
  nl: {
    lead: '{{business}} wil je berichten sturen via {{channel}} over:',
    agree: 'Tik op ‘{{yes}}’ om akkoord te gaan, of op ‘{{no}}’ om te weigeren.',
    yes: 'Ja, akkoord',
    no: 'Nee, bedankt',
  },
  pl: {
    lead: '{{business}} chce wysyłać Ci wiadomości na {{channel}} na temat:',
    agree: 'Stuknij „{{yes}}”, aby wyrazić zgodę, lub „{{no}}”, aby odmówić.',
    yes: 'Tak, zgadzam się',
    no: 'Nie, dziękuję',
  },
  'pt-BR': {
    lead: '{{business}} gostaria de enviar mensagens para você no {{channel}} sobre:',
    agree: 'Toque em "{{yes}}" para aceitar ou em "{{no}}" para recusar.',
    yes: 'Sim, aceito',
    no: 'Não, obrigado',
  },
  'pt-PT': {
    lead: '{{business}} gostaria de lhe enviar mensagens no {{channel}} sobre:',
    agree: 'Toque em «{{yes}}» para aceitar ou em «{{no}}» para recusar.',
    yes: 'Sim, aceito',
    no: 'Não, obrigado',
  },
  ru: {
    lead: '{{business}} хочет отправлять вам сообщения в {{channel}} на темы:',
    agree: 'Нажмите «{{yes}}», чтобы согласиться, или «{{no}}», чтобы отказаться.',
    yes: 'Да, согласен(на)',
    no: 'Нет, спасибо',
  },
  sw: {
    lead: '{{business}} ingependa kukutumia ujumbe kwenye {{channel}} kuhusu:',
    agree: 'Gusa "{{yes}}" kukubali, au "{{no}}" kukataa.',
    yes: 'Ndiyo, nakubali',
    no: 'Hapana, asante',
  },
  tr: {
    lead: '{{business}} size {{channel}} üzerinden şu konularda mesaj göndermek istiyor:',
    agree: 'Kabul etmek için "{{yes}}", reddetmek için "{{no}}" seçeneğine dokunun.',
    yes: 'Evet, kabul ediyorum',
    no: 'Hayır, teşekkürler',
  },
};
