/**
 * `npm run build:lib`: writes the npm build's phone rules (src/platform/npm/load-phone-rules.ts)
 * as modules: dist/platform/npm/phone-rules/<calling code>.js, one per calling code, and index.js
 * with the index of every country and an `import()` of each, so an app's bundler makes each group
 * a chunk of its own. The same split as the script tag's files (src/core/phone/phone-metadata-split.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitPhoneMetadata } from '../src/core/phone/phone-metadata-split.js';

const OUT = 'dist/platform/npm/phone-rules';
const read = (file: string) => JSON.parse(readFileSync(join('node_modules/libphonenumber-js', file), 'utf8'));
const { index, groups } = splitPhoneMetadata({ metadata: read('metadata.max.json'), examples: read('examples.mobile.json') });

mkdirSync(OUT, { recursive: true });
for (const [code, json] of groups) writeFileSync(join(OUT, `${code}.js`), `export default ${json};\n`);
const importers = [...groups.keys()].map((code) => `  ${JSON.stringify(code)}: () => import('./${code}.js'),`);
writeFileSync(
  join(OUT, 'index.js'),
  `// Written by scripts/write-phone-rules.ts.\nexport const index = ${JSON.stringify(index)};\nexport const groups = {\n${importers.join('\n')}\n};\n`,
);
console.log(`wrote ${OUT}: ${groups.size} calling codes`);
