/**
 * A message that appears as focus leaves a field moves what is below it; if focus left because
 * a pointer was pressed there, the press and the release would land on different places and the
 * click would be lost (a checkbox that does not tick). `afterPointerRelease` runs such an update
 * at once, or, while a pointer is pressed, once it is released and its click has been dispatched.
 */
let pressed = false;
let watching = false;

/** Starts following presses; call it before the first blur that may need it (on connect). */
export function watchPointerPresses(): void {
  if (watching || typeof addEventListener !== 'function') return;
  watching = true;
  addEventListener('pointerdown', () => (pressed = true), true);
  // A key press also ends it, should a release outside the window go unseen: Tab never waits.
  for (const type of ['pointerup', 'pointercancel', 'keydown']) addEventListener(type, () => (pressed = false), true);
}

export function afterPointerRelease(update: () => void): void {
  if (!pressed) {
    update();
    return;
  }
  const released = () => {
    for (const type of ['pointerup', 'pointercancel']) removeEventListener(type, released, true);
    // The click follows the release in the same task: update in the next one.
    setTimeout(update);
  };
  for (const type of ['pointerup', 'pointercancel']) addEventListener(type, released, true);
}
