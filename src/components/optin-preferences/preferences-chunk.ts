/** Entry of the script tag's preferences chunk (`optin-preferences.<hash>.js`): hands the view's code to the script that loaded it. */
import { registerCodeChunk } from '../../client/code-chunk-registry.js';
import * as view from './preferences-view.js';

registerCodeChunk('preferences', view);
