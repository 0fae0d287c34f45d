/**
 * The business's configured categories: the only source of what a person reads
 * about a category (preference centre, exports). A record keeps its own labels
 * as evidence of what was shown; they are never shown to anyone again.
 */
export interface ConfiguredCategory {
  id: string;
  /** The label in the business's default language. */
  label: string;
  /** Labels by locale (`de`, `pt-BR`), preferred over `label` when the locale matches. */
  labels?: Record<string, string>;
  description?: string;
  /** The WhatsApp template category these messages are sent as: Meta's marketing stop withdraws `marketing` ones. */
  templateCategory?: 'marketing' | 'utility' | 'authentication';
}

export type CategoryRegistry = readonly ConfiguredCategory[];

export function categoryLabel(registry: CategoryRegistry | undefined, id: string, locale?: string): string | undefined {
  const category = registry?.find((c) => c.id === id);
  if (!category) return undefined;
  return (locale && (category.labels?.[locale] ?? category.labels?.[locale.split('-')[0]])) || category.label;
}
