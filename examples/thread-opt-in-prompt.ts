import { buildThreadOptInPrompt } from 'optin-elements/server';

// In an open conversation: ask before sending anything the person did not ask for.
const prompt = await buildThreadOptInPrompt({
  businessName: 'Blumen Berlin',
  categories: 'offers,order-updates',
  locale: 'de',
  to: '+4915123456789',
});

// Keep what the "yes" will mean: the exact text and the categories, under the prompt's id.
const sent = { promptId: prompt.promptId, text: prompt.text, categories: prompt.categories, sentAt: new Date() };

// Then send prompt.message as the body of POST https://graph.facebook.com/<VERSION>/<PHONE_NUMBER_ID>/messages.
console.log(JSON.stringify(prompt.message, null, 2), sent.promptId);
