/**
 * The preference centre's English texts (`preferences.*` but `configTitle`), which travel with its
 * view's code (the preferences chunk) and are added to the English texts when it arrives
 * (locale-registry.ts `addEnglishTexts`). locales/en.ts joins them to en-core.ts.
 */
export default {
  lead: 'Your messages from {{business}} on {{channel}}. Stop any kind, or everything, at any time.',
  receiving: 'receiving',
  stopped: 'stopped',
  stopAllExplained: 'Stop everything: no more messages from {{business}} of any kind.',
  how: 'Each change is saved as a signed record. Stopping never needs a login.',
  stop: 'Stop',
  stopLabel: 'Stop “{{label}}”',
  resume: 'Resume',
  resumeLabel: 'Resume “{{label}}”',
  stopAll: 'Stop everything',
  loading: 'Loading your preferences…',
  saving: 'Saving…',
  saved: 'Saved. This is your current choice.',
  stoppedAll: 'Done. You will no longer receive any messages from {{business}}.',
  failed: 'We could not save your choice. Please try again.',
  expired: 'This preference link has expired, so we cannot show your current choices. You can still stop messages below.',
  invalidLink: 'This preference link is not valid, so we cannot show your current choices. You can still stop messages below.',
  loadFailed: 'We could not load your current choices. You can still stop messages below.',
};
