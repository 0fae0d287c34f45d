/** Entry of the script tag's display chunk (`optin-display.<hash>.js`): hands the display code to the script that loaded it. */
import { registerCodeChunk } from '../../../client/code-chunk-registry.js';
import * as display from './display-behaviour.js';

registerCodeChunk('display', display);
