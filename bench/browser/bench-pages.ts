/**
 * The pages the browser bench loads: our script tag on a plain landing page and,
 * for comparison, intl-tel-input with its utils on the same kind of page. Both
 * collect layout shifts and long tasks from the first byte, and note when their
 * script finished and when the field became interactive.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { type StaticServer, startStaticServer } from '../../test/support/static-server.js';
import { startBenchReceiver } from './bench-receiver.js';

/**
 * The height a host page reserves for `<optin-form>` so nothing below it moves when it renders
 * (README: "Rendering without layout shift"). Two preset categories, frequency and privacy link, at 412 px wide.
 */
export const RESERVED_HEIGHT = '52rem';

/**
 * Observers first, before any script, so no layout shift or long task is missed. Long animation
 * frames name the scripts that ran in them (with their source URL), so `bench.scripts` tells how
 * long the product's own code ran at a stretch, apart from the browser's own work in the same task;
 * `bench.styleAndLayout` keeps how long each long frame that rendered spent from style and layout to
 * its end (style, layout, paint and commit: the browser's work on the DOM the scripts left).
 */
const observers = `<script>
  window.bench = { shifts: 0, longTasks: [], scripts: [], styleAndLayout: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) bench.shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        for (const script of frame.scripts) bench.scripts.push({ url: script.sourceURL, duration: script.duration });
        if (frame.styleAndLayoutStart) bench.styleAndLayout.push({ start: frame.startTime, duration: frame.startTime + frame.duration - frame.styleAndLayoutStart });
      }
    })
      .observe({ type: 'long-animation-frame', buffered: true });
</script>`;

/**
 * Runs right after the script under test: when did it end, how long did it evaluate, and was
 * the field interactive at the next animation frame? `markInteractive` notes when it became so.
 */
function afterScript(scriptUrl: string, interactive: string, markInteractive: string): string {
  return `<script>
  bench.scriptEnd = performance.now();
  const resource = performance.getEntriesByType('resource').find((e) => e.name.endsWith(${JSON.stringify(scriptUrl)}));
  bench.scriptEval = bench.scriptEnd - (resource ? resource.responseEnd : bench.scriptEnd);
  requestAnimationFrame(() => { bench.interactiveAtFirstFrame = Boolean((() => { ${interactive} })()); });
  ${markInteractive}
</script>`;
}

const content = `<h1>Flowers, delivered</h1>
  <p>Fresh bouquets from our Berlin workshop, at your door the same day.</p>`;
const below = '<footer><p>Everything below the form must stay where it was painted.</p></footer>';

/** The landing page every form is measured on: `form` between the page's content, `scripts` last. */
function landingPage(form: string, scripts: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Join our WhatsApp list</title>
${observers}
<style>body { font-family: system-ui, sans-serif; margin: 1rem; } optin-form { display: block; min-height: ${RESERVED_HEIGHT}; }</style>
</head><body>
  ${content}
  ${form}
  ${below}
  ${scripts}
</body></html>`;
}

/** A page with no script: its form is there from the parser, so it is interactive at once. */
function noScriptMarks(interactive: string): string {
  return `<script>
    bench.scriptEnd = performance.now();
    bench.scriptEval = 0;
    bench.interactive = 0;
    requestAnimationFrame(() => { bench.interactiveAtFirstFrame = Boolean(${interactive}); });
  </script>`;
}

export function optinPage(endpoint: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  const script = '/cdn/optin-elements.min.js';
  return landingPage(
    `<optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates"
    frequency="4/month" privacy-url="https://blumen.example/privacy" default-country="DE" whatsapp-branding></optin-form>`,
    `<script src="${script}" integrity="${sri}" crossorigin="anonymous"></script>
  ${afterScript(
    script,
    `const form = document.querySelector('optin-form');
    const phone = form.shadowRoot && form.shadowRoot.querySelector('optin-phone-input');
    return phone && phone.shadowRoot && phone.shadowRoot.querySelector('input[part=input]') && form.shadowRoot.querySelector('button[part=submit]');`,
    `const form = document.querySelector('optin-form');
    form.updateComplete
      .then(() => form.shadowRoot.querySelector('optin-phone-input').updateComplete)
      .then(() => { bench.interactive = performance.now() - bench.scriptEnd; });`,
  )}`,
  );
}

/**
 * The floor: the same landing page with a plain HTML form and no script at all, so the browser's
 * own long tasks (committing the navigation, first layout, text shaping) show beside the products'.
 */
export function plainFormPage(): string {
  return landingPage(
    `<form><label for="phone">Mobile number</label> <input id="phone" type="tel">
    <label><input type="checkbox"> Offers and promotions</label> <button>Subscribe</button></form>`,
    noScriptMarks("document.querySelector('#phone')"),
  );
}

/**
 * Serializes the page's rendered `<optin-form>` with its shadow roots as declarative shadow DOM
 * (`<template shadowrootmode="open">`) and their adopted style sheets inline. A string, so the
 * bench's TypeScript loader adds nothing to it.
 */
const serializeOptinForm = `(() => {
  const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const escapeValue = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const voids = new Set(['input', 'br', 'img', 'hr', 'wbr', 'meta', 'link', 'source']);
  const serialize = (element) => {
    const attributes = [...element.attributes].map((a) => ' ' + a.name + '="' + escapeValue(a.value) + '"').join('');
    if (voids.has(element.localName)) return '<' + element.localName + attributes + '>';
    let inner = '';
    if (element.shadowRoot) {
      const css = element.shadowRoot.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('')).join('');
      inner += '<template shadowrootmode="open"><style>' + css + '</style>' + children(element.shadowRoot) + '</template>';
    }
    return '<' + element.localName + attributes + '>' + inner + children(element) + '</' + element.localName + '>';
  };
  const children = (parent) => [...parent.childNodes].map((node) => (node.nodeType === 3 ? escapeText(node.data) : node.nodeType === 1 ? serialize(node) : '')).join('');
  return serialize(document.querySelector('optin-form'));
})()`;

/** Our form as the script first renders it on `optinUrl` (unthrottled), as static HTML. */
export async function snapshotOptinForm(page: Page, optinUrl: string): Promise<string> {
  await page.goto(optinUrl);
  await page.waitForFunction(() => (window as unknown as { bench: { interactive?: number } }).bench.interactive !== undefined);
  return page.evaluate<string>(serializeOptinForm);
}

/**
 * The floor for the form's own content: our landing page with the form as static HTML (from
 * `snapshotOptinForm`: the same DOM and CSS, shadow roots declared in the markup) and no script.
 * What the browser needs to parse, style and lay out that form when no script builds it.
 */
export function staticFormPage(formHtml: string): string {
  return landingPage(
    formHtml,
    noScriptMarks("document.querySelector('optin-form').shadowRoot.querySelector('optin-phone-input').shadowRoot.querySelector('input')"),
  );
}

export function intlTelInputPage(): string {
  const script = '/peers/intl-tel-input/dist/js/intlTelInputWithUtils.min.js';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Join our WhatsApp list</title>
${observers}
<link rel="stylesheet" href="/peers/intl-tel-input/dist/css/intlTelInput.min.css">
<style>body { font-family: system-ui, sans-serif; margin: 1rem; }</style>
</head><body>
  ${content}
  <label for="phone">Mobile number</label> <input id="phone" type="tel">
  ${below}
  <script src="${script}"></script>
  ${afterScript(script, "return window.iti && document.querySelector('.iti input');", '')}
  <script>
    window.iti = window.intlTelInput(document.querySelector('#phone'), { initialCountry: 'de' });
    bench.interactive = performance.now() - bench.scriptEnd;
  </script>
</body></html>`;
}

/**
 * A consent tool's page: its script (and style sheet) at the end of the body, then its own
 * start-up call; interactive when `readySelector` matches (noted by a MutationObserver).
 */
function consentToolPage(options: { script: string; styles?: string; setup?: string; start?: string; readySelector: string }): string {
  const ready = `return document.querySelector(${JSON.stringify(options.readySelector)});`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Join our WhatsApp list</title>
${observers}
${options.styles ? `<link rel="stylesheet" href="${options.styles}">` : ''}
<style>body { font-family: system-ui, sans-serif; margin: 1rem; }</style>
</head><body>
  ${content}
  ${below}
  ${options.setup ? `<script>${options.setup}</script>` : ''}
  <script src="${options.script}"></script>
  ${afterScript(
    options.script,
    ready,
    `const isReady = () => { ${ready} };
    const note = () => { bench.interactive = performance.now() - bench.scriptEnd; };
    if (isReady()) note();
    else new MutationObserver((_, observer) => { if (isReady()) { note(); observer.disconnect(); } })
      .observe(document.documentElement, { childList: true, subtree: true });`,
  )}
  ${options.start ? `<script>${options.start}</script>` : ''}
</body></html>`;
}

export function klaroPage(): string {
  return consentToolPage({
    script: '/peers/klaro/dist/klaro.js',
    setup: `window.klaroConfig = {
      storageMethod: 'localStorage', acceptAll: true, lang: 'en',
      services: [{ name: 'whatsapp', title: 'WhatsApp messages', purposes: ['marketing'] }],
    };`,
    readySelector: '.klaro .cookie-notice button, .klaro .cookie-modal button',
  });
}

export function cookieConsentPage(): string {
  return consentToolPage({
    script: '/peers/vanilla-cookieconsent/dist/cookieconsent.umd.js',
    styles: '/peers/vanilla-cookieconsent/dist/cookieconsent.css',
    // hideFromBots: the bench's Chromium is automated, and the tool would otherwise show nothing.
    start: `CookieConsent.run({
      hideFromBots: false,
      categories: { necessary: { enabled: true, readOnly: true }, marketing: {} },
      language: { default: 'en', translations: { en: {
        consentModal: { title: 'WhatsApp messages', description: 'May we send you offers on WhatsApp?', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all' },
        preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', sections: [] },
      } } },
    });`,
    readySelector: '#cc-main .cm button',
  });
}

/** Serves dist/cdn under /cdn/ and the peers' packages under /peers/; pages are set by the caller. */
export function startBenchSite(pages: Record<string, string>): Promise<StaticServer> {
  return startStaticServer({ '/cdn/': 'dist/cdn', '/peers/': 'node_modules' }, pages);
}

/** The bench site with our page (posting to a real receiver) and every peer's page; `pages` takes more. */
export async function startProductPages(): Promise<{
  site: Awaited<ReturnType<typeof startBenchSite>>;
  receiver: Awaited<ReturnType<typeof startBenchReceiver>>;
  pages: Record<string, string>;
}> {
  const pages: Record<string, string> = {};
  const site = await startBenchSite(pages);
  const receiver = await startBenchReceiver([site.url]);
  pages['/optin'] = optinPage(`${receiver.url}/consents`);
  pages['/intl-tel-input'] = intlTelInputPage();
  pages['/plain-form'] = plainFormPage();
  pages['/klaro'] = klaroPage();
  pages['/cookieconsent'] = cookieConsentPage();
  return { site, receiver, pages };
}
