import { css } from 'lit';

/**
 * Theme tokens are `--optin-*` custom properties (documented on OptinForm); the private `--_*`
 * ones hold the resolved value so the dark variant can change defaults without overriding a
 * page's own choice. The field takes the page's surface colour when only that is set, so a page
 * theme that sets a light text and a dark surface never gets light text on a white field.
 * `all: initial` keeps the host page's inherited styles out.
 */
export const optinFormStyles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--optin-max-width, 32rem);
    font-family: var(--optin-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    font-size: var(--optin-font-size, 1rem);
    line-height: 1.5;
    --_text: var(--optin-color-text, #1b1f23);
    --_accent: var(--optin-color-accent, #0b6e4f);
    --_on-accent: var(--optin-color-on-accent, #ffffff);
    --_surface: var(--optin-color-surface, #ffffff);
    --_muted: var(--optin-color-muted, #4f5660);
    --_border: var(--optin-color-border, #d0d5db);
    --_error: var(--optin-color-error, #b3261e);
    --_focus: var(--optin-color-focus, #1a73e8);
    --_whatsapp: var(--optin-color-whatsapp, #0a6e3a);
    --_field: var(--optin-color-field, var(--optin-color-surface, #ffffff));
    --_field-border: var(--optin-color-field-border, #767d87);
    --_gap: var(--optin-space, 0.75rem);
    --_radius: var(--optin-radius, 0.75rem);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  ::slotted([slot='image']) {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    border-radius: calc(var(--_radius) / 2);
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
      color-scheme: dark;
      --_text: var(--optin-color-text, #eceff1);
      --_accent: var(--optin-color-accent, #4fd1a5);
      --_on-accent: var(--optin-color-on-accent, #0d1f18);
      --_surface: var(--optin-color-surface, #1d2125);
      --_muted: var(--optin-color-muted, #b4bcc4);
      --_border: var(--optin-color-border, #3d444c);
      --_error: var(--optin-color-error, #ffb4ab);
      --_focus: var(--optin-color-focus, #8ab4f8);
      --_whatsapp: var(--optin-color-whatsapp, #25d366);
      --_field: var(--optin-color-field, var(--optin-color-surface, #121518));
      --_field-border: var(--optin-color-field-border, #8a939c);
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  form,
  .config-notice {
    display: grid;
    /* minmax(0, …): a long country name in the picker must not widen the form past a 320 px screen. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    padding: var(--optin-padding, 1.25rem);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  optin-phone-input {
    --optin-color-text: var(--_text);
    --optin-color-field: var(--_field);
    --optin-color-border: var(--_field-border);
    --optin-color-error: var(--_error);
    --optin-color-focus: var(--_focus);
    --optin-radius: calc(var(--_radius) * 2 / 3);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
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
    color: var(--_whatsapp);
  }
  .category {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.625rem;
    align-items: start;
    cursor: pointer;
  }
  /* 24 × 24 CSS px: the WCAG 2.2 minimum target size, even without the label around it. */
  .category input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
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
    color: var(--_error);
    font-size: 0.9em;
  }
  .error:empty {
    display: none;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    justify-self: start;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  /* The only motion: the focus ring settling in, and only for people who have not asked for less. */
  @media (prefers-reduced-motion: no-preference) {
    input,
    button,
    a {
      transition: outline-offset 120ms ease-out;
    }
  }
  input:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /*
   * Only bots fill this in: rendered but clipped rather than display:none, which some bots skip.
   * Clipped in place, not moved off-screen, so no direction (LTR or RTL page) gets a scrollbar.
   */
  .honeypot {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* The live region stays in the accessibility tree while empty, so its first message is announced. */
  .status:empty {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .status {
    font-weight: 600;
  }
  .status[data-status='success'] {
    color: var(--_accent);
  }
  .status[data-status='error'] {
    color: var(--_error);
  }
  .confirm {
    display: grid;
    gap: calc(var(--_gap) / 1.5);
    justify-items: start;
  }
  .confirm-link {
    font-weight: 600;
  }
  .confirm-code {
    font-family: ui-monospace, monospace;
    letter-spacing: 0.1em;
  }
  .confirm svg {
    inline-size: 10rem;
    block-size: 10rem;
  }
  .config-notice {
    border: 2px dashed var(--_error);
  }
  .config-notice ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  @media (forced-colors: active) {
    form,
    .config-notice {
      border-color: CanvasText;
    }
    button {
      border-color: ButtonText;
    }
    button[disabled] {
      border-color: GrayText;
      color: GrayText;
      opacity: 1;
    }
    input:focus-visible,
    button:focus-visible,
    a:focus-visible {
      outline-color: Highlight;
    }
    .badge svg {
      fill: CanvasText;
    }
  }
`;
