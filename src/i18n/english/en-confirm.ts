/**
 * The double opt-in step's English texts (`confirm.*`), which travel with its code (the QR chunk)
 * and are added to the English texts when it arrives (locale-registry.ts `addEnglishTexts`), before
 * the first of them is used. locales/en.ts joins them to en-core.ts.
 */
export default {
  lead: 'One more step: confirm on WhatsApp that this number is yours.',
  link: 'Confirm on WhatsApp',
  code: 'Your code: {{code}}',
  qr: 'Or scan this code with your phone to confirm',
  message: 'Confirm my subscription to {{business}}. Code: {{code}}',
};
