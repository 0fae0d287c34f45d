/** Message categories: presets with translatable labels, or the page's own. */

export interface CategoryConfig {
  id: string;
  /** Shown as is; presets get a translated label when omitted. */
  label?: string;
  description?: string;
  /** The person must tick it to submit (e.g. updates for an order they placed). Never pre-ticked. */
  required?: boolean;
}

export const PRESET_CATEGORY_IDS = [
  'offers',
  'announcements',
  'order-updates',
  'appointment-reminders',
  'account-alerts',
  'support',
] as const;

export type PresetCategoryId = (typeof PRESET_CATEGORY_IDS)[number];

export function isPresetCategory(id: string): id is PresetCategoryId {
  return (PRESET_CATEGORY_IDS as readonly string[]).includes(id);
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
  const items: unknown[] =
    typeof value === 'string'
      ? value.split(',').map((id) => id.trim()).filter(Boolean)
      : Array.isArray(value)
        ? value
        : value == null
          ? []
          : (problems.push('categories must be a comma list of ids or an array of {id, label}'), []);
  const categories: CategoryConfig[] = [];
  for (const item of items) {
    const config: CategoryConfig | undefined =
      typeof item === 'string' ? { id: item } : typeof item === 'object' && item !== null ? (item as CategoryConfig) : undefined;
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
    categories.push({ ...config });
  }
  return { categories, problems };
}
