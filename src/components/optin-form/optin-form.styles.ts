import { css } from 'lit';

export const optinFormStyles = css`
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
  }
  :host([hidden]) {
    display: none;
  }
  /* A CMS theme's "* { font-family: … !important }" reaches the host element itself, beating
     :host; inside the shadow root page CSS cannot reach, so the typography is set again here. */
  form,
  .config-notice {
    font-family: var(--optin-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--optin-font-size, 1rem);
    font-style: normal;
    font-weight: 400;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    color: var(--optin-color-text, #1b1f23);
  }
  @media (prefers-color-scheme: dark) {
    form,
    .config-notice {
      color: var(--optin-color-text, #eceff1);
    }
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--optin-color-text, #eceff1);
      --_accent: var(--optin-color-accent, #4fd1a5);
      --_surface: var(--optin-color-surface, #1d2125);
      --_muted: var(--optin-color-muted, #b4bcc4);
    }
  }
  form,
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
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_gap) / 1.5);
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: calc(var(--_gap) / 2);
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: 600;
    color: var(--optin-color-whatsapp, #0a6e3a);
  }
  .category {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.625rem;
    align-items: start;
    cursor: pointer;
  }
  .category input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }
  .category-description {
    color: var(--_muted);
  }
  .fine-print {
    color: var(--_muted);
    font-size: 0.9em;
  }
  a {
    color: var(--_accent);
  }
  .error {
    color: var(--optin-color-error, #b3261e);
    font-size: 0.9em;
  }
  .error:empty {
    display: none;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-block-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 0;
    border-radius: var(--optin-radius, 0.75rem);
    background: var(--_accent);
    color: var(--optin-color-on-accent, #ffffff);
    cursor: pointer;
    justify-self: start;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  input:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--optin-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  /* Only bots fill this in: off-screen rather than display:none, which some bots skip. */
  .honeypot {
    position: absolute;
    inset-inline-start: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  .status:empty {
    display: none;
  }
  .status[data-status='success'] {
    color: var(--_accent);
    font-weight: 600;
  }
  .status[data-status='error'] {
    color: var(--optin-color-error, #b3261e);
  }
  .config-notice {
    border: 2px dashed var(--optin-color-error, #b3261e);
  }
  .config-notice ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
  }
`;
