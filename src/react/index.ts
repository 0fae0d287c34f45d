/**
 * `optin-elements/react`: React components for the elements, made with `@lit/react`, so
 * properties are set as properties (arrays and objects included) and events are typed props:
 * `<OptinForm businessName="…" onOptinSuccess={(event) => event.detail.record} />`.
 * Importing this module registers the tags.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OptinForm as OptinFormElement } from '../components/optin-form/optin-form.js';
import { OptinPhoneInput as OptinPhoneInputElement } from '../components/optin-phone-input/optin-phone-input.js';
import type { OptinErrorEvent } from '../components/events/optin-error-event.js';
import type { OptinSubmitEvent } from '../components/events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../components/events/optin-success-event.js';
import '../define.js';

/** `<optin-form>` as a React component. Event props: `onOptinSubmit`, `onOptinSuccess`, `onOptinError`. */
export const OptinForm = createComponent({
  tagName: 'optin-form',
  elementClass: OptinFormElement,
  react: React,
  events: {
    onOptinSubmit: 'optin-submit' as EventName<OptinSubmitEvent>,
    onOptinSuccess: 'optin-success' as EventName<OptinSuccessEvent>,
    onOptinError: 'optin-error' as EventName<OptinErrorEvent>,
  },
  displayName: 'OptinForm',
});

/** `<optin-phone-input>` as a React component. Event props: `onInput`, `onChange` (native events; `event.target.value` is E.164). */
export const OptinPhoneInput = createComponent({
  tagName: 'optin-phone-input',
  elementClass: OptinPhoneInputElement,
  react: React,
  events: {
    onInput: 'input' as EventName<InputEvent>,
    onChange: 'change' as EventName<Event>,
  },
  displayName: 'OptinPhoneInput',
});

export type { OptinErrorEvent, OptinSubmitEvent, OptinSuccessEvent };
