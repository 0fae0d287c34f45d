/**
 * The one door from our code to libphonenumber-js's code. The as-you-type formatter
 * (phone-as-you-type.ts) is built on the library's own helpers, which its `exports` map does not
 * list; so `npm run build` bundles this module, with the library code it reaches, into one file
 * (scripts/bundle-phone-library.ts), and the script-tag build bundles it like any module. Both take
 * the library's `es6-modern` copy (scripts/modern-phone-code.ts), so an app holds one copy of it.
 * Types come from `libphonenumber-js/core` directly, never from here.
 */
export { getExampleNumber, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/core';
// @ts-expect-error internal module without types
export { default as Metadata } from '../../../node_modules/libphonenumber-js/es6-modern/metadata.js';
// @ts-expect-error internal module without types
export { VALID_PUNCTUATION } from '../../../node_modules/libphonenumber-js/es6-modern/constants.js';
// @ts-expect-error internal module without types
export { default as applyInternationalSeparatorStyle } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/applyInternationalSeparatorStyle.js';
// @ts-expect-error internal module without types
export { default as checkNumberLength } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/checkNumberLength.js';
// @ts-expect-error internal module without types
export { default as extractCountryCallingCode } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/extractCountryCallingCode.js';
// @ts-expect-error internal module without types
export { default as extractCallingCodeWithoutPlus } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js';
// @ts-expect-error internal module without types
export { default as extractNationalNumber } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/extractNationalNumberFromPossiblyIncompleteNumber.js';
// @ts-expect-error internal module without types
export { default as formatNationalNumberUsingFormat } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/formatNationalNumberUsingFormat.js';
// @ts-expect-error internal module without types
export { default as getCountryByCallingCode } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/getCountryByCallingCode.js';
// @ts-expect-error internal module without types
export { default as stripIddPrefix } from '../../../node_modules/libphonenumber-js/es6-modern/helpers/stripIddPrefix.js';
