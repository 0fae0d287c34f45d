/** `#platform/load-qr-encoder`, npm build: the double opt-in step (code, link, QR encoder) is a chunk the page's bundler splits off, loaded by forms with confirm-number. */
export const loadQrEncoder = () => import('../../components/optin-form/qr/confirmation-step.js');
