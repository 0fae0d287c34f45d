/** `#platform/load-qr-encoder`, npm build: the QR encoder is a chunk the page's bundler splits off, loaded by forms with confirm-number. */
export const loadQrEncoder = () => import('../../core/qr-code.js');
