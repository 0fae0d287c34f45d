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
import { OptinPreferences as OptinPreferencesElement } from '../components/optin-preferences/optin-preferences.js';
import type { OptinErrorEvent } from '../components/events/optin-error-event.js';
import type { OptinPreferencesLoadedEvent } from '../components/events/optin-preferences-loaded-event.js';
import type { OptinQueuedEvent } from '../components/events/optin-queued-event.js';
import type { OptinSubmitEvent } from '../components/events/optin-submit-event.js';
import type { OptinSuccessEvent } from '../components/events/optin-success-event.js';
import '../define.js';

/** The events both `<optin-form>` and `<optin-preferences>` fire about the record they send. */
const recordEvents = {
  onOptinSubmit: 'optin-submit' as EventName<OptinSubmitEvent>,
  onOptinSuccess: 'optin-success' as EventName<OptinSuccessEvent>,
  onOptinQueued: 'optin-queued' as EventName<OptinQueuedEvent>,
  onOptinError: 'optin-error' as EventName<OptinErrorEvent>,
};

/** `<optin-form>` as a React component. Event props: `onOptinSubmit`, `onOptinSuccess`, `onOptinQueued`, `onOptinError`. */
export const OptinForm = createComponent({
  tagName: 'optin-form',
  elementClass: OptinFormElement,
  react: React,
  events: recordEvents,
  displayName: 'OptinForm',
});

/**
 * `<optin-preferences>` as a React component. Event props: `onOptinSubmit`, `onOptinSuccess`,
 * `onOptinQueued`, `onOptinError`, `onOptinPreferencesLoaded`.
 */
export const OptinPreferences = createComponent({
  tagName: 'optin-preferences',
  elementClass: OptinPreferencesElement,
  react: React,
  events: { ...recordEvents, onOptinPreferencesLoaded: 'optin-preferences-loaded' as EventName<OptinPreferencesLoadedEvent> },
  displayName: 'OptinPreferences',
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

export type { OptinErrorEvent, OptinPreferencesLoadedEvent, OptinQueuedEvent, OptinSubmitEvent, OptinSuccessEvent };
