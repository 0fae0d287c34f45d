/**
 * A TypeScript app using every typed entry point of the package, as an app that installed it
 * would: checked against dist/*.d.ts with `skipLibCheck: false` by TypeScript 5.9 and by the
 * project's TypeScript (test/node/consumer-types.test.ts).
 */
import { type I18nextInstance, OptinForm, type OptinQueuedEvent, type OptinSuccessEvent, useI18next } from 'optin-elements';
import 'optin-elements/define.js';
import { parsePhoneInput } from 'optin-elements/core';
import { OptinForm as ReactOptinForm, OptinPreferences as ReactOptinPreferences } from 'optin-elements/react';
import type { OptinFormVueProps, OptinPreferencesVueProps } from 'optin-elements/vue';

const form = document.createElement('optin-form');
form.businessName = 'Blumen Berlin';
form.addEventListener('optin-success', (event: OptinSuccessEvent) => console.log(event.detail.record.id));
form.addEventListener('optin-queued', (event: OptinQueuedEvent) => console.log(event.detail));
const isForm: boolean = form instanceof OptinForm;

const phone = document.createElement('optin-phone-input');
const e164: string = phone.value;

const parsed: string = parsePhoneInput('+4915123456789').e164;

declare const i18n: I18nextInstance;
useI18next(i18n);

const vueForm: OptinFormVueProps = { businessName: 'Blumen Berlin', onOptinQueued: (event) => console.log(event.detail) };
const vuePreferences: OptinPreferencesVueProps = { businessName: 'Blumen Berlin' };

export { ReactOptinForm, ReactOptinPreferences, isForm, e164, parsed, vueForm, vuePreferences };
