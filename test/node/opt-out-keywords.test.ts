import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEYWORD_LOCALES, normalizeReply, OPT_OUT_KEYWORDS, recognizeReply } from '../../src/core/opt-out-keywords.js';

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

  it('does not read ordinary conversation as a withdrawal', () => {
    const conversation = [
      "don't stop",
      'Do not stop',
      'please stop by the store',
      'stop sending me the wrong size',
      'I want to cancel my order',
      'cancel order 1234',
      'the end of the month',
      'STOP?? no wait',
      'stopwatch',
      'unstoppable',
      'startup',
      'quitting time',
      '',
      '   ',
      '!!!',
      '👍',
    ];
    for (const text of conversation) assert.equal(recognizeReply(text), undefined, JSON.stringify(text));
  });

  it('does not take a word of another language for an opt-out in an English conversation', () => {
    assert.equal(recognizeReply('Fine', { locale: 'en' }), undefined);
    assert.equal(recognizeReply('Fine', { locale: 'it' })?.intent, 'stop');
    assert.equal(recognizeReply('Basta', { locale: 'en-GB' }), undefined);
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
