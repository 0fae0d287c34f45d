/**
 * Why the phone field uses libphonenumber-js "max" metadata: how often "min" and "mobile" judge a
 * number differently from "max" (the full rules), on seeded random numbers of possible lengths in
 * every country. Same seed, same numbers, every run.
 */
import { type CountryCode, getCountries, getCountryCallingCode, type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import max from 'libphonenumber-js/metadata.max.json';
import min from 'libphonenumber-js/metadata.min.json';
import mobile from 'libphonenumber-js/metadata.mobile.json';
import { type BenchSection, benchSize } from '../bench-section.js';

const PER_COUNTRY = benchSize(120, 3);

/** Mulberry32: a tiny seeded PRNG, so the sample is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'mobile' | 'other-valid' | 'invalid';

function judge(e164: string, metadata: MetadataJson): { valid: boolean; mobile: boolean } {
  const parsed = parsePhoneNumberFromString(e164, metadata);
  const type = parsed?.getType();
  return { valid: parsed?.isValid() ?? false, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

export async function run(): Promise<BenchSection> {
  const next = random(20261125);
  const full = max as unknown as MetadataJson;
  const sample: { e164: string; kind: Kind }[] = [];
  for (const country of getCountries(full) as CountryCode[]) {
    const code = getCountryCallingCode(country, full);
    // Possible national lengths from the max metadata (index 3 of a country's entry in v4 JSON).
    const lengths = ((full as unknown as { countries: Record<string, unknown[]> }).countries[country][3] as number[] | undefined) ?? [8, 9, 10];
    for (let i = 0; i < PER_COUNTRY; i++) {
      const length = lengths[Math.floor(next() * lengths.length)];
      let national = String(1 + Math.floor(next() * 9));
      while (national.length < length) national += String(Math.floor(next() * 10));
      const e164 = `+${code}${national}`;
      const truth = judge(e164, full);
      sample.push({ e164, kind: truth.mobile && truth.valid ? 'mobile' : truth.valid ? 'other-valid' : 'invalid' });
    }
  }
  const count = (kind: Kind) => sample.filter((entry) => entry.kind === kind).length;
  const rows = (
    [
      ['min', min],
      ['mobile', mobile],
      ['max', max],
    ] as const
  ).map(([name, metadata]) => {
    let acceptsInvalid = 0;
    let refusesMobile = 0;
    let refusesOther = 0;
    let mobileOnlyUsable = 0;
    for (const entry of sample) {
      const verdict = judge(entry.e164, metadata as unknown as MetadataJson);
      if (entry.kind === 'invalid' && verdict.valid) acceptsInvalid++;
      if (entry.kind === 'mobile' && !verdict.valid) refusesMobile++;
      if (entry.kind === 'other-valid' && !verdict.valid) refusesOther++;
      if (entry.kind === 'mobile' && verdict.mobile) mobileOnlyUsable++;
    }
    const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
    return [
      name,
      percent(acceptsInvalid, count('invalid')),
      percent(refusesMobile, count('mobile')),
      percent(refusesOther, count('other-valid')),
      percent(mobileOnlyUsable, count('mobile')),
    ];
  });
  return {
    title: 'Phone metadata: validation accuracy against max (the full rules)',
    header: ['metadata', 'accepts invalid', 'refuses valid mobile', 'refuses valid landline etc.', 'recognises mobile (mobile-only)'],
    rows,
    notes: [
      `${sample.length} seeded random numbers (${PER_COUNTRY} per country, possible lengths): ${count('mobile')} valid mobile, ${count('other-valid')} other valid, ${count('invalid')} invalid by max.`,
    ],
  };
}
