import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPhoneEdit } from '../../src/core/phone/phone-format-caret.js';
import { type CountryCode, formatPhoneText, parsePhoneInput } from '../../src/core/phone/phone-number.js';

/** [country chosen in the picker ('' = none), what the person typed or pasted, expected E.164]. */
const REAL_FORMATS: [string, string, string][] = [
  ['US', '(201) 555-0123', '+12015550123'],
  ['US', '201.555.0123', '+12015550123'],
  ['US', '1 201 555 0123', '+12015550123'],
  ['US', '011 44 7400 123456', '+447400123456'],
  ['', '+1 (201) 555-0123', '+12015550123'],
  ['CA', '506-234-5678', '+15062345678'],
  ['GB', '07400 123456', '+447400123456'],
  ['GB', '+44 (0) 7400 123456', '+447400123456'],
  ['GB', '0044 7400 123456', '+447400123456'],
  ['', '+44 07400 123456', '+447400123456'],
  ['DE', '01512 3456789', '+4915123456789'],
  ['DE', '0151/23456789', '+4915123456789'],
  ['DE', '+49 (0)151 234 567 89', '+4915123456789'],
  ['DE', '4915123456789', '+4915123456789'],
  ['', '+49 49 1512 3456789', '+4915123456789'],
  ['DE', '030 12345678', '+493012345678'],
  ['FR', '06 12 34 56 78', '+33612345678'],
  ['FR', '06.12.34.56.78', '+33612345678'],
  ['FR', '+33 (0)6 12 34 56 78', '+33612345678'],
  ['ES', '612 34 56 78', '+34612345678'],
  ['ES', '0034 612 345 678', '+34612345678'],
  ['IT', '312 345 6789', '+393123456789'],
  ['IT', '+39 312 3456789', '+393123456789'],
  ['NL', '06-12345678', '+31612345678'],
  ['NL', '+31 6 1234 5678', '+31612345678'],
  ['BE', '0450 00 12 34', '+32450001234'],
  ['CH', '078 123 45 67', '+41781234567'],
  ['CH', '0041 78 123 45 67', '+41781234567'],
  ['AT', '0664 123456', '+43664123456'],
  ['AT', '+43 664 123456', '+43664123456'],
  ['SE', '070-123 45 67', '+46701234567'],
  ['NO', '406 12 345', '+4740612345'],
  ['DK', '34 41 23 45', '+4534412345'],
  ['PL', '512-345-678', '+48512345678'],
  ['PT', '912 345 678', '+351912345678'],
  ['IE', '085 012 3456', '+353850123456'],
  ['BR', '(11) 96123-4567', '+5511961234567'],
  ['BR', '+55 11 9 6123-4567', '+5511961234567'],
  ['MX', '222 123 4567', '+522221234567'],
  ['AR', '011 15-2345-6789', '+5491123456789'],
  ['AR', '+54 9 11 2345-6789', '+5491123456789'],
  ['IN', '081234 56789', '+918123456789'],
  ['IN', '+91 ८१२३४ ५६७८९', '+918123456789'],
  ['IN', '81234-56789', '+918123456789'],
  ['PK', '0301 2345678', '+923012345678'],
  ['BD', '01812-345678', '+8801812345678'],
  ['ID', '0812-345-678', '+62812345678'],
  ['PH', '0905 123 4567', '+639051234567'],
  ['JP', '090-1234-5678', '+819012345678'],
  ['JP', '０９０-１２３４-５６７８', '+819012345678'],
  ['KR', '010-2000-0000', '+821020000000'],
  ['CN', '131 2345 6789', '+8613123456789'],
  ['AU', '0412 345 678', '+61412345678'],
  ['AU', '+61 (0) 412 345 678', '+61412345678'],
  ['NZ', '021 123 4567', '+64211234567'],
  ['ZA', '071 123 4567', '+27711234567'],
  ['NG', '0802 123 4567', '+2348021234567'],
  ['KE', '0712 123456', '+254712123456'],
  ['EG', '٠١٠٠١٢٣٤٥٦٧', '+201001234567'],
  ['EG', '+٢٠ ١٠ ٠١٢٣٤٥٦٧', '+201001234567'],
  ['MA', '06 50 12 34 56', '+212650123456'],
  ['SA', '051 234 5678', '+966512345678'],
  ['SA', '٠٥١٢٣٤٥٦٧٨', '+966512345678'],
  ['AE', '050 123 4567', '+971501234567'],
  ['IL', '050-234-5678', '+972502345678'],
  ['TR', '0501 234 56 78', '+905012345678'],
  ['RU', '8 (912) 345-67-89', '+79123456789'],
  ['RU', '+7 912 345-67-89', '+79123456789'],
  ['UA', '050 123 4567', '+380501234567'],
  ['IR', '۰۹۱۲ ۳۴۵ ۶۷۸۹', '+989123456789'],
  ['VN', '0912 345 678', '+84912345678'],
  ['TH', '081 234 5678', '+66812345678'],
  ['', 'tel:+1-201-555-0123', '+12015550123'],
  ['', 'tel:%2B447400123456', '+447400123456'],
  ['DE', 'Tel.: +49 1512 3456789', '+4915123456789'],
];

/** Types the text one character at a time with the caret at the end, as a keyboard would. */
function typeIntoField(text: string, country?: CountryCode): string {
  let field = '';
  for (const char of text) {
    const after = field + char;
    field = applyPhoneEdit(field, after, after.length, 'insertText', country).text;
  }
  return field;
}

describe('real-format phone numbers', () => {
  it('covers at least 60 inputs across at least 25 countries', () => {
    assert.ok(REAL_FORMATS.length >= 60, `${REAL_FORMATS.length} rows`);
    const countries = new Set(REAL_FORMATS.map(([, , e164]) => parsePhoneInput(e164).country));
    assert.ok(countries.size >= 25, `${countries.size} countries`);
  });

  for (const [country, input, expected] of REAL_FORMATS) {
    const chosen = (country || undefined) as CountryCode | undefined;
    it(`reads ${JSON.stringify(input)} pasted with ${country || 'no country'} as ${expected}`, () => {
      assert.equal(parsePhoneInput(input, chosen).e164, expected);
      // What the field shows after the paste still reads as the same number.
      assert.equal(parsePhoneInput(formatPhoneText(input, chosen).text, chosen).e164, expected);
    });
    // A URI is pasted or autofilled, never typed.
    if (input.startsWith('tel:')) continue;
    it(`reads ${JSON.stringify(input)} typed key by key with ${country || 'no country'} as ${expected}`, () => {
      assert.equal(parsePhoneInput(typeIntoField(input, chosen), chosen).e164, expected);
    });
  }
});
