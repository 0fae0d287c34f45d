/**
 * Property-based tests of the phone functions: thousands of generated inputs per property, with a
 * fixed seed so a failure prints a reproducible counterexample (`seed` and `path` in the message).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/core';
import { applyPhoneEdit, formatWithCaret } from '../../src/core/phone/phone-format-caret.js';
import { loadPhoneMetadata } from '../../src/platform/whole/load-phone-rules.js';
import { callingCode, type CountryCode, countryCodes, exampleNumber, formatPhoneText, parsePhoneInput } from '../../src/core/phone/phone-number.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';

const phoneMetadata = loadPhoneMetadata()!.metadata;

const SEED = 20261125;
const RUNS = 2000;
const settings = { seed: SEED, numRuns: RUNS };

const COUNTRIES = countryCodes();
const country = fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined });

/** Characters people type or paste into a phone field, in every script we read digits of. */
const phoneChar = fc.constantFrom(
  ...'0123456789+ -().#*/'.split(''),
  '٠',
  '٣',
  '٧',
  '۰',
  '۵',
  '۹',
  '०',
  '४',
  '९',
  '１',
  '＋',
  'x',
  'tel:',
  '00',
  '011',
  ';ext=',
);
const phoneLikeText = fc.array(phoneChar, { maxLength: 24 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), phoneLikeText);

/** Valid numbers: each country's example mobile number with its last digits varied. */
const validNumber = fc
  .tuple(fc.constantFrom(...COUNTRIES.filter((code) => exampleNumber(code) !== '')), fc.integer({ min: 0, max: 999 }))
  .map(([code, tail]) => {
    const example = parsePhoneNumberFromString(exampleNumber(code), code, phoneMetadata)!.number;
    const varied = example.slice(0, -3) + String(tail).padStart(3, '0');
    return isValidPhoneNumber(varied, phoneMetadata) ? varied : example;
  });

const E164 = /^\+[1-9]\d{1,14}$/;

const SCRIPTS = [0x30, 0x660, 0x6f0, 0x966, 0xff10];
function inScript(text: string, zero: number): string {
  return text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
}

/** Puts a separator ("", " ", ".", "-", "(", ")", "/") before each digit after the first. */
function withSeparators(digits: string, separators: string[]): string {
  return [...digits].map((digit, index) => (index === 0 ? digit : (separators[index % separators.length] ?? '') + digit)).join('');
}

describe('phone parsing properties', () => {
  it('never throws, whatever the text and the chosen country', () => {
    fc.assert(
      fc.property(
        anyText,
        country,
        fc.nat(50),
        fc.constantFrom('insertText', 'deleteContentBackward', 'deleteContentForward', undefined),
        (text, chosen, caret, inputType) => {
          parsePhoneInput(text, chosen);
          parsePhoneInput(text, chosen, { mobileOnly: true });
          formatPhoneText(text, chosen);
          formatWithCaret(text, caret, chosen);
          applyPhoneEdit(`${text}1 2`, text, caret, inputType, chosen);
        },
      ),
      settings,
    );
  });

  it('gives a valid E.164 number, or an empty value with a reason', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, validNumber), country, fc.boolean(), (text, chosen, mobileOnly) => {
        const result = parsePhoneInput(text, chosen, { mobileOnly });
        if (result.e164 === '') {
          assert.ok(result.problem, `no reason for ${JSON.stringify(text)}`);
        } else {
          assert.equal(result.problem, undefined);
          assert.match(result.e164, E164);
          assert.ok(isValidPhoneNumber(result.e164, phoneMetadata), `${result.e164} is not valid`);
        }
      }),
      settings,
    );
  });

  it('formats idempotently: formatting the formatted text changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLikeText, validNumber), country, (text, chosen) => {
        const once = formatPhoneText(text, chosen).text;
        assert.equal(formatPhoneText(once, chosen).text, once);
      }),
      settings,
    );
  });

  it('keeps the caret after the same digit when formatting as you type', () => {
    const typed = fc.array(fc.constantFrom(...'0123456789 -()'.split('')), { maxLength: 16 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.oneof(
          typed,
          typed.map((text) => `+${text}`),
        ),
        fc.nat(20),
        country,
        (text, caret, chosen) => {
          const at = Math.min(caret, text.length);
          const result = formatWithCaret(text, at, chosen);
          assert.ok(result.caret >= 0 && result.caret <= result.text.length);
          const significant = (value: string) => value.replace(/[^\d+]/g, '');
          if (significant(result.text) === significant(text)) {
            assert.equal(significant(result.text.slice(0, result.caret)), significant(text.slice(0, at)), `${JSON.stringify(text)} at ${at}`);
          }
        },
      ),
      settings,
    );
  });

  it('deletes exactly one digit when Backspace removes only a formatting character', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(30), (e164, position) => {
        const shown = formatPhoneText(e164).text;
        const spaces = [...shown].flatMap((char, index) => (/[\d+]/.test(char) ? [] : [index]));
        fc.pre(spaces.length > 0);
        const space = spaces[position % spaces.length];
        const after = shown.slice(0, space) + shown.slice(space + 1);
        const edit = applyPhoneEdit(shown, after, space, 'deleteContentBackward');
        const digits = (value: string) => value.replace(/\D/g, '');
        assert.equal(digits(edit.text).length, digits(shown).length - 1, `${JSON.stringify(shown)} at ${space}`);
        assert.equal(digits(edit.text.slice(0, edit.caret)), digits(shown.slice(0, space)).slice(0, -1));
      }),
      settings,
    );
  });

  it('reads any formatting of a valid number, pasted, as the same E.164', () => {
    const formatting = fc.record({
      style: fc.constantFrom('e164', 'international', 'national', 'rfc3966', 'double-zero', 'no-plus', 'separated'),
      separators: fc.array(fc.constantFrom('', ' ', '.', '-', '/', ' - '), { minLength: 1, maxLength: 4 }),
      script: fc.constantFrom(...SCRIPTS),
      otherCountry: country,
    });
    fc.assert(
      fc.property(validNumber, formatting, (e164, { style, separators, script, otherCountry }) => {
        const number = parsePhoneNumberFromString(e164, phoneMetadata)!;
        const own = number.country as CountryCode;
        const intlDigits = e164.slice(1);
        const texts: Record<string, [string, CountryCode | undefined]> = {
          e164: [e164, otherCountry],
          international: [number.formatInternational(), otherCountry],
          national: [number.formatNational(), own],
          rfc3966: [number.getURI(), otherCountry],
          'double-zero': [`00 ${intlDigits}`, otherCountry],
          'no-plus': [intlDigits, own],
          separated: [`+${callingCode(own)} ${withSeparators(number.nationalNumber, separators)}`, otherCountry],
        };
        const [text, chosen] = texts[style];
        const pasted = inScript(text, script);
        assert.equal(parsePhoneInput(pasted, chosen).e164, e164, `${JSON.stringify(pasted)} with ${chosen}`);
      }),
      settings,
    );
  });
});
