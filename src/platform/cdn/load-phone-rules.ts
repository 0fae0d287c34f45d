/**
 * `#platform/load-phone-rules` in the script-tag build (the `optin-cdn` condition, see package.json
 * `imports`): the index is compiled into the script; each calling code's rules are a file beside
 * it, installed only if their hash path leads to the root compiled into the script, so the
 * script's Subresource Integrity covers the data as well (../phone-rules-on-demand.ts).
 */
import { type PhoneMetadata, type PhoneMetadataIndex, verifyPhoneMetadataGroup } from '../../core/phone/phone-metadata.js';
import { startPhoneRulesOnDemand } from '../phone-rules-on-demand.js';
import { DATA_ROOT, scriptUrl } from './script-url.js';

declare const __OPTIN_PHONE_METADATA_INDEX__: PhoneMetadataIndex;
/** The folder of the group files beside the script, named by the root so it can be cached for good. */
declare const __OPTIN_PHONE_METADATA_DIR__: string;

const urlOf = (code: string) => new URL(`${__OPTIN_PHONE_METADATA_DIR__}/${code}.json`, scriptUrl);

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  startPhoneRulesOnDemand({
    index: __OPTIN_PHONE_METADATA_INDEX__,
    async load(code) {
      const response = await fetch(urlOf(code), { credentials: 'omit' });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      return verifyPhoneMetadataGroup(await response.text(), code, DATA_ROOT);
    },
    where: (code) => String(urlOf(code)),
    advice: `Serve the ${__OPTIN_PHONE_METADATA_DIR__} folder unchanged beside the script (it is in the same dist/cdn folder).`,
  });
  return undefined;
}
