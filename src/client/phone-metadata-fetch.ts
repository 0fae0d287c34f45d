/**
 * The script-tag build's phone metadata source (it replaces src/core/phone-metadata-source.ts).
 * The index (every country and its calling code, 0.7 KiB) is compiled into the script, so the
 * country picker lists every country at first render and the default country's group can be
 * asked for at once, without waiting for an index. The rules come one calling code at a time
 * (US, CA and the rest of +1 together), fetched from beside the script the first time a number
 * needs them, and installed only if their hash path leads to the root compiled into the script,
 * so the script's Subresource Integrity covers the data as well. Typing before a group arrives is
 * kept and formatted when it does.
 */
import {
  installPhoneMetadataGroup,
  installPhoneMetadataIndex,
  markPhoneMetadataGroupFailed,
  onPhoneMetadataNeeded,
  type PhoneMetadata,
  type PhoneMetadataIndex,
  verifyPhoneMetadataGroup,
} from '../core/phone-metadata.js';

declare const __OPTIN_PHONE_METADATA_INDEX__: PhoneMetadataIndex;
/** The folder of the group files beside the script, named by the root so it can be cached for good. */
declare const __OPTIN_PHONE_METADATA_DIR__: string;
declare const __OPTIN_DATA_ROOT__: string;

// Read while the script runs: `document.currentScript` is only set during that first run.
// A module script has no currentScript, but its own URL in import.meta.url.
const scriptUrl =
  (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) ||
  import.meta.url ||
  (typeof location !== 'undefined' ? location.href : '');

let started = false;
const inFlight = new Set<string>();
/** Groups that failed; each is asked for again only after the person next does something. */
const failed = new Set<string>();
const retryable = new Set<string>();

// A failed group is not fetched again on the needs that follow at once (the field re-rendering
// to show the failure needs it again, which would loop), only after a key press, tap or edit.
function allowRetryOnNextAction(code: string): void {
  if (typeof addEventListener !== 'function') return;
  const allow = () => {
    retryable.add(code);
    for (const type of ['keydown', 'pointerdown', 'input']) removeEventListener(type, allow, true);
  };
  for (const type of ['keydown', 'pointerdown', 'input']) addEventListener(type, allow, true);
}

async function fetchVerifyInstall(code: string): Promise<void> {
  const url = new URL(`${__OPTIN_PHONE_METADATA_DIR__}/${code}.json`, scriptUrl);
  try {
    // Asked for while the form first renders: the request starts in a task of its own after it.
    await new Promise((resolve) => setTimeout(resolve));
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    installPhoneMetadataGroup(await verifyPhoneMetadataGroup(await response.text(), code, __OPTIN_DATA_ROOT__));
  } catch (error) {
    console.error(
      `[optin-elements] The phone metadata at ${url} was not used: ${error instanceof Error ? error.message : String(error)}. ` +
        `Serve the ${__OPTIN_PHONE_METADATA_DIR__} folder unchanged beside the script (it is in the same dist/cdn folder).`,
    );
    failed.add(code);
    allowRetryOnNextAction(code);
    markPhoneMetadataGroupFailed(code);
  } finally {
    inFlight.delete(code);
  }
}

function fetchGroup(code: string): void {
  if (inFlight.has(code) || (failed.has(code) && !retryable.has(code))) return;
  failed.delete(code);
  retryable.delete(code);
  inFlight.add(code);
  void fetchVerifyInstall(code);
}

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  if (!started) {
    started = true;
    onPhoneMetadataNeeded(fetchGroup);
    installPhoneMetadataIndex(__OPTIN_PHONE_METADATA_INDEX__);
  }
  return undefined;
}
