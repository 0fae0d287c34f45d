// @ts-check
// ESLint 9 flat config: the recommended sets of ESLint, typescript-eslint, eslint-plugin-lit,
// eslint-plugin-lit-a11y and eslint-plugin-wc on every source file. Layout is Prettier's job
// (`npm run lint` runs both), so no stylistic rule is turned on here.
//
// Not type-aware: typescript-eslint's type-checked sets cost about 4 times the CPU time here
// (one TypeScript 5.9 program per tsconfig, on 2 cores): see docs/architecture.md#lint-and-format.
import './scripts/eslint-classic-typescript.js';
import js from '@eslint/js';
import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'storybook-static/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'test/apps/*/dist/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  wc.configs['flat/recommended'],
  {
    languageOptions: {
      // Plain .js/.mjs files (configs, scripts) run in Node or the browser; TypeScript checks
      // the .ts files' globals itself.
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // `const { proof: _proof, ...unsigned } = record` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A `let` read by a callback before its one assignment (a timer cleared on close) must stay `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['test/components/**', 'test/script-tag/**', 'test/script-tag-tampered/**'],
    rules: {
      // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: {
      // A CommonJS file (a `node --require` hook) loads its modules with require().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
