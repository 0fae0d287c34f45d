// typescript-eslint parses through TypeScript's JavaScript API, which TypeScript 7 (the project's
// compiler, `typescript` in node_modules) no longer has. In the ESLint process only, every
// `typescript` and `typescript/…` request is answered from the classic TypeScript 5.9 that the
// project already installs as `typescript-5.9` (package.json `overrides` lets typescript-eslint
// accept TypeScript 7 as its peer at install time).
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const classicTypeScript = dirname(require.resolve('typescript-5.9/package.json'));
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function (request, ...rest) {
  const fromClassic = request === 'typescript' || request.startsWith('typescript/') ? classicTypeScript + request.slice('typescript'.length) : request;
  return resolveFilename.call(this, fromClassic, ...rest);
};
