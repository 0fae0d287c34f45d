/** Storybook's own Vite config, so the library's script-tag build settings (vite.config.ts) stay out of it. */
import { defineConfig } from 'vite';

export default defineConfig({ logLevel: 'warn' });
