/**
 * The rules of one calling code at a time (US, CA and the rest of +1 together), asked for the
 * first time a number needs them, for both browser builds: the script tag fetches them as verified
 * files from beside itself (cdn/load-phone-rules.ts), an app's bundler splits them into chunks
 * loaded by `import()` (npm/load-phone-rules.ts). The index of every country and its calling code
 * (0.7 KiB) is installed at once, so the country picker lists every country at first render and
 * the default country's group can be asked for without waiting. Typing before a group arrives is
 * kept and formatted when it does.
 */
import {
  installPhoneMetadataGroup,
  installPhoneMetadataIndex,
  markPhoneMetadataGroupFailed,
  onPhoneMetadataNeeded,
  type PhoneMetadataGroup,
  type PhoneMetadataIndex,
} from '../core/phone/phone-metadata.js';

export interface PhoneRulesSource {
  index: PhoneMetadataIndex;
  /** The group of `code`, or a rejection saying why it could not be had. */
  load(code: string): Promise<PhoneMetadataGroup>;
  /** Where the group of `code` comes from, for the console. */
  where(code: string): string;
  /** What the page's author should do when a group fails (said in the console). */
  advice: string;
}

const inFlight = new Set<string>();
/** Groups that failed; each is asked for again only after the person next does something. */
const failed = new Set<string>();
const retryable = new Set<string>();
let started = false;

// A failed group is not asked for again on the needs that follow at once (the field re-rendering
// to show the failure needs it again, which would loop), only after a key press, tap or edit.
function allowRetryOnNextAction(code: string): void {
  if (typeof addEventListener !== 'function') return;
  const allow = () => {
    retryable.add(code);
    for (const type of ['keydown', 'pointerdown', 'input']) removeEventListener(type, allow, true);
  };
  for (const type of ['keydown', 'pointerdown', 'input']) addEventListener(type, allow, true);
}

async function loadAndInstall(source: PhoneRulesSource, code: string): Promise<void> {
  try {
    // Asked for while the form first renders: the request starts in a task of its own after it.
    await new Promise((resolve) => setTimeout(resolve));
    installPhoneMetadataGroup(await source.load(code));
  } catch (error) {
    console.error(
      `[optin-elements] The phone metadata at ${source.where(code)} was not used: ${error instanceof Error ? error.message : String(error)}. ${source.advice}`,
    );
    failed.add(code);
    allowRetryOnNextAction(code);
    markPhoneMetadataGroupFailed(code);
  } finally {
    inFlight.delete(code);
  }
}

/** Installs the index and answers every later need of a group from `source` (once per page). */
export function startPhoneRulesOnDemand(source: PhoneRulesSource): void {
  if (started) return;
  started = true;
  onPhoneMetadataNeeded((code) => {
    if (inFlight.has(code) || (failed.has(code) && !retryable.has(code))) return;
    failed.delete(code);
    retryable.delete(code);
    inFlight.add(code);
    void loadAndInstall(source, code);
  });
  installPhoneMetadataIndex(source.index);
}
