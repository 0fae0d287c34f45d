/** `#platform/load-preferences`, npm build: `<optin-preferences>`'s view is a chunk the page's bundler splits off, loaded where the element is used. */
export const loadPreferencesView = () => import('../../components/optin-preferences/preferences-view.js');
