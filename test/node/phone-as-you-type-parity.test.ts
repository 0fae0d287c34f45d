/**
 * Every build formats as you type with phone-as-you-type.ts instead of libphonenumber-js's
 * `AsYouType` (a quarter of its code). This holds it to `AsYouType`'s text and
 * country, character by character, for every country: its example mobile number typed nationally
 * (with and without the trunk prefix), internationally, without the "+", after an international
 * dialling prefix and with a stray trunk "0"; and random digits, national and international. It
 * runs both on the whole "max" metadata and on the one-calling-code subsets browsers install.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsYouType, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import examplesJson from 'libphonenumber-js/examples.mobile.json';
import metadataJson from 'libphonenumber-js/metadata.max.json';
// @ts-expect-error internal module of libphonenumber-js without types: the matcher AsYouType uses for the first leading digits
import PatternMatcher from '../../node_modules/libphonenumber-js/es6-modern/AsYouTypeFormatter.PatternMatcher.js';
import { type AsYouTypeResult, formatAsYouType as compact, startsLeadingDigits } from '../../src/core/phone/phone-as-you-type.js';

/** libphonenumber-js's own formatter, given the whole input at once. */
function reference(text: string, country: CountryCode | undefined, set: MetadataJson): AsYouTypeResult {
  const formatter = new AsYouType(country, set);
  return { text: formatter.input(text), country: formatter.getCountry() };
}

const metadata = metadataJson as unknown as MetadataJson;
const examples = examplesJson as Record<string, string>;

type Format = typeof reference;
type Input = [text: string, country: CountryCode | undefined];

function outcome(format: Format, text: string, country: CountryCode | undefined, set: MetadataJson): string {
  try {
    return JSON.stringify(format(text, country, set));
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

/** A fixed-seed generator, so a failure names inputs that can be replayed. */
function randomDigits(seed: number): (length: number) => string {
  let state = seed;
  return (length) => {
    let digits = '';
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      digits += String(Math.floor((state / 2147483648) * 10));
    }
    return digits;
  };
}

/** What a person may type for `country`, each to be typed character by character. */
function inputsFor(country: CountryCode, callingCode: string, random: (length: number) => string, count: number): Input[] {
  const inputs: Input[] = [];
  const example = examples[country];
  if (example) {
    inputs.push(
      [example, country],
      [`0${example}`, country],
      [`+${callingCode}${example}`, undefined],
      [`+${callingCode}${example}`, country],
      [`+${callingCode}0${example}`, undefined],
      [`${callingCode}${example}`, country],
      [`${callingCode}${example}`, undefined],
      [`00${callingCode}${example}`, country],
      [`011${callingCode}${example}`, 'US' as CountryCode],
    );
  }
  for (let i = 0; i < count; i++) {
    inputs.push([random(1 + (i % 16)), country], [`+${callingCode}${random(1 + (i % 15))}`, undefined], [`+${random(1 + (i % 17))}`, undefined]);
  }
  return inputs;
}

/** Every prefix of every input where the two differ (at most `limit` of them), and how many were compared. */
function differences(inputs: Input[], set: MetadataJson, limit = 10): { compared: number; found: string[] } {
  const found: string[] = [];
  let compared = 0;
  for (const [text, country] of inputs) {
    for (let end = 1; end <= text.length; end++) {
      const typed = text.slice(0, end);
      compared++;
      const expected = outcome(reference, typed, country, set);
      const actual = outcome(compact, typed, country, set);
      if (actual !== expected && found.length < limit) found.push(`${country ?? '-'} "${typed}": AsYouType ${expected}, ours ${actual}`);
    }
  }
  return { compared, found };
}

const countries = Object.keys(metadata.countries) as CountryCode[];
const callingCodeOf = (country: CountryCode) => metadata.countries[country]![0];

describe('our as-you-type formatter formats as libphonenumber-js AsYouType does', () => {
  it('for every country, on the whole metadata', () => {
    const random = randomDigits(9);
    const inputs = countries.flatMap((country) => inputsFor(country, callingCodeOf(country), random, 40));
    const { compared, found } = differences(inputs, metadata);
    assert.ok(compared > 250_000, `compared ${compared}`);
    assert.deepEqual(found, []);
  });

  it('for every calling code, with only its own rules installed (as browsers hold them)', () => {
    const random = randomDigits(21);
    const codes = [...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})];
    for (const code of codes) {
      const members = metadata.country_calling_codes[code] ?? [];
      const subset: MetadataJson = {
        version: metadata.version,
        country_calling_codes: members.length ? { [code]: members } : {},
        countries: Object.fromEntries(members.map((country) => [country, metadata.countries[country]])),
        nonGeographic: metadata.nonGeographic?.[code] ? { [code]: metadata.nonGeographic[code] } : {},
      } as MetadataJson;
      const inputs: Input[] = members.length
        ? members.flatMap((country) => inputsFor(country, code, random, 6))
        : [`+${code}${random(12)}`, `+${code}0${random(10)}`].map((text): Input => [text, undefined]);
      const { found } = differences(inputs, subset);
      assert.deepEqual(found, [], `+${code}`);
    }
  });

  it("reads the first one or two leading digits as libphonenumber's pattern matcher does, for every format", () => {
    const patterns = new Set<string>();
    for (const plan of [...Object.values(metadata.countries), ...Object.values(metadata.nonGeographic ?? {})]) {
      const formats = plan[4];
      for (const format of (Array.isArray(formats) ? formats : []) as unknown[][]) {
        const first = (format[2] as string[] | undefined)?.[0];
        if (first) patterns.add(first);
      }
    }
    assert.ok(patterns.size > 300, `${patterns.size} patterns`);
    const starts = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].flatMap((digit) => [digit, ...'0123456789'.split('').map((next) => digit + next)]);
    // AsYouType keeps a format whose pattern its matcher cannot read; so does ours.
    const orTrue = (read: () => boolean) => {
      try {
        return read();
      } catch {
        return true;
      }
    };
    const wrong: string[] = [];
    let partial = 0;
    for (const pattern of patterns) {
      for (const digits of starts) {
        const expected = orTrue(() => {
          const result = new PatternMatcher(pattern).match(digits, { allowOverflow: true });
          if (result?.partialMatch) partial++;
          return result !== undefined;
        });
        if (orTrue(() => startsLeadingDigits(pattern, digits)) !== expected) wrong.push(`/${pattern}/ "${digits}"`);
      }
    }
    // The corpus must hold digits that only start a match, the case the "$" alternatives are for.
    assert.ok(partial > 1000, `${partial} partial matches`);
    assert.deepEqual(wrong.slice(0, 10), []);
  });
});
