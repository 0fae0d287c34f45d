/**
 * The phone metadata split the script-tag build serves: one file per calling code, each verified
 * against the hash-tree root compiled into the script, and phone functions that work with the
 * groups installed so far, answer "pending" for the rest, and never throw.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CountryCode } from 'libphonenumber-js/core';
import { applyPhoneEdit } from '../../src/core/phone/phone-format-caret.js';
import {
  installPhoneMetadata,
  installPhoneMetadataGroup,
  installPhoneMetadataIndex,
  markPhoneMetadataGroupFailed,
  onPhoneMetadataChange,
  onPhoneMetadataNeeded,
  type PhoneMetadata,
  phoneMetadataState,
  resetPhoneMetadata,
  verifyPhoneMetadataGroup,
} from '../../src/core/phone/phone-metadata.js';
import { loadPhoneMetadata } from '../../src/platform/whole/load-phone-rules.js';
import { buildHashTree } from '../../src/core/hash-tree.js';
import { splitPhoneMetadata } from '../../src/core/phone/phone-metadata-split.js';
import {
  callingCode,
  countryCodes,
  exampleNumber,
  formatPhoneText,
  isCountryCode,
  mainCountryOfCallingCode,
  parsePhoneInput,
} from '../../src/core/phone/phone-number.js';

const whole = loadPhoneMetadata() as PhoneMetadata;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const split = splitPhoneMetadata(whole);
const codes = [...split.groups.keys()];
// The build puts the locale files in the same tree; the phone groups alone make a tree all the same.
const tree = buildHashTree([...split.groups.values()], sha256);
const file = (code: string) => tree.files[codes.indexOf(code)];

/** Installs the index only, as the script does at start; returns the calling codes asked for. */
function indexOnly(): string[] {
  resetPhoneMetadata();
  installPhoneMetadataIndex(split.index);
  const needed: string[] = [];
  stopListening = onPhoneMetadataNeeded((code) => needed.push(code));
  return needed;
}

async function installGroup(code: string): Promise<void> {
  installPhoneMetadataGroup(await verifyPhoneMetadataGroup(file(code), code, tree.root));
}

let stopListening: (() => void) | undefined;
afterEach(() => {
  stopListening?.();
  stopListening = undefined;
});

describe('the split phone metadata files', () => {
  it('has one file per calling code, and together they hold every country, plan and example', async () => {
    const codes = [...Object.keys(whole.metadata.country_calling_codes), ...Object.keys(whole.metadata.nonGeographic)];
    assert.deepEqual([...split.groups.keys()].sort(), codes.sort());
    const countries: Record<string, unknown> = {};
    const plans: Record<string, unknown> = {};
    const examples: Record<string, unknown> = {};
    for (const code of codes) {
      const group = await verifyPhoneMetadataGroup(file(code), code, tree.root);
      Object.assign(countries, group.countries);
      Object.assign(plans, group.nonGeographic);
      Object.assign(examples, group.examples);
    }
    assert.deepEqual(countries, whole.metadata.countries);
    assert.deepEqual(plans, whole.metadata.nonGeographic);
    assert.deepEqual(examples, whole.examples);
  });

  it('puts every country of a shared calling code in one file: +1 holds the US and Canada', async () => {
    const group = await verifyPhoneMetadataGroup(file('1'), '1', tree.root);
    assert.ok(group.countries.US && group.countries.CA && group.countries.JM);
    assert.deepEqual(Object.keys((await verifyPhoneMetadataGroup(file('49'), '49', tree.root)).countries), ['DE']);
  });
});

describe('verifying a group against the root compiled into the script', () => {
  it('refuses a group whose rules were changed by a single character', async () => {
    const tampered = file('49').replace('"49"', '"48"');
    assert.notEqual(tampered, file('49'));
    await assert.rejects(verifyPhoneMetadataGroup(tampered, '49', tree.root), /SHA-256 hash path leads to [0-9a-f]{64}, not to the root/);
  });

  it('refuses a group whose hash path was changed', async () => {
    const [line, path] = file('49').split('\n');
    const steps = JSON.parse(path) as string[];
    steps[0] = `${steps[0][0]}${'0'.repeat(64)}`;
    await assert.rejects(verifyPhoneMetadataGroup(`${line}\n${JSON.stringify(steps)}`, '49', tree.root), /SHA-256/);
  });

  it('refuses the genuine file of another calling code served in place of the one asked for', async () => {
    await assert.rejects(verifyPhoneMetadataGroup(file('44'), '49', tree.root), /not the group of calling code \+49/);
  });

  it('refuses a file without its hash path, and the root of another build', async () => {
    await assert.rejects(verifyPhoneMetadataGroup(file('49').split('\n')[0], '49', tree.root), /hash path line/);
    await assert.rejects(verifyPhoneMetadataGroup(file('49'), '49', sha256('another build')), /SHA-256/);
  });
});

describe('phone functions with some groups installed', () => {
  beforeEach(() => resetPhoneMetadata());

  it('lists every country with its dial code from the index alone, before any group', () => {
    indexOnly();
    assert.equal(countryCodes().length, Object.values(whole.metadata.country_calling_codes).flat().length);
    assert.equal(callingCode('CA'), '1');
    assert.equal(callingCode('DE'), '49');
    assert.equal(mainCountryOfCallingCode('44'), 'GB');
    assert.ok(isCountryCode('JE'));
    assert.equal(isCountryCode('XX'), false);
    assert.equal(phoneMetadataState(), 'ready');
  });

  it('keeps a number pending, as typed, until its country’s group is installed, and asks for that group', async () => {
    const needed = indexOnly();
    assert.deepEqual(parsePhoneInput('015123456789', 'DE'), { e164: '', problem: 'pending' });
    assert.deepEqual(formatPhoneText('0151 23456789', 'DE'), { text: '0151 23456789' });
    assert.equal(exampleNumber('DE'), '');
    assert.deepEqual([...new Set(needed)], ['49']);

    await installGroup('49');
    assert.deepEqual(parsePhoneInput('015123456789', 'DE'), { e164: '+4915123456789', country: 'DE' });
    assert.equal(formatPhoneText('015123456789', 'DE').text, '01512 3456789');
    assert.equal(exampleNumber('DE'), '01512 3456789');
  });

  it('asks for the group of a typed "+44" or "0044" prefix, and reads the number once it is there', async () => {
    const needed = indexOnly();
    await installGroup('49');
    assert.equal(parsePhoneInput('+44 7400 123456', 'DE').problem, 'pending');
    assert.equal(parsePhoneInput('0044 7400 123456', 'DE').problem, 'pending');
    assert.equal(formatPhoneText('+447400123456', 'DE').text, '+447400123456');
    assert.deepEqual([...new Set(needed)], ['44']);

    await installGroup('44');
    assert.deepEqual(parsePhoneInput('+44 7400 123456', 'DE'), { e164: '+447400123456', country: 'GB' });
    assert.equal(formatPhoneText('+447400123456', 'DE').text, '+44 7400 123456');
  });

  it('asks for the group of the number dialled abroad after "011" from North America, not from elsewhere', async () => {
    const needed = indexOnly();
    await installGroup('1');
    await installGroup('91');
    assert.equal(parsePhoneInput('011 44 7400 123456', 'US').problem, 'pending');
    assert.deepEqual([...new Set(needed)], ['44']);
    await installGroup('44');
    assert.equal(parsePhoneInput('011 44 7400 123456', 'US').e164, '+447400123456');
    // A Delhi landline starts with 011 too: read in India, it needs no other group.
    needed.length = 0;
    assert.equal(parsePhoneInput('011 2345 6789', 'IN').problem, undefined);
    assert.deepEqual(needed, []);
  });

  it('asks for no group while a national number is typed, nor for a prefix that is no calling code yet', async () => {
    const needed = indexOnly();
    await installGroup('49');
    await installGroup('1');
    // Every prefix of a US and a German number, as typed: too short until complete, never a guess.
    for (const [number, country] of [
      ['2015550123', 'US'],
      ['015123456789', 'DE'],
      ['15123456789', 'DE'],
    ] as const) {
      for (let end = 1; end <= number.length; end++) {
        parsePhoneInput(number.slice(0, end), country);
        formatPhoneText(number.slice(0, end), country);
      }
    }
    parsePhoneInput('+4', 'DE');
    formatPhoneText('7400123456', 'DE');
    assert.deepEqual(needed, []);
  });

  it('asks for the rules of a number pasted without its "+" once it cannot be read in the chosen country, and reads it then', async () => {
    const needed = indexOnly();
    await installGroup('1');
    // A German mobile number autofilled without "+" while the page suggests the US.
    assert.deepEqual(parsePhoneInput('4915123456789', 'US'), { e164: '', problem: 'pending' });
    assert.deepEqual([...new Set(needed)], ['49']);
    await installGroup('49');
    assert.deepEqual(parsePhoneInput('4915123456789', 'US'), { e164: '+4915123456789', country: 'DE', repaired: true });
    assert.equal(formatPhoneText('4915123456789', 'US').text, '+49 1512 3456789');
    // Rules that failed are not waited for: the number's own problem shows.
    needed.length = 0;
    markPhoneMetadataGroupFailed('44');
    assert.equal(parsePhoneInput('447400123456', 'US').problem, 'too-long');
    assert.deepEqual(needed, []);
  });

  it('shows a number typed with its own country\'s calling code and no "+" with the "+" it was read with', async () => {
    indexOnly();
    await installGroup('44');
    // "44 7400 123456" with the United Kingdom chosen is read as +44 7400 123456.
    assert.deepEqual(parsePhoneInput('447400123456', 'GB'), { e164: '+447400123456', country: 'GB', repaired: true });
    assert.equal(formatPhoneText('447400123456', 'GB').text, '+44 7400 123456');
    // A national number is read as typed, with or without its trunk "0".
    assert.deepEqual(parsePhoneInput('07400123456', 'GB'), { e164: '+447400123456', country: 'GB' });
    assert.equal(formatPhoneText('07400123456', 'GB').text, '07400 123456');
    assert.deepEqual(parsePhoneInput('7400123456', 'GB'), { e164: '+447400123456', country: 'GB' });
    // Typed key by key (repair off), every digit stays where it was typed.
    assert.equal(formatPhoneText('447400123456', 'GB', { repair: false }).text, '44 7400 123456');
  });

  it('reads each country’s example number with only its own group installed exactly as with the whole set', async () => {
    installPhoneMetadata(whole);
    const countries = countryCodes();
    const expected = new Map(countries.map((country) => [country, parsePhoneInput(exampleNumber(country), country, { mobileOnly: true })]));
    const examples = new Map(countries.map((country) => [country, exampleNumber(country)]));
    for (const code of split.groups.keys()) {
      indexOnly();
      await installGroup(code);
      for (const country of whole.metadata.country_calling_codes[code] ?? []) {
        assert.equal(exampleNumber(country), examples.get(country), country);
        assert.deepEqual(parsePhoneInput(examples.get(country) ?? '', country, { mobileOnly: true }), expected.get(country), country);
      }
      stopListening?.();
    }
  });

  it('never throws for any country or typed text while most groups are missing', async () => {
    indexOnly();
    await installGroup('49');
    await installGroup('1');
    const texts = ['', '+', '0', '00', '011', '+1', '+7 912 345 67 89', '+800 1234 5678', '+999 123', '0151 2345', '123456789012345678', 'tel:+44-20', '(0)'];
    for (const country of [...countryCodes(), undefined] as (CountryCode | undefined)[]) {
      for (const text of texts) {
        const parsed = parsePhoneInput(text, country, { mobileOnly: true });
        if (parsed.problem !== 'pending') assert.ok(parsed.e164 || parsed.problem, `${country} ${text}`);
        formatPhoneText(text, country);
        applyPhoneEdit('', text, text.length, 'insertFromPaste', country);
      }
      exampleNumber(country);
    }
    assert.equal(parsePhoneInput('0 912 345 67 89', 'RU').problem, 'pending');
    assert.equal(parsePhoneInput('+7 912 345 67 89', 'DE').problem, 'pending');
  });

  it('says "failed" while a needed group could not be had, and "ready" once it is installed', async () => {
    indexOnly();
    const changes: string[] = [];
    const stop = onPhoneMetadataChange(() => changes.push(phoneMetadataState()));
    markPhoneMetadataGroupFailed('44');
    assert.equal(phoneMetadataState(), 'failed');
    await installGroup('44');
    assert.equal(phoneMetadataState(), 'ready');
    assert.deepEqual(changes, ['failed', 'ready']);
    stop();
  });

  it('says "unavailable" only for a number whose own group failed, not for one whose group is on its way', async () => {
    indexOnly();
    markPhoneMetadataGroupFailed('44');
    assert.deepEqual(parsePhoneInput('+44 7400 123456'), { e164: '', problem: 'unavailable' });
    assert.equal(parsePhoneInput('07400 123456', 'GB').problem, 'unavailable');
    assert.equal(parsePhoneInput('015123456789', 'DE').problem, 'pending');
    assert.equal(parsePhoneInput('011 44 7400 123456', 'US').problem, 'unavailable');
    await installGroup('44');
    assert.deepEqual(parsePhoneInput('+44 7400 123456'), { e164: '+447400123456', country: 'GB' });
  });

  it('treats the whole set (the npm build) as every group installed, asking for none', () => {
    const needed = indexOnly();
    installPhoneMetadata(whole);
    assert.deepEqual(parsePhoneInput('+81 90 1234 5678'), { e164: '+819012345678', country: 'JP' });
    assert.deepEqual(needed, []);
  });
});
