/** Entry of the script tag's QR chunk (`optin-qr.<hash>.js`): hands the encoder to the script that loaded it. */
import { registerCodeChunk } from '../../../client/code-chunk-registry.js';
import * as qr from '../../../core/qr-code.js';

registerCodeChunk('qr', qr);
