/**
 * The script-tag build's phone metadata source (it replaces src/core/phone-metadata-source.ts):
 * the metadata is fetched from beside the script after first render and installed only if its
 * SHA-256 matches the hash compiled into the script, so the script's Subresource Integrity
 * covers the data as well. Typing before it arrives is kept and formatted when it does.
 */
import { installPhoneMetadata, markPhoneMetadataFailed, type PhoneMetadata, verifyPhoneMetadata } from '../core/phone-metadata.js';

declare const __OPTIN_PHONE_METADATA_FILE__: string;
declare const __OPTIN_PHONE_METADATA_SHA256__: string;

// Read while the script runs: `document.currentScript` is only set during that first run.
// A module script has no currentScript, but its own URL in import.meta.url.
const scriptUrl =
  (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) ||
  import.meta.url ||
  (typeof location !== 'undefined' ? location.href : '');

let started = false;

async function fetchVerifyInstall(): Promise<void> {
  const url = new URL(__OPTIN_PHONE_METADATA_FILE__, scriptUrl);
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    installPhoneMetadata(await verifyPhoneMetadata(await response.text(), __OPTIN_PHONE_METADATA_SHA256__));
  } catch (error) {
    console.error(
      `[optin-elements] The phone metadata at ${url} was not used: ${error instanceof Error ? error.message : String(error)}. ` +
        `Serve ${__OPTIN_PHONE_METADATA_FILE__} unchanged beside the script (it is in the same dist/cdn folder).`,
    );
    markPhoneMetadataFailed();
  }
}

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  if (!started) {
    started = true;
    void fetchVerifyInstall();
  }
  return undefined;
}
