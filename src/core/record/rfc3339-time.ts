/**
 * Strict RFC 3339 date-times (section 5.6): `2026-03-01T09:30:00Z`,
 * `2026-03-01T10:30:00.123+01:00`. `Date.parse` is lenient (it rolls
 * 2026-02-30 over to 2 March and takes years like 0001), so a record's time is
 * read with this instead: an impossible date is refused, never reinterpreted.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch, or `undefined` when `value` is not a real RFC 3339 date-time. */
export function parseRfc3339(value: string): number | undefined {
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // A leap second (:60) is not accepted: no device clock produces one in a record.
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (match[9] && (Number(match[10]) > 23 || Number(match[11]) > 59)) return undefined;
  const time = Date.parse(value.toUpperCase());
  return Number.isNaN(time) ? undefined : time;
}
