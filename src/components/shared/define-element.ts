/**
 * Registers a tag, tolerating a second registration (the page loads the
 * script twice, or an app bundles it too): that warns, never throws.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== constructor) {
      console.warn(`[optin-elements] <${tag}> is already defined by another copy of the script; this copy is not registered.`);
    }
    return;
  }
  customElements.define(tag, constructor);
}
