/**
 * Meta's WhatsApp Business Messaging Policy, as COMPLIANCE.md states it.
 * Rules the widget guarantees by construction (an unticked box, an editable
 * number, the stop instructions) still get a check, so the record says they applied.
 */
import type { PolicyCheck, PolicyRule } from './policy-types.js';

const pass = (id: string): PolicyCheck => ({ id, passed: true });
const fail = (id: string, message: string): PolicyCheck => ({ id, passed: false, message });

export const businessNamed: PolicyRule = (config) =>
  config.businessName.trim()
    ? pass('business-named')
    : fail('business-named', 'business-name is missing: set it to the name people know your business by.');

/** The lead sentence of every notice says messages come from the business. */
export const messagesStated: PolicyRule = () => pass('messages-stated');

export const categoriesDisclosed: PolicyRule = (config) =>
  config.categories.length > 0
    ? pass('categories-disclosed')
    : fail('categories-disclosed', 'categories is empty: list the kinds of messages you will send, e.g. categories="offers,order-updates".');

/** Every category is an unticked checkbox; submitting without a tick is refused. */
export const affirmativeAction: PolicyRule = () => pass('affirmative-action');

/** The number is always typed or edited by the person; a prefilled one stays editable. */
export const phoneEditable: PolicyRule = () => pass('phone-editable');

/** The notice always states how to stop. */
export const optOutExplained: PolicyRule = () => pass('opt-out-explained');

/** Consent comes only from the ticked box, never from an inbound message. */
export const notAnInboundMessage: PolicyRule = () => pass('not-an-inbound-message');

export const platformRules: PolicyRule[] = [
  businessNamed,
  messagesStated,
  categoriesDisclosed,
  affirmativeAction,
  phoneEditable,
  optOutExplained,
  notAnInboundMessage,
];
