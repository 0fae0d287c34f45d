/**
 * The module `npm run build` writes as dist/platform/npm/phone-rules/index.js
 * (scripts/write-phone-rules.ts), beside one module per calling code: the index of every
 * country and its calling code, and an `import()` of each calling code's rules, so a bundler
 * makes each group a chunk of its own.
 */
import type { PhoneMetadataGroup, PhoneMetadataIndex } from '../../../core/phone/phone-metadata.js';

export declare const index: PhoneMetadataIndex;
export declare const groups: Record<string, () => Promise<{ default: PhoneMetadataGroup }>>;
