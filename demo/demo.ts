/**
 * The demo page: a live configurator for every attribute of <optin-form>, the
 * compliance checklist of the current configuration, the embed snippet with its
 * SRI hash, a payload inspector and the receiver's ledger.
 */
import '../src/define.js';
import type { OptinForm } from '../src/components/optin-form/optin-form.js';
import { PRESET_CATEGORY_IDS } from '../src/core/notice/categories.js';
import type { ConsentRecord } from '../src/core/record/consent-record.js';
import en from '../src/i18n/locales/en.js';
import { type ChecklistItem, renderChecklist } from './compliance-checklist.js';
import { embedSnippet } from './embed-snippet.js';
import { refreshLedger } from './ledger-view.js';
import { inspectRecord } from './payload-inspector.js';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const settings = $<HTMLFormElement>('#settings');
const form = $<OptinForm>('optin-form');
const device = $<HTMLElement>('#device');
const snippet = $<HTMLElement>('#snippet');
const ledger = $<HTMLElement>('#ledger');
const categoriesField = settings.elements.namedItem('categories') as HTMLInputElement;
const frequencyField = settings.elements.namedItem('frequency') as HTMLInputElement;

/** Attributes in the order a page author reads them; the snippet's receiver URL is a placeholder. */
const ATTRIBUTE_ORDER = [
  'business-name',
  'categories',
  'channel',
  'channels',
  'frequency',
  'privacy-url',
  'terms-url',
  'default-country',
  'jurisdiction',
  'locale',
  'source',
  'phone',
  'bsuid',
  'whatsapp-branding',
  'business-country',
  'business-address',
  'business-contact',
  'display',
  'trigger',
  'dismiss-days',
  'variant',
];

let integrity: string | undefined;

function presetChips(): void {
  const chosen = new Set(categoriesField.value.split(',').filter(Boolean));
  $('#category-presets').replaceChildren(
    ...PRESET_CATEGORY_IDS.map((id) => {
      const chip = Object.assign(document.createElement('button'), { type: 'button', className: 'chip', textContent: en.category[id].label });
      chip.setAttribute('aria-pressed', String(chosen.has(id)));
      chip.addEventListener('click', () => {
        const next = new Set(categoriesField.value.split(',').filter(Boolean));
        if (next.has(id)) next.delete(id);
        else next.add(id);
        categoriesField.value = PRESET_CATEGORY_IDS.filter((preset) => next.has(preset)).join(',');
        presetChips();
        applySettings();
      });
      return chip;
    }),
  );
}

/** The categories attribute: presets as a comma list, or JSON when custom categories are given. */
function categoriesAttribute(): string {
  const custom = (settings.elements.namedItem('custom-categories') as HTMLTextAreaElement).value.trim();
  if (!custom) return categoriesField.value;
  try {
    const extra = JSON.parse(custom) as unknown;
    if (Array.isArray(extra)) return JSON.stringify([...categoriesField.value.split(',').filter(Boolean), ...extra]);
  } catch {
    // Passed through as typed, so the element's own message explains what is wrong.
  }
  return custom;
}

function currentAttributes(): Array<[string, string | true]> {
  const count = (settings.elements.namedItem('frequency-count') as HTMLInputElement).value;
  const unit = (settings.elements.namedItem('frequency-unit') as HTMLSelectElement).value;
  frequencyField.value = unit && count ? `${count}/${unit}` : '';
  const values: Record<string, string | true | undefined> = {};
  for (const field of Array.from(settings.elements) as Array<HTMLInputElement | HTMLSelectElement>) {
    if (!field.name || !ATTRIBUTE_ORDER.includes(field.name)) continue;
    if (field instanceof HTMLInputElement && field.type === 'checkbox') values[field.name] = field.checked || undefined;
    else values[field.name] = field.value.trim() || undefined;
  }
  values.categories = categoriesAttribute() || undefined;
  if (values.jurisdiction === 'auto') values.jurisdiction = undefined;
  if (values.source === 'website') values.source = undefined;
  // Several channels in one form are the `channels` attribute, which the element prefers over `channel`.
  if (typeof values.channel === 'string' && values.channel.includes(',')) [values.channels, values.channel] = [values.channel, undefined];
  if (values.channel === 'whatsapp') values.channel = undefined;
  if (values.display === 'inline') values.display = values.trigger = values['dismiss-days'] = undefined;
  if (values.trigger === 'manual') values.trigger = undefined;
  return ATTRIBUTE_ORDER.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]!] as [string, string | true]]));
}

function applyLook(): void {
  for (const control of Array.from(settings.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-token]'))) {
    const value = control.value ? `${control.value}${control.dataset.unit ?? ''}` : '';
    if (value) form.style.setProperty(control.dataset.token!, value);
    else form.style.removeProperty(control.dataset.token!);
  }
  device.classList.toggle('dark', settings.querySelector<HTMLInputElement>('[data-look="dark"]')!.checked);
  const rtl = settings.querySelector<HTMLInputElement>('[data-look="rtl"]')!.checked;
  if (rtl) device.setAttribute('dir', 'rtl');
  else device.removeAttribute('dir');
}

function tokenDeclarations(): string[] {
  return Array.from(settings.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-token]'))
    .filter((control) => control.value && control.value !== control.getAttribute('value'))
    .map((control) => `${control.dataset.token}: ${control.value}${control.dataset.unit ?? ''};`);
}

/** The element's own compliance report: the profile it applies right now, its checks and the problems to fix. */
function checklist(): void {
  const report = form.complianceReport;
  const items: ChecklistItem[] = [...report.problems.map((p) => ({ id: `attribute ${p.attribute}`, passed: false, message: p.message })), ...report.checks];
  renderChecklist($('#checklist'), items);
  const passed = items.filter((item) => item.passed).length;
  $('#checklist-score').textContent = `${passed}/${items.length} passed`;
  $<HTMLElement>('#checklist-score').dataset.state = passed === items.length ? 'ok' : 'bad';
  $('#profile-pill').textContent = `profile: ${report.profile}`;
}

function applySettings(): void {
  const attributes = currentAttributes();
  const present = new Map(attributes);
  for (const name of ATTRIBUTE_ORDER) {
    const value = present.get(name);
    if (value === true) form.setAttribute(name, '');
    else if (value) form.setAttribute(name, value);
    else form.removeAttribute(name);
  }
  applyLook();
  const tokens = tokenDeclarations();
  const styled = tokens.length ? `\n\n<style>\n  optin-form {\n    ${tokens.join('\n    ')}\n  }\n</style>` : '';
  snippet.textContent =
    embedSnippet([['endpoint', (settings.elements.namedItem('snippet-endpoint') as HTMLInputElement).value.trim() || '/consents'], ...attributes], integrity) +
    styled;
  $<HTMLButtonElement>('#open-form').hidden = !form.getAttribute('display');
  // The element re-reads its attributes in its next update; the checklist follows it.
  void form.updateComplete.then(checklist);
}

async function loadIntegrity(): Promise<void> {
  const response = await fetch('/demo/sri.json');
  const hashes = response.ok ? ((await response.json()) as Record<string, string>) : {};
  integrity = hashes['optin-elements.min.js'];
  $('#sri-hint').textContent = integrity
    ? 'Paste into any page. The integrity hash pins this exact build of the script (from dist/cdn/sri.json).'
    : 'Run npm run build to compute the integrity hash of the script; the snippet then includes it.';
}

function setUpTabs(): void {
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  const select = (tab: HTMLButtonElement) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')!)!.hidden = !selected;
    }
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(index + step + tabs.length) % tabs.length];
      select(next);
      next.focus();
    });
  });
}

// The profile pill and the checklist follow the number as it is typed (its country picks the profile).
for (const type of ['input', 'change']) form.addEventListener(type, () => void form.updateComplete.then(checklist));

// A popup or flyout preview opens by its trigger, or here (a trigger passed once stays spent until reload).
$('#open-form').addEventListener('click', () => void form.open());

$('#copy-snippet').addEventListener('click', async (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  await navigator.clipboard?.writeText(snippet.textContent ?? '').catch(() => undefined);
  button.textContent = 'Copied';
  setTimeout(() => (button.textContent = 'Copy'), 1500);
});

settings.addEventListener('input', applySettings);
settings.addEventListener('submit', (event) => event.preventDefault());
for (const name of ['optin-success', 'optin-error'] as const) {
  form.addEventListener(name, (event) => {
    $('#last-event').textContent = `${name}\n${JSON.stringify(event.detail, null, 2)}`;
    const record = (event.detail as { record?: ConsentRecord }).record;
    if (record) {
      void inspectRecord(record, {
        record: $('#panel-record'),
        canonical: $('#panel-canonical'),
        facts: $('#signature-facts'),
        pill: $('#signature-pill'),
      });
    }
    void refreshLedger(ledger);
  });
}

setUpTabs();
presetChips();
applySettings();
void loadIntegrity().then(applySettings);
void refreshLedger(ledger);
