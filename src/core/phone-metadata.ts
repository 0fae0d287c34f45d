/**
 * The one place that chooses libphonenumber-js metadata. Every phone function in core calls the
 * `libphonenumber-js/core` API with these objects, so swapping the set (or, later, loading it
 * beside the script and checking it against a compiled-in SHA-256) changes this file only.
 *
 * Why "max": it is the only set that validates the digits of every number type. "min" checks
 * lengths only and accepts many impossible numbers; "mobile" rejects every valid landline
 * (WhatsApp accounts can live on landlines). `npm run bench -- phone-size` prints both figures.
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';

/** Which libphonenumber-js metadata set the phone functions use. */
export const PHONE_METADATA_SET = 'max';

export const phoneMetadata: MetadataJson = metadata as MetadataJson;

/** Example mobile numbers per country, shown as the field's placeholder. */
export const phoneExamples: Examples = examples as Examples;
