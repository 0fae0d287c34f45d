/**
 * Custom Elements Manifest analyzer: reads the JSDoc of every element
 * (`@summary @attr @prop @event @slot @csspart @cssproperty`) and the Lit
 * decorators, and writes custom-elements.json (`npm run analyze`, part of `npm run build`).
 * The manifest feeds Storybook's controls and docs, IDEs and the package's `customElements` field.
 */
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/shared/**', 'src/components/**/whatsapp-logo.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
