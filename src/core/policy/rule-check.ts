/** Builders for a rule's result, so every rule reads as its condition and its fix. */
import type { PolicyCheck } from './policy-types.js';

export const pass = (id: string): PolicyCheck => ({ id, passed: true });

export const fail = (id: string, attribute: string, message: string): PolicyCheck => ({ id, passed: false, attribute, message });
