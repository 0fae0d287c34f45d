import { css } from 'lit';

export const phoneInputStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--optin-color-text, #1b1f23);
    --_phone-field: var(--optin-color-field, var(--optin-color-surface, #ffffff));
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
      --_phone-field: var(--optin-color-field, var(--optin-color-surface, #121518));
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
  .control {
    display: flex;
    flex-wrap: wrap;
    gap: var(--optin-space-xs, 0.25rem);
  }
  .country-button,
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
  .country-button {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    cursor: pointer;
    white-space: nowrap;
  }
  .country-button:disabled,
  input:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .chevron {
    inline-size: 0.5rem;
    block-size: 0.5rem;
    /* Physical sides: with logical ones the rotated corner pointed sideways in right-to-left pages. */
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: translateY(-25%) rotate(45deg);
  }
  .dial {
    /* The dial code reads left to right even in right-to-left pages. */
    direction: ltr;
    unicode-bidi: isolate;
    font-variant-numeric: tabular-nums;
  }
  /* The default country appears when the phone metadata arrives, after first paint: room for a
     flag and "+" with three digits keeps the number field beside the button from moving then. */
  .country-button .flag {
    min-inline-size: 1.75em;
    text-align: center;
  }
  .country-button .dial {
    min-inline-size: 4ch;
  }
  .flag {
    font-family: 'Twemoji Mozilla', 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif;
  }
  input {
    flex: 1 1 9rem;
    min-inline-size: 0;
  }
  .country-button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_phone-focus);
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_phone-error);
    border-width: 2px;
  }
  .popup {
    /* Top layer via the Popover API; positioned by script under (or above) the field. */
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0.25rem;
    box-sizing: border-box;
    display: none;
    flex-direction: column;
    gap: 0.25rem;
    color: inherit;
    background: var(--_phone-field);
    border: 1px solid var(--_phone-border);
    border-radius: var(--optin-radius, 0.5rem);
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.2);
    overflow: hidden;
  }
  .popup:popover-open,
  .popup.fallback.open {
    display: flex;
  }
  .popup.fallback {
    z-index: 2147483647;
  }
  #country-search {
    flex: none;
    min-block-size: 2.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  #country-listbox {
    overflow-y: auto;
    overscroll-behavior: contain;
    position: relative;
  }
  .group + .group {
    border-block-start: 1px solid var(--_phone-border);
    margin-block-start: 0.25rem;
    padding-block-start: 0.25rem;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.375rem 0.5rem;
    border-radius: calc(var(--optin-radius, 0.5rem) / 2);
    cursor: pointer;
    line-height: 1.5;
  }
  /* The browser lays out and shapes (flag emoji) only the rows in view: opening the list of 245
     countries no longer lays them all out at once. Until seen, a row is as high as one line of it.
     Only where the browser anchors scrolling (not WebKit): there a row laid out late at another
     height would move the rows under the person's eyes. */
  @supports (overflow-anchor: auto) {
    .option {
      content-visibility: auto;
      contain-intrinsic-size: auto calc(1.5em + 0.75rem);
    }
  }
  .option .name {
    flex: 1;
  }
  .option .dial {
    opacity: 0.75;
  }
  .option.current .name {
    font-weight: 600;
  }
  .option.active {
    background: var(--optin-color-active, #e3ecfb);
    outline: 2px solid var(--_phone-focus);
    outline-offset: -2px;
  }
  .empty {
    margin: 0.5rem;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .error {
    color: var(--_phone-error);
    margin-block-start: var(--optin-space-xs, 0.25rem);
    font-size: 0.9em;
  }
  .error:empty {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    .option.active {
      background: var(--optin-color-active, #243a5e);
    }
  }
  @media (forced-colors: active) {
    .country-button:focus-visible,
    input:focus-visible,
    .option.active {
      outline-color: Highlight;
    }
  }
`;
