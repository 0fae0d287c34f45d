/** Entry of the script tag's funnel chunk (`optin-funnel.<hash>.js`): hands the funnel counter to the script that loaded it. */
import { registerCodeChunk } from '../../../client/code-chunk-registry.js';
import * as funnel from '../../../client/funnel-beacon.js';

registerCodeChunk('funnel', funnel);
