import { css } from 'lit';

export const phoneInputStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--optin-color-text, #1b1f23);
  }
  :host([hidden]) {
    display: none;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: var(--optin-space-xs, 0.25rem);
  }
  .control {
    display: flex;
    gap: var(--optin-space-xs, 0.25rem);
    direction: ltr;
  }
  select,
  input {
    font: inherit;
    color: inherit;
    background: var(--optin-color-field, #fff);
    border: 1px solid var(--optin-color-border, #8a9099);
    border-radius: var(--optin-radius, 0.5rem);
    padding: 0.5rem 0.625rem;
    min-block-size: 2.75rem;
    box-sizing: border-box;
  }
  select {
    /* A fixed width: the list is filled in when first wanted, and nothing beside it may move then. */
    flex: none;
    inline-size: 9.5rem;
  }
  input {
    flex: 1;
    min-inline-size: 0;
  }
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--optin-color-focus, #1a73e8);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--optin-color-error, #b3261e);
  }
  .error {
    color: var(--optin-color-error, #b3261e);
    margin-block-start: var(--optin-space-xs, 0.25rem);
    font-size: 0.9em;
  }
  .error:empty {
    display: none;
  }
`;
