import { css } from 'lit';

export const phoneInputStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--optin-color-text, #1b1f23);
    --_phone-field: var(--optin-color-field, #ffffff);
    --_phone-border: var(--optin-color-border, #767d87);
    --_phone-error: var(--optin-color-error, #b3261e);
    --_phone-focus: var(--optin-color-focus, #1a73e8);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--optin-color-text, #eceff1);
      --_phone-field: var(--optin-color-field, #121518);
      --_phone-border: var(--optin-color-border, #8a939c);
      --_phone-error: var(--optin-color-error, #ffb4ab);
      --_phone-focus: var(--optin-color-focus, #8ab4f8);
    }
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: var(--optin-space-xs, 0.25rem);
  }
  /* Numbers and dial codes read left to right in every script, so the row never mirrors. */
  .control {
    display: flex;
    flex-wrap: wrap;
    gap: var(--optin-space-xs, 0.25rem);
    direction: ltr;
  }
  select,
  input {
    font: inherit;
    color: inherit;
    background: var(--_phone-field);
    border: 1px solid var(--_phone-border);
    border-radius: var(--optin-radius, 0.5rem);
    padding: 0.5rem 0.625rem;
    min-block-size: 2.75rem;
    box-sizing: border-box;
  }
  select {
    flex: 0 1 11rem;
    max-inline-size: 100%;
    min-inline-size: 6rem;
  }
  input {
    flex: 1 1 9rem;
    min-inline-size: 0;
  }
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_phone-focus);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_phone-error);
    border-width: 2px;
  }
  .error {
    color: var(--_phone-error);
    margin-block-start: var(--optin-space-xs, 0.25rem);
    font-size: 0.9em;
  }
  .error:empty {
    display: none;
  }
  @media (forced-colors: active) {
    select:focus-visible,
    input:focus-visible {
      outline-color: Highlight;
    }
  }
`;
