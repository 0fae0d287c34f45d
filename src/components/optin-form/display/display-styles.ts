/**
 * The popup's and flyout's own styles, adopted into the form's shadow root when the display code
 * arrives (the inline form never loads them). Plain CSS text: the display chunk carries no Lit.
 * The dialog is in the top layer (popup) or fixed to a corner (flyout), so opening it never moves
 * the host page; motion only when the person has not asked for less.
 */
export const displayStyles = `
dialog{box-sizing:border-box;border:0;padding:0;background:transparent;color:inherit;inline-size:min(var(--optin-max-width,32rem),calc(100vw - 2rem));max-block-size:calc(100dvh - 2rem);overflow:auto;overscroll-behavior:contain}
dialog::backdrop{background:rgb(0 0 0/.55)}
dialog.flyout{position:fixed;inset-block:auto 1rem;inset-inline:auto 1rem;margin:0;z-index:2147483647;border-radius:var(--optin-radius,.75rem);box-shadow:0 .5rem 2rem rgb(0 0 0/.35)}
dialog>form{padding-block-start:3rem}
.close{position:absolute;padding:0;min-inline-size:0;inset-block-start:.25rem;inset-inline-end:.25rem;inline-size:2.75rem;block-size:2.75rem;border:0;border-radius:50%;background:transparent;color:inherit;font:inherit;font-size:1.5rem;line-height:1;cursor:pointer}
.close:hover{background:rgb(127 127 127/.2)}
.close:focus-visible{outline:3px solid var(--optin-color-focus,#1a73e8);outline-offset:-3px}
@media (prefers-reduced-motion:no-preference){dialog[open]{animation:optin-enter .2s ease-out}}
@keyframes optin-enter{from{opacity:0;transform:translateY(.75rem)}}
@media (forced-colors:active){dialog{border:1px solid CanvasText}}
`;
