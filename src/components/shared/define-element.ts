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
  try {
    customElements.define(tag, constructor);
  } catch (error) {
    // The same class already registered under a tag of the page's own (`NotSupportedError`).
    console.warn(`[optin-elements] <${tag}>: ${error}`);
  }
}

/** Elements this package's elements render inside themselves, tag → class (`static dependencies`). */
export type ElementDependencies = Readonly<Record<string, CustomElementConstructor>>;

/**
 * Registers the elements an element renders (its `static dependencies`) that the page has not
 * registered yet. Elements call it when they are created, so importing a class registers nothing,
 * and a page that registers a class under a tag of its own still gets a working element.
 */
export function defineDependencies(dependencies: ElementDependencies): void {
  for (const [tag, constructor] of Object.entries(dependencies)) {
    if (!customElements.get(tag)) defineElement(tag, constructor);
  }
}
