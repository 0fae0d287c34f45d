/**
 * Popup and flyout behaviour of `<optin-form>`: opening by trigger or by `open()`, closing by the
 * close button, Esc or `close()`, focus kept inside a popup and given back where it was, and what
 * the device remembers (subscribed: never again by itself; dismissed: closed for `dismiss-days`).
 * Loaded only for `display="popup|flyout"` (the script tag fetches it beside itself, hash-checked),
 * so the inline form carries none of it. The element renders the `<dialog>` and the close button;
 * this code never renders, it only drives them.
 */
import { dismissedAt, hasSubscribed, rememberDismissed, rememberSubscribed } from '../../../client/display-memory.js';
import {
  type DisplayTrigger,
  isDismissalActive,
  isPointerExit,
  isTouchExit,
  parseDisplayMode,
  parseDisplayTrigger,
  scrolledPercent,
} from '../../../core/notice/display-trigger.js';
import { displayStyles } from './display-styles.js';

export type DismissReason = 'close-button' | 'escape' | 'method';

/** The element, as the display code reads it (its attributes as properties; the dialog it rendered). */
export interface DisplayElement extends HTMLElement {
  display: string;
  trigger: string;
  dismissDays: number;
  endpoint: string;
}

/** How the display code tells the element what happened; the element dispatches its events. */
export interface DisplayEvents {
  view(detail: { display: 'popup' | 'flyout'; trigger: DisplayTrigger['kind'] }): void;
  dismiss(detail: { display: 'popup' | 'flyout'; reason: DismissReason }): void;
}

export interface DisplayBehaviour {
  open(trigger?: DisplayTrigger['kind']): void;
  close(reason?: DismissReason): void;
  /** A record was accepted or saved for sending: this device never opens the form by itself again. */
  subscribed(): void;
  disconnect(): void;
}

let sheet: CSSStyleSheet | undefined;

function adoptStyles(root: ShadowRoot | null): void {
  if (!root) return;
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(displayStyles);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The focused element, looking into open shadow roots (the page's own button may sit in one). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** The focusable elements of the dialog the person can Tab to, first and last (nested fields included through their hosts). */
function tabStops(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], input:not([disabled]):not([tabindex="-1"]), optin-phone-input')];
}

export function createDisplay(element: DisplayElement, events: DisplayEvents): DisplayBehaviour {
  adoptStyles(element.shadowRoot);
  const mode = parseDisplayMode(element.display) === 'flyout' ? 'flyout' : 'popup';
  // The same key the element marks a subscription under (its resolved endpoint).
  const endpoint = new URL(element.endpoint, document.baseURI).href;
  const dialogOf = () => element.shadowRoot?.querySelector('dialog') ?? null;
  let returnFocus: HTMLElement | null = null;
  let closeReason: DismissReason = 'method';
  let wired: HTMLDialogElement | null = null;

  const disarm: Array<() => void> = [];
  const stopTriggers = () => disarm.splice(0).forEach((stop) => stop());

  /** The dialog is re-rendered by Lit only if the form switches to its notice and back: wire each one once. */
  function wire(dialog: HTMLDialogElement): void {
    if (wired === dialog) return;
    wired = dialog;
    dialog.addEventListener('cancel', () => {
      closeReason = 'escape';
    });
    dialog.addEventListener('keydown', (event) => {
      // A non-modal dialog (flyout) gets no `cancel` from Esc in every engine.
      if (event.key === 'Escape' && mode === 'flyout') {
        event.preventDefault();
        close('escape');
      }
      // Focus stays inside a popup: Tab on the last stop goes to the first, Shift+Tab on the first to the last.
      if (event.key !== 'Tab' || mode !== 'popup') return;
      const stops = tabStops(dialog);
      const [first, last] = [stops[0], stops[stops.length - 1]];
      const active = element.shadowRoot?.activeElement;
      if (active === (event.shiftKey ? first : last)) {
        event.preventDefault();
        (event.shiftKey ? last : first)?.focus();
      }
    });
    dialog.addEventListener('close', () => {
      const reason = closeReason;
      closeReason = 'method';
      if (returnFocus?.isConnected) returnFocus.focus();
      returnFocus = null;
      if (hasSubscribed(endpoint)) return;
      rememberDismissed(endpoint, Date.now());
      events.dismiss({ display: mode, reason });
    });
  }

  function open(trigger: DisplayTrigger['kind'] = 'manual'): void {
    const dialog = dialogOf();
    if (!dialog || dialog.open) return;
    wire(dialog);
    stopTriggers();
    returnFocus = deepActiveElement();
    if (mode === 'popup') dialog.showModal();
    else {
      dialog.show();
      // A flyout opened by a trigger does not take the focus from what the person is doing.
      if (trigger === 'manual') tabStops(dialog)[0]?.focus();
      else if (returnFocus) returnFocus.focus();
    }
    events.view({ display: mode, trigger });
  }

  function close(reason: DismissReason = 'method'): void {
    const dialog = dialogOf();
    if (!dialog?.open) return;
    closeReason = reason;
    dialog.close();
  }

  function arm(trigger: DisplayTrigger): void {
    if (trigger.kind === 'delay') {
      const timer = setTimeout(() => open('delay'), trigger.seconds * 1000);
      disarm.push(() => clearTimeout(timer));
    } else if (trigger.kind === 'scroll') {
      const check = () => {
        const page = document.documentElement;
        if (scrolledPercent(scrollY, innerHeight, page.scrollHeight) >= trigger.percent) open('scroll');
      };
      addEventListener('scroll', check, { passive: true });
      disarm.push(() => removeEventListener('scroll', check));
      check();
    } else if (trigger.kind === 'exit-intent') {
      if (matchMedia('(hover: hover)').matches) {
        const leave = (event: MouseEvent) => {
          if (isPointerExit(event.clientY, event.relatedTarget !== null)) open('exit-intent');
        };
        document.addEventListener('mouseout', leave);
        disarm.push(() => document.removeEventListener('mouseout', leave));
      } else {
        let deepest = scrollY;
        const watch = () => {
          deepest = Math.max(deepest, scrollY);
          if (isTouchExit(deepest, scrollY, innerHeight)) open('exit-intent');
        };
        addEventListener('scroll', watch, { passive: true });
        disarm.push(() => removeEventListener('scroll', watch));
      }
    }
  }

  const { trigger, problem } = parseDisplayTrigger(element.trigger);
  if (problem) console.error(`[optin-elements] <optin-form>: ${problem}`);
  // Triggers open the form once per page view, never for someone who subscribed or recently said no.
  const remembered = hasSubscribed(endpoint) || isDismissalActive(dismissedAt(endpoint), element.dismissDays, Date.now());
  if (!remembered) arm(trigger);

  return {
    open,
    close,
    subscribed: () => rememberSubscribed(endpoint),
    // The dialog leaves with the element; only the page-wide listeners and the timer need stopping.
    disconnect: stopTriggers,
  };
}
