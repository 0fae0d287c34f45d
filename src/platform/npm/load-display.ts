/** `#platform/load-display`, npm build: the display code is a chunk the page's bundler splits off and loads on demand. */
export const loadDisplay = () => import('../../components/optin-form/display/display-behaviour.js');
