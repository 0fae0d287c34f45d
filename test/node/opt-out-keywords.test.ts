import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEYWORD_LOCALES, normalizeReply, OPT_OUT_KEYWORDS, recognizeReply } from '../../src/core/messages/opt-out-keywords.js';

const BUNDLED = ['en', 'es', 'pt-BR', 'pt-PT', 'fr', 'de', 'it', 'nl', 'pl', 'tr', 'ru', 'ar', 'he', 'hi', 'id', 'ms', 'sw'];

/** How people actually type a keyword: shouting, punctuation, stray whitespace, an emoji. */
function variants(keyword: string): string[] {
  return [keyword, keyword.toLocaleUpperCase(), `  ${keyword}  `, `${keyword}!`, `\n${keyword}.\t`, `¡${keyword}!!`, `"${keyword}"`, `${keyword} 🙏`];
}

describe('opt-out keyword recogniser', () => {
  it('has stop and resume words for every bundled locale', () => {
    assert.deepEqual([...KEYWORD_LOCALES].sort(), [...BUNDLED].sort());
    for (const locale of BUNDLED) {
      assert.ok(OPT_OUT_KEYWORDS[locale].stop.length >= 3, `${locale} stop words`);
      assert.ok(OPT_OUT_KEYWORDS[locale].resume.length >= 2, `${locale} resume words`);
    }
  });

  for (const locale of BUNDLED) {
    it(`recognises every ${locale} stop word whatever its case, punctuation and surrounding whitespace`, () => {
      for (const keyword of OPT_OUT_KEYWORDS[locale].stop) {
        for (const text of variants(keyword)) {
          const reply = recognizeReply(text, { locale });
          assert.equal(reply?.intent, 'stop', `${locale}: ${JSON.stringify(text)}`);
        }
      }
    });

    it(`recognises every ${locale} resume word as resume, not stop`, () => {
      for (const keyword of OPT_OUT_KEYWORDS[locale].resume) {
        for (const text of variants(keyword)) {
          assert.equal(recognizeReply(text, { locale })?.intent, 'resume', `${locale}: ${JSON.stringify(text)}`);
        }
      }
    });

    it(`understands the English STOP, UNSUBSCRIBE, CANCEL, END and QUIT in ${locale} conversations`, () => {
      for (const text of ['STOP', 'Unsubscribe', 'cancel.', ' END ', 'Quit!']) {
        assert.equal(recognizeReply(text, { locale })?.intent, 'stop', `${locale}: ${text}`);
      }
    });
  }

  it('matches accented words typed without accents, and Turkish dotted and dotless i', () => {
    assert.equal(recognizeReply('ARRETER', { locale: 'fr' })?.intent, 'stop');
    assert.equal(recognizeReply('desinscription', { locale: 'fr' })?.intent, 'stop');
    assert.equal(recognizeReply('İPTAL', { locale: 'tr' })?.intent, 'stop');
    assert.equal(recognizeReply('CIKIS', { locale: 'tr' })?.intent, 'stop');
    assert.equal(recognizeReply('KÜNDIGEN', { locale: 'de' })?.intent, 'stop');
    assert.equal(recognizeReply('Wznow', { locale: 'pl' })?.intent, 'resume');
  });

  it('accepts a regional locale tag and a bare language', () => {
    assert.equal(recognizeReply('Darme de baja', { locale: 'es-MX' })?.intent, 'stop');
    assert.equal(recognizeReply('descadastrar', { locale: 'pt' })?.locale, 'pt-BR');
    assert.equal(recognizeReply('STOPP', { locale: 'de-AT' })?.keyword, 'stopp');
  });

  it('without a locale, understands every bundled language', () => {
    assert.equal(recognizeReply('отписаться')?.intent, 'stop');
    assert.equal(recognizeReply('עצור')?.intent, 'stop');
    assert.equal(recognizeReply('ابدأ')?.intent, 'resume');
  });

  it('never reads ordinary conversation as a withdrawal; a message that only mentions stopping goes to review', () => {
    // Real replies to businesses that are not a stop: [text, locale of the conversation, expected intent].
    const conversation: Array<[string, string | undefined, string | undefined]> = [
      ["don't stop", undefined, 'possible-opt-out'],
      ['Do not stop', undefined, 'possible-opt-out'],
      ['please stop by the store', undefined, 'possible-opt-out'],
      ['stop sending me the wrong size', undefined, 'possible-opt-out'],
      ['STOP?? no wait', undefined, 'possible-opt-out'],
      ['I want to cancel my order', undefined, undefined],
      ['cancel order 1234', undefined, undefined],
      ['the end of the month', undefined, undefined],
      ['va bene, fine settimana arrivo', 'it', undefined],
      ['Fine, see you Saturday', 'en', undefined],
      ['fine grazie', 'it', undefined],
      ['alto y verde por favor', 'es', undefined],
      ['Das ist das Ende vom Lied, haha', 'de', undefined],
      ['stopwatch', undefined, undefined],
      ['unstoppable', undefined, undefined],
      ['startup', undefined, undefined],
      ['quitting time', undefined, undefined],
      ['ok thanks', 'en', undefined],
      ['', undefined, undefined],
      ['   ', undefined, undefined],
      ['!!!', undefined, undefined],
      ['👍', undefined, undefined],
    ];
    for (const [text, locale, intent] of conversation) {
      assert.equal(recognizeReply(text, { locale })?.intent, intent, JSON.stringify(text));
    }
  });

  it('reads the stops people actually send, in any language, whatever their last locale', () => {
    const stops: Array<[string, string | undefined]> = [
      ['REMOVE', 'en'],
      ['Stop promotions', 'en'],
      ['please stop texting me', 'en'],
      ['No más', 'en'],
      ['baja', 'de'],
      ['Basta', 'en-GB'],
      ['отписаться', 'fr'],
      ['revoke', 'pt-BR'],
      ['STOP please', undefined],
      ['Opt out', 'ar'],
    ];
    for (const [text, locale] of stops) assert.equal(recognizeReply(text, { locale })?.intent, 'stop', `${text} (${locale})`);
  });

  it("keeps a word that is ordinary in the conversation's language for review, and stops on it in its own", () => {
    assert.equal(recognizeReply('Fine', { locale: 'en' })?.intent, 'possible-opt-out');
    assert.equal(recognizeReply('Fine', { locale: 'it' })?.intent, 'stop');
    assert.equal(recognizeReply('Fine')?.intent, 'stop', 'with no history every language counts');
  });

  it("recognises HELP in every bundled language and the business's own stop words", () => {
    for (const text of ['HELP', 'help!', 'Ayuda', 'Hilfe', 'INFO']) assert.equal(recognizeReply(text, { locale: 'en' })?.intent, 'help', text);
    assert.equal(recognizeReply('BLUMENSTOP', { stopWords: ['blumenstop'] })?.intent, 'stop');
    assert.equal(recognizeReply('BLUMENSTOP'), undefined);
  });

  it('never lists one word as both stop and resume in a conversation', () => {
    for (const locale of BUNDLED) {
      const stops = new Set([...OPT_OUT_KEYWORDS.en.stop, ...OPT_OUT_KEYWORDS[locale].stop].map(normalizeReply));
      for (const resume of [...OPT_OUT_KEYWORDS.en.resume, ...OPT_OUT_KEYWORDS[locale].resume]) {
        assert.ok(!stops.has(normalizeReply(resume)), `${locale}: "${resume}" is both`);
      }
    }
  });

  it('ignores a message that is not text', () => {
    assert.equal(recognizeReply(undefined as unknown as string), undefined);
  });
});
