/** Builds the Vue test app with the documented `isCustomElement` set-up. */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('optin-') } } })],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
