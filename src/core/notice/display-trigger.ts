/**
 * When a popup or flyout `<optin-form>` opens by itself (`trigger`), and whether it may: pure
 * decisions, so each is tested without a browser. The element's display code applies them.
 */

export type DisplayMode = 'inline' | 'popup' | 'flyout';

export type DisplayTrigger = { kind: 'manual' } | { kind: 'delay'; seconds: number } | { kind: 'scroll'; percent: number } | { kind: 'exit-intent' };

/** Reads `display`; anything but `popup` or `flyout` is the inline form, which always works. */
export function parseDisplayMode(value: string | null | undefined): DisplayMode {
  const mode = (value ?? '').trim().toLowerCase();
  return mode === 'popup' || mode === 'flyout' ? mode : 'inline';
}

/** Reads `trigger` (`manual`, `delay:SECONDS`, `scroll:PERCENT`, `exit-intent`); a malformed one is a problem, not a guess. */
export function parseDisplayTrigger(value: string | null | undefined): { trigger: DisplayTrigger; problem?: string } {
  const text = (value ?? '').trim().toLowerCase();
  if (!text || text === 'manual') return { trigger: { kind: 'manual' } };
  if (text === 'exit-intent') return { trigger: { kind: 'exit-intent' } };
  const match = /^(delay|scroll):(\d{1,4}(?:\.\d+)?)$/.exec(text);
  const amount = match ? Number(match[2]) : NaN;
  if (match?.[1] === 'delay' && amount <= 3600) return { trigger: { kind: 'delay', seconds: amount } };
  if (match?.[1] === 'scroll' && amount <= 100) return { trigger: { kind: 'scroll', percent: amount } };
  return {
    trigger: { kind: 'manual' },
    problem: `trigger "${value}" must be "manual", "delay:SECONDS" (0 to 3600), "scroll:PERCENT" (0 to 100) or "exit-intent"; the form opens only by open() until it is fixed.`,
  };
}

/** How far down the page the person has read, in percent (100 when the page does not scroll). */
export function scrolledPercent(scrollTop: number, viewportHeight: number, pageHeight: number): number {
  const scrollable = pageHeight - viewportHeight;
  return scrollable <= 0 ? 100 : Math.min(100, Math.max(0, (scrollTop / scrollable) * 100));
}

/**
 * Exit intent with a mouse: the pointer leaves the page through its top edge (towards the tabs
 * and the address bar), not into another element.
 */
export function isPointerExit(clientY: number, leftForElement: boolean): boolean {
  return !leftForElement && clientY <= 0;
}

/**
 * Exit intent on a touch screen, which has no pointer to leave: the person, having read at least
 * one screen down, scrolls back up by a third of a screen or more, heading for the address bar.
 * (Nothing watches the back button: taking it over would trap people on the page.)
 */
export function isTouchExit(deepestScrollTop: number, scrollTop: number, viewportHeight: number): boolean {
  return deepestScrollTop >= viewportHeight && deepestScrollTop - scrollTop >= viewportHeight / 3;
}

const DAY_MS = 86_400_000;

/** A dismissal keeps the form closed for `dismissDays` days on that device (0: only for this page view). */
export function isDismissalActive(dismissedAt: number | undefined, dismissDays: number, now: number): boolean {
  if (dismissedAt === undefined || !Number.isFinite(dismissedAt)) return false;
  return now >= dismissedAt && now - dismissedAt < Math.max(0, dismissDays) * DAY_MS;
}
