/** Message categories: presets with translatable labels, or the page's own. */

export interface CategoryConfig {
  id: string;
  /** Shown as is; presets get a translated label when omitted. */
  label?: string;
  description?: string;
  /** The person must tick it to submit (e.g. updates for an order they placed). Never pre-ticked. */
  required?: boolean;
  /** The WhatsApp template category the messages use; presets know theirs, the page's own default to `marketing`. */
  templateCategory?: TemplateCategory;
}

/** WhatsApp message template categories that consent can cover (service replies need none). */
export type TemplateCategory = 'marketing' | 'utility' | 'authentication';

export const TEMPLATE_CATEGORIES: readonly TemplateCategory[] = ['marketing', 'utility', 'authentication'];

export const PRESET_CATEGORY_IDS = ['offers', 'announcements', 'order-updates', 'appointment-reminders', 'account-alerts', 'support'] as const;

export type PresetCategoryId = (typeof PRESET_CATEGORY_IDS)[number];

export function isPresetCategory(id: string): id is PresetCategoryId {
  return (PRESET_CATEGORY_IDS as readonly string[]).includes(id);
}

/** Which WhatsApp template category each preset's messages are sent as. */
export const PRESET_TEMPLATE_CATEGORIES: Readonly<Record<PresetCategoryId, TemplateCategory>> = {
  offers: 'marketing',
  announcements: 'marketing',
  'order-updates': 'utility',
  'appointment-reminders': 'utility',
  'account-alerts': 'utility',
  support: 'utility',
};

/** The page's own categories count as marketing unless they say otherwise: the stricter assumption. */
export function templateCategoryOf(category: CategoryConfig): TemplateCategory {
  if (category.templateCategory) return category.templateCategory;
  return isPresetCategory(category.id) ? PRESET_TEMPLATE_CATEGORIES[category.id] : 'marketing';
}

const CATEGORY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface CategoryParseResult {
  categories: CategoryConfig[];
  problems: string[];
}

/**
 * Reads the `categories` attribute (a comma list of ids) or property (an array
 * of ids or `{id, label, description?, required?}`), reporting what is wrong
 * instead of throwing.
 */
export function parseCategories(value: unknown): CategoryParseResult {
  const problems: string[] = [];
  // Pages without JavaScript give structured categories as JSON in the attribute.
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    const json = parseCategoriesJson(value);
    if (json.problem) return { categories: [], problems: [json.problem] };
    value = json.items;
  }
  const items: unknown[] =
    typeof value === 'string'
      ? value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : Array.isArray(value)
        ? value
        : value == null
          ? []
          : (problems.push('categories must be a comma list of ids or an array of {id, label}'), []);
  const categories: CategoryConfig[] = [];
  for (const item of items) {
    const config: CategoryConfig | undefined =
      typeof item === 'string' ? { id: item } : typeof item === 'object' && item !== null ? (item as CategoryConfig) : undefined;
    const fieldProblem = config && categoryFieldProblem(config);
    if (fieldProblem) {
      problems.push(fieldProblem);
      continue;
    }
    if (!config || typeof config.id !== 'string' || !CATEGORY_ID.test(config.id)) {
      problems.push(`category ${JSON.stringify(item)} needs an id of lowercase letters, digits, "-" or "_"`);
      continue;
    }
    if (categories.some((c) => c.id === config.id)) {
      problems.push(`category "${config.id}" is listed twice`);
      continue;
    }
    if (!isPresetCategory(config.id) && !config.label) {
      problems.push(`category "${config.id}" is not a preset (${PRESET_CATEGORY_IDS.join(', ')}), so it needs a label`);
      continue;
    }
    if (config.templateCategory !== undefined && !TEMPLATE_CATEGORIES.includes(config.templateCategory)) {
      problems.push(`category "${config.id}" has templateCategory ${JSON.stringify(config.templateCategory)}; use ${TEMPLATE_CATEGORIES.join(', ')}`);
      continue;
    }
    // A page may try to pass a pre-ticked box; consent must come from the person's own tick.
    const asked = item as Record<string, unknown>;
    if (asked.checked === true || asked.granted === true || asked.selected === true) {
      problems.push(`category "${config.id}" asks to be pre-ticked; boxes are never pre-ticked, remove checked/granted/selected`);
      continue;
    }
    categories.push({ ...config });
  }
  return { categories, problems };
}

const JSON_EXAMPLE = `categories='[{"id":"loyalty","label":"Loyalty points"}]'`;

/** Parses the JSON form of the attribute; the problem names the fix, since it is read by page authors in the console. */
function parseCategoriesJson(text: string): { items: unknown[]; problem?: undefined } | { items?: undefined; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `categories is not valid JSON (${reason}); write it like ${JSON_EXAMPLE}, with double quotes inside single quotes.` };
  }
  if (!Array.isArray(parsed)) return { problem: `categories JSON must be an array, like ${JSON_EXAMPLE}.` };
  return { items: parsed };
}

/** Wrongly typed members of an object category, which JSON written by hand easily has. */
function categoryFieldProblem(config: CategoryConfig): string | undefined {
  if (typeof config !== 'object') return undefined;
  const name = typeof config.id === 'string' ? `"${config.id}"` : JSON.stringify(config);
  for (const key of ['label', 'description'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') return `category ${name}: ${key} must be a string.`;
  }
  if (config.required !== undefined && typeof config.required !== 'boolean') return `category ${name}: required must be true or false.`;
  return undefined;
}
