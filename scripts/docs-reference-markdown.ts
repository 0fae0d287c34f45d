/**
 * Turns custom-elements.json into the Markdown of docs/reference.md: one section per element with
 * its attributes, properties, methods, events, slots, parts and CSS custom properties. Pure, so the
 * docs test can compare the committed page with what the manifest generates today.
 */

interface Named {
  name?: string;
  description?: string;
  summary?: string;
}

interface ManifestMember extends Named {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  type?: { text: string };
  default?: string;
}

interface ManifestElement extends Named {
  customElement?: boolean;
  tagName?: string;
  attributes?: Array<Named & { fieldName?: string; type?: { text: string }; default?: string }>;
  members?: ManifestMember[];
  events?: Array<Named & { type?: { text: string } }>;
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Array<Named & { default?: string }>;
  cssStates?: Named[];
}

export interface ReferenceManifest {
  modules: Array<{ path: string; declarations?: ManifestElement[] }>;
}

/** One table cell: one line, pipes escaped (also inside code spans, as GitHub's tables need). */
function cell(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s*\n\s*/g, ' ').trim();
  return flat ? flat.replaceAll('|', '\\|') : '—';
}

function code(text: string | undefined): string {
  return text ? cell(`\`${text}\``) : '—';
}

function table(headers: string[], rows: string[][]): string[] {
  if (!rows.length) return ['None.', ''];
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''];
}

// Platform callbacks a page never calls itself (form association, Lit's lifecycle).
const isPublic = (member: ManifestMember) => (member.privacy ?? 'public') === 'public' && !member.static && !member.name?.endsWith('Callback');

function elementSection(element: ManifestElement, path: string): string[] {
  const tag = element.tagName!;
  const lines = [`## \`<${tag}>\``, '', cell(element.summary).replace(/\\\|/g, '|'), '', `Source: \`${path}\`.`, ''];

  lines.push('### Attributes', '');
  lines.push(
    ...table(
      ['attribute', 'property', 'type', 'default', 'description'],
      (element.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]),
    ),
  );

  const members = (element.members ?? []).filter(isPublic);
  const properties = members.filter((m) => m.kind === 'field' && !m.attribute);
  lines.push('### Properties without an attribute', '');
  lines.push(
    ...table(
      ['property', 'type', 'access', 'description'],
      properties.map((p) => [code(p.name), code(p.type?.text), p.readonly ? 'read-only' : 'read/write', cell(p.description)]),
    ),
  );

  const methods = members.filter((m) => m.kind === 'method');
  lines.push('### Methods', '');
  lines.push(
    ...table(
      ['method', 'description'],
      methods.map((m) => [code(`${m.name}()`), cell(m.description)]),
    ),
  );

  // The analyzer also lists a dispatch it could not name; the named entry of the same class documents it.
  const events = (element.events ?? []).filter((e) => e.name);
  lines.push('### Events', '');
  lines.push(
    ...table(
      ['event', 'type', 'description'],
      events.map((e) => [code(e.name), code(e.type?.text), cell(e.description)]),
    ),
  );

  lines.push('### Slots', '');
  lines.push(
    ...table(
      ['slot', 'description'],
      (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
    ),
  );

  lines.push('### CSS parts', '');
  lines.push(
    ...table(
      ['part', 'description'],
      (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
  );

  lines.push('### CSS custom properties', '');
  lines.push(
    ...table(
      ['property', 'default', 'description'],
      (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
  );

  if (element.cssStates?.length) {
    lines.push('### CSS states', '');
    lines.push(
      ...table(
        ['state', 'description'],
        element.cssStates.map((s) => [code(s.name), cell(s.description)]),
      ),
    );
  }
  return lines;
}

/** The whole page, elements in tag order so the output does not depend on file order. */
export function renderReference(manifest: ReferenceManifest): string {
  const elements = manifest.modules
    .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ declaration, path: module.path })))
    .filter(({ declaration }) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.declaration.tagName!.localeCompare(b.declaration.tagName!));
  const lines = [
    '# Reference: attributes, properties, events, slots, parts and CSS custom properties',
    '',
    '<!-- Generated from custom-elements.json by `npm run docs:reference`; do not edit by hand. -->',
    '',
    "Generated from `custom-elements.json`, which `npm run analyze` writes from the elements' JSDoc.",
    'How to use them: [marketers.md](marketers.md), [frontend.md](frontend.md), [designers.md](designers.md),',
    '[phone-field.md](phone-field.md).',
    '',
    ...elements.map(({ declaration }) => `- [\`<${declaration.tagName}>\`](#${declaration.tagName})`),
    '',
  ];
  for (const { declaration, path } of elements) lines.push(...elementSection(declaration, path));
  return `${lines.join('\n').trimEnd()}\n`;
}
