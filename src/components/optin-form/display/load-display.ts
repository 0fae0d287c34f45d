/** The npm build: the display code is a chunk the page's bundler splits off and loads on demand. */
export const loadDisplay = () => import('./display-behaviour.js');
