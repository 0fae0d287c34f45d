/** The `frequency` attribute: `<count>/<period>`, e.g. `4/month`. */

export type FrequencyPeriod = 'day' | 'week' | 'month' | 'year';

export interface Frequency {
  count: number;
  period: FrequencyPeriod;
}

const FREQUENCY = /^\s*(\d{1,3})\s*\/\s*(day|week|month|year)\s*$/;

export function parseFrequency(value: string | null | undefined): Frequency | undefined {
  const match = value ? FREQUENCY.exec(value) : null;
  if (!match) return undefined;
  const count = Number(match[1]);
  return count > 0 ? { count, period: match[2] as FrequencyPeriod } : undefined;
}
