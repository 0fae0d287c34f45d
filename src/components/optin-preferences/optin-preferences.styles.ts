import type { css as litCss } from 'lit';

/**
 * The preference centre's styles travel with its view, in the preferences chunk (preferences-view.ts
 * re-exports them); the element adopts them, made with its own `css` tag, once the view arrived.
 */
export const optinPreferencesStyles = (css: typeof litCss) => css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--optin-max-width, 32rem);
    font-family: var(--optin-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--optin-font-size, 1rem);
    line-height: 1.5;
    color: var(--optin-color-text, #1b1f23);
    --_accent: var(--optin-color-accent, #0b6e4f);
    --_surface: var(--optin-color-surface, #ffffff);
    --_muted: var(--optin-color-muted, #4f5660);
    --_gap: var(--optin-space, 0.75rem);
    --_stop: var(--optin-color-stop, #8a1c14);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--optin-color-text, #eceff1);
      --_accent: var(--optin-color-accent, #4fd1a5);
      --_surface: var(--optin-color-surface, #1d2125);
      --_muted: var(--optin-color-muted, #b4bcc4);
      --_stop: var(--optin-color-stop, #ffb4a9);
    }
  }
  .panel,
  .config-notice {
    display: grid;
    gap: var(--_gap);
    padding: var(--optin-padding, 1.25rem);
    background: var(--_surface);
    border: 1px solid var(--optin-color-border, #d0d5db);
    border-radius: var(--optin-radius, 0.75rem);
  }
  p {
    margin: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 1.5);
  }
  .category {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.5rem;
    align-items: center;
  }
  .category-description,
  .fine-print {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .category-state {
    display: block;
    font-size: 0.9em;
    font-weight: 600;
  }
  .category-state[data-granted='false'] {
    color: var(--_stop);
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--_stop);
  }
  button {
    font: inherit;
    font-weight: 600;
    min-block-size: 2.75rem;
    min-inline-size: 6rem;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--optin-radius, 0.75rem);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  button.stop,
  button.stop-all {
    border-color: var(--_stop);
    color: var(--_stop);
  }
  button.stop-all {
    justify-self: start;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible {
    outline: 3px solid var(--optin-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  .status:empty {
    display: none;
  }
  .status[data-status='saved'] {
    color: var(--_accent);
    font-weight: 600;
  }
  .status[data-status='error'] {
    color: var(--optin-color-error, #b3261e);
  }
  .config-notice {
    border: 2px dashed var(--optin-color-error, #b3261e);
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
  }
`;
