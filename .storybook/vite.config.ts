/** Storybook's own Vite config, so the library's script-tag build settings (vite.config.ts) stay out of it. */
import { defaultClientConditions, defineConfig } from 'vite';

// The source tree's side of package.json `imports` (#platform/…, see src/platform/).
export default defineConfig({ logLevel: 'warn', resolve: { conditions: ['optin-source', ...defaultClientConditions] } });
