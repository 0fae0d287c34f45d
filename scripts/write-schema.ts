/** Writes the record's JSON Schema into dist/ so non-JS backends can use it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { consentRecordSchema } from '../src/core/record/consent-record-schema.js';

mkdirSync('dist', { recursive: true });
writeFileSync('dist/consent-record.schema.json', `${JSON.stringify(consentRecordSchema, null, 2)}\n`);
console.log('wrote dist/consent-record.schema.json');
