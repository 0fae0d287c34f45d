/**
 * Writes docs/reference.md from custom-elements.json (`npm run docs:reference`, after
 * `npm run analyze`). test/node/docs-reference.test.ts fails when the committed page is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type ReferenceManifest, renderReference } from './docs-reference-markdown.js';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as ReferenceManifest;
writeFileSync('docs/reference.md', renderReference(manifest));
console.log('docs/reference.md written from custom-elements.json');
