/**
 * Compares custom-elements.json with what the elements really have, so the
 * manifest (and everything generated from it: Storybook controls, IDE hints,
 * docs) cannot silently fall behind the code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export interface ElementTruth {
  tagName: string;
  /** Attributes the element observes at runtime. */
  attributes: string[];
  /** Event names it dispatches. */
  events: string[];
  /**
   * Part names written literally in its template (including exportparts). Parts bound from data
   * (`part=${…}`) escape this scan: test/components/rendered-parts.test.ts collects them from the DOM.
   */
  parts: string[];
  /** `--optin-*` custom properties its styles read. */
  cssProperties: string[];
}

interface ManifestDeclaration {
  customElement?: boolean;
  tagName?: string;
  summary?: string;
  attributes?: Array<{ name: string; description?: string }>;
  events?: Array<{ name: string; description?: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

export interface CustomElementsManifest {
  schemaVersion: string;
  modules: Array<{ path: string; declarations?: ManifestDeclaration[] }>;
}

const COMPONENTS = 'src/components';

/** `defineElement('optin-form', OptinForm)` calls in every define file: tag → class name and folder. */
export function definedElements(): Array<{ tagName: string; className: string; folder: string }> {
  const found: Array<{ tagName: string; className: string; folder: string }> = [];
  for (const folder of readdirSync(COMPONENTS)) {
    let source: string;
    try {
      source = readFileSync(join(COMPONENTS, folder, 'define.ts'), 'utf8');
    } catch {
      continue;
    }
    for (const match of source.matchAll(/defineElement\('([a-z0-9-]+)',\s*(\w+)\)/g)) {
      found.push({ tagName: match[1], className: match[2], folder: join(COMPONENTS, folder) });
    }
  }
  return found;
}

/** Event classes: `static readonly eventName = 'optin-…'` in src/components/events. */
export function eventNamesByClass(): Map<string, string> {
  const names = new Map<string, string>();
  const folder = join(COMPONENTS, 'events');
  for (const file of readdirSync(folder)) {
    const source = readFileSync(join(folder, file), 'utf8');
    const match = /export class (\w+)[\s\S]*?static readonly eventName = '([a-z-]+)'/.exec(source);
    if (match) names.set(match[1], match[2]);
  }
  return names;
}

/**
 * The element's folder (its file and helpers, e.g. a combobox rendering part of the template) and
 * the shared modules they import, transitively (e.g. a delivery controller dispatching its events).
 * Other elements' folders are left out: their parts and events are their own.
 */
function elementSources(folder: string): string[] {
  const shared = normalize(join(COMPONENTS, 'shared'));
  const seen = new Set<string>();
  const queue = readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && file !== 'define.ts')
    .map((file) => join(folder, file));
  while (queue.length) {
    const file = normalize(queue.shift()!);
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      const target = normalize(join(dirname(file), `${match[1]}.ts`));
      if (target.startsWith(shared) || dirname(target) === normalize(folder)) queue.push(target);
    }
  }
  return [...seen];
}

/** What the element's sources say it dispatches, renders and styles. */
export function sourceFacts(folder: string): Omit<ElementTruth, 'attributes' | 'tagName'> {
  const files = elementSources(folder);
  const element = files
    .filter((file) => !file.endsWith('.styles.ts'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const styles = files
    .filter((file) => file.endsWith('.styles.ts'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const eventClasses = eventNamesByClass();
  const events = new Set<string>();
  for (const match of element.matchAll(/new (\w+Event)\(/g)) {
    const name = eventClasses.get(match[1]);
    if (name) events.add(name);
  }
  // Native events an element re-dispatches itself: `new Event('change', …)`.
  for (const match of element.matchAll(/new (?:Custom|Input)?Event\('([a-z-]+)'/g)) events.add(match[1]);
  const parts = new Set<string>();
  for (const match of element.matchAll(/\bpart="([a-z- ]+)"/g)) for (const name of match[1].split(' ')) parts.add(name);
  for (const match of element.matchAll(/exportparts="([^"]+)"/g)) {
    for (const mapping of match[1].split(',')) parts.add(mapping.split(':').at(-1)!.trim());
  }
  const cssProperties = new Set<string>();
  for (const match of styles.matchAll(/var\((--optin-[a-z0-9-]+)/g)) cssProperties.add(match[1]);
  return { events: [...events], parts: [...parts], cssProperties: [...cssProperties] };
}

/** Everything in `truth` that the manifest does not document; empty when complete. */
export function manifestGaps(manifest: CustomElementsManifest, truths: ElementTruth[]): string[] {
  const gaps: string[] = [];
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  for (const truth of truths) {
    const declaration = declarations.find((d) => d.tagName === truth.tagName);
    if (!declaration) {
      gaps.push(`<${truth.tagName}> is missing (add a @tag ${truth.tagName} JSDoc tag to its class)`);
      continue;
    }
    const tag = `<${truth.tagName}>`;
    if (!declaration.summary) gaps.push(`${tag} has no @summary`);
    const has = (list: Array<{ name: string }> | undefined, name: string) => (list ?? []).some((item) => item.name === name);
    for (const name of truth.attributes) {
      if (!has(declaration.attributes, name)) gaps.push(`${tag} attribute "${name}" is missing`);
      else if (!declaration.attributes!.find((a) => a.name === name)!.description) gaps.push(`${tag} attribute "${name}" has no description`);
    }
    for (const name of truth.events) if (!has(declaration.events, name)) gaps.push(`${tag} event "${name}" is missing (add @event)`);
    for (const name of truth.parts) if (!has(declaration.cssParts, name)) gaps.push(`${tag} part "${name}" is missing (add @csspart)`);
    for (const name of truth.cssProperties) {
      if (!has(declaration.cssProperties, name)) gaps.push(`${tag} CSS property "${name}" is missing (add @cssproperty)`);
    }
  }
  return gaps;
}
