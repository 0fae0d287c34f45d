/**
 * The one source of the identifier patterns (E.164 phone numbers, WhatsApp
 * Business-Scoped User IDs, channel names). Every check in the package, the
 * record's JSON Schema included, imports them from here.
 */

/** E.164 as the ITU writes it: `+`, a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/**
 * A Business-Scoped User ID as Meta sends it: a two-letter country code, a
 * period, then an alphanumeric id (`US.13491208655302741918`); a parent BSUID,
 * shared by the businesses of one portfolio, has `ENT.` before the id
 * (`US.ENT.11815799212886844830`).
 */
export const BSUID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** A channel name such as `whatsapp` or `sms`. */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export const isE164 = (value: string): boolean => E164_PATTERN.test(value);
export const isBsuid = (value: string): boolean => BSUID_PATTERN.test(value);
export const isChannelName = (value: string): boolean => CHANNEL_PATTERN.test(value);
