/** Entry of the script tag's QR chunk (`optin-qr.<hash>.js`): hands the double opt-in step (code, link, QR encoder) to the script that loaded it. */
import { registerCodeChunk } from '../../../client/code-chunk-registry.js';
import * as step from './confirmation-step.js';

registerCodeChunk('qr', step);
