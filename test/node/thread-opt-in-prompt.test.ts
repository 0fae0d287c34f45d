import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NonCompliantPromptError, parseThreadPromptButtonId } from '../../src/core/messages/thread-opt-in-prompt.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';
import { buildThreadOptInPrompt } from '../../src/server/thread-opt-in-prompt.js';

async function refusal(options: Parameters<typeof buildThreadOptInPrompt>[0]): Promise<string[]> {
  try {
    await buildThreadOptInPrompt(options);
  } catch (error) {
    assert.ok(error instanceof NonCompliantPromptError, String(error));
    return error.failures.map((f) => f.id);
  }
  assert.fail('the prompt was built');
}

describe('buildThreadOptInPrompt', () => {
  it('returns a Cloud API reply-button message naming the business, each kind of message and how to stop', async () => {
    const prompt = await buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'offers,order-updates', to: '+4915123456789' });
    const { message } = prompt;
    assert.equal(message.messaging_product, 'whatsapp');
    assert.equal(message.recipient_type, 'individual');
    assert.equal(message.to, '4915123456789');
    assert.equal(message.type, 'interactive');
    assert.equal(message.interactive.type, 'button');
    const body = message.interactive.body.text;
    assert.equal(body, prompt.text);
    assert.match(body, /^Blumen Berlin would like to send you messages on WhatsApp about:/);
    assert.match(body, /Offers and promotions/);
    assert.match(body, /Order updates/);
    assert.match(body, /reply STOP/);
    assert.match(body, /Tap "Yes, I agree" to agree/);
    assert.ok(body.length <= 1024);
    assert.deepEqual(
      prompt.categories.map((c) => [c.id, c.granted]),
      [
        ['offers', true],
        ['order-updates', true],
      ],
    );
    assert.deepEqual(
      prompt.policy.checks.filter((c) => !c.passed),
      [],
    );
  });

  it('gives reply buttons whose ids name the answer and the prompt, and nothing else parses', async () => {
    const prompt = await buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'offers' });
    const [yes, no] = prompt.message.interactive.action.buttons;
    assert.equal(yes.type, 'reply');
    assert.deepEqual(parseThreadPromptButtonId(yes.reply.id), { answer: 'yes', promptId: prompt.promptId });
    assert.deepEqual(parseThreadPromptButtonId(no.reply.id), { answer: 'no', promptId: prompt.promptId });
    assert.equal(yes.reply.title, 'Yes, I agree');
    assert.equal(no.reply.title, 'No, thanks');
    for (const foreign of ['yes', 'optin-yes.', 'optin-maybe.abcdefgh', `${yes.reply.id} `, 42, null]) {
      assert.equal(parseThreadPromptButtonId(foreign), undefined, String(foreign));
    }
    const other = await buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'offers' });
    assert.notEqual(other.promptId, prompt.promptId, 'each prompt gets its own id');
  });

  it("speaks the person's language, with button titles WhatsApp accepts in every locale", async () => {
    const german = await buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'offers', locale: 'de' });
    assert.equal(german.locale, 'de');
    assert.match(german.text, /^Blumen Berlin möchte Ihnen auf WhatsApp Nachrichten senden zu:/);
    assert.match(german.text, /Angebote und Aktionen/);
    for (const locale of SUPPORTED_LOCALES) {
      const prompt = await buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'offers', locale });
      assert.equal(prompt.locale, locale);
      for (const button of prompt.message.interactive.action.buttons) {
        assert.ok(button.reply.title.length >= 1 && button.reply.title.length <= 20, `${locale}: ${button.reply.title}`);
      }
      assert.ok(prompt.text.includes('Blumen Berlin'), locale);
    }
  });

  it('refuses a prompt that does not name the business', async () => {
    assert.deepEqual(await refusal({ businessName: '  ', categories: 'offers' }), ['business-named']);
  });

  it('refuses a GDPR prompt without a privacy link, and one "yes" for two purposes', async () => {
    assert.ok((await refusal({ businessName: 'Blumen Berlin', categories: 'offers', profile: 'gdpr' })).includes('privacy-linked'));
    const bundled = await refusal({
      businessName: 'Blumen Berlin',
      categories: 'offers,announcements',
      profile: 'gdpr',
      privacyUrl: 'https://blumen.example/privacy',
    });
    assert.deepEqual(bundled, ['granular']);
    const single = await buildThreadOptInPrompt({
      businessName: 'Blumen Berlin',
      categories: 'offers',
      profile: 'gdpr',
      privacyUrl: 'https://blumen.example/privacy',
    });
    assert.match(single.text, /https:\/\/blumen\.example\/privacy/);
  });

  it('refuses a prompt longer than WhatsApp allows', async () => {
    const long = Array.from({ length: 8 }, (_, i) => ({ id: `topic-${i}`, label: `Topic ${i}`, description: 'x'.repeat(150) }));
    assert.deepEqual(await refusal({ businessName: 'Blumen Berlin', categories: long }), ['prompt-length']);
  });

  it('refuses categories it cannot read, as a TypeError naming them', async () => {
    await assert.rejects(buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: 'my-own-topic' }), /categories: .*my-own-topic/);
    await assert.rejects(buildThreadOptInPrompt({ businessName: 'Blumen Berlin', categories: '' }), NonCompliantPromptError);
  });
});

describe('the thread prompt texts', () => {
  it('have the same keys and variables in every supported locale', async () => {
    const { THREAD_PROMPT_TEXTS } = await import('../../src/server/thread-prompt-texts.js');
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const english = THREAD_PROMPT_TEXTS.en;
    assert.deepEqual(Object.keys(THREAD_PROMPT_TEXTS).sort(), [...SUPPORTED_LOCALES].sort());
    for (const locale of SUPPORTED_LOCALES) {
      const texts = THREAD_PROMPT_TEXTS[locale];
      assert.deepEqual(Object.keys(texts).sort(), Object.keys(english).sort(), locale);
      for (const key of Object.keys(english) as Array<keyof typeof english>) {
        assert.deepEqual(variables(texts[key]), variables(english[key]), `${locale} ${key}`);
      }
    }
  });
});
