import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchCountries } from '../../src/core/phone/country-search.js';
import { callingCode, countryCodes, mainCountryOfCallingCode } from '../../src/core/phone/phone-number.js';

const names = (locale: string) => new Intl.DisplayNames([locale], { type: 'region' });
function countries(locale: string) {
  const display = names(locale);
  return countryCodes()
    .map((code) => ({ code, name: display.of(code) ?? code, dialCode: `+${callingCode(code)}`, main: mainCountryOfCallingCode(callingCode(code)) === code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

describe('country search', () => {
  it('finds a country by the start of its name in the page language, ignoring accents and case', () => {
    assert.equal(searchCountries(countries('de'), 'deutsch')[0]?.code, 'DE');
    assert.equal(searchCountries(countries('fr'), 'etats')[0]?.code, 'US');
    assert.equal(searchCountries(countries('en'), 'SWE')[0]?.code, 'SE');
  });

  it('finds a country by a word inside its name', () => {
    assert.ok(searchCountries(countries('en'), 'kingdom').some((country) => country.code === 'GB'));
  });

  it('puts the country whose ISO code was typed first', () => {
    assert.equal(searchCountries(countries('en'), 'de')[0]?.code, 'DE');
    assert.equal(searchCountries(countries('en'), 'ch')[0]?.code, 'CH');
  });

  it('finds countries by dial code, the main country of the code first', () => {
    const uk = searchCountries(countries('en'), '+44');
    assert.equal(uk[0]?.code, 'GB');
    assert.deepEqual(new Set(uk.slice(0, 4).map((country) => country.code)), new Set(['GB', 'GG', 'IM', 'JE']));
    assert.equal(searchCountries(countries('en'), '49')[0]?.code, 'DE');
    assert.equal(searchCountries(countries('en'), '+١')[0]?.code, 'US');
  });

  it('lists everything for an empty query and nothing for nonsense', () => {
    assert.equal(searchCountries(countries('en'), '  ').length, countryCodes().length);
    assert.equal(searchCountries(countries('en'), 'zzqx').length, 0);
  });
});
