/** `#platform/load-funnel-report`, npm build: the funnel counter is a chunk the page's bundler splits off, loaded only by forms with events-url. */
export const loadFunnelReport = () => import('../../client/funnel-beacon.js');
