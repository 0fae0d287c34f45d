/**
 * The rows of an imported list of earlier opt-ins, checked before anything is stored. Columns
 * (header row required, any order, names as below):
 * - `phone` (E.164) and/or `bsuid`: who agreed; one of the two columns must be there, and each row needs one value;
 * - `categories`: what they agreed to, ids separated by `;`, each optionally with the label they saw (`offers=Weekly offers`);
 * - `captured_at`: when (RFC 3339, e.g. `2025-05-01T10:00:00Z`), never in the future;
 * - `notice_text`: the exact text the person saw;
 * - `where` (optional): the page's URL, or the place (a shop, an event) in at most 64 characters;
 * - `locale` (optional, default `en`) and `channel` (optional, default `whatsapp`).
 * Every problem is reported with its line; an unknown column is a problem too (a misspelt `phone`
 * column must not import a list of nobody).
 */
import type { RecordCategory, RecordSubject } from '../../core/record/consent-record.js';
import { type CsvRecord, parseCsv } from '../../core/csv.js';
import { isPresetCategory } from '../../core/notice/categories.js';
import { BSUID_PATTERN, CHANNEL_PATTERN } from '../../core/phone/identifier-patterns.js';
import { parseRfc3339 } from '../../core/record/rfc3339-time.js';
import en from '../../i18n/locales/en.js';
import { normalizePhone } from '../phone-normalization.js';

export const IMPORT_COLUMNS = ['phone', 'bsuid', 'categories', 'captured_at', 'notice_text', 'where', 'locale', 'channel'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export interface ImportRow {
  /** The line the row starts on (1 is the header). */
  line: number;
  subject: RecordSubject;
  categories: RecordCategory[];
  capturedAt: Date;
  noticeText: string;
  locale: string;
  channel: string;
  /** `where` when it is a web address. */
  pageUrl: string;
  /** `where` when it names a place. */
  locationId?: string;
}

export interface RowProblem {
  line: number;
  reason: string;
}

const CATEGORY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A device clock may run this far ahead; an imported time further ahead is a mistake. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

function categoriesOf(value: string): { categories: RecordCategory[] } | { problem: string } {
  const categories: RecordCategory[] = [];
  for (const item of value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [rawId, ...rest] = item.split('=');
    const id = rawId.trim();
    const given = rest.join('=').trim();
    if (!CATEGORY_ID.test(id)) return { problem: `category "${id}" is not an id like "offers" (a-z, 0-9, "-", "_")` };
    if (categories.some((c) => c.id === id)) return { problem: `category "${id}" is named twice` };
    const label = given || (isPresetCategory(id) ? en.category[id].label : id);
    if (label.length > 200) return { problem: `the label of "${id}" is longer than 200 characters` };
    categories.push({ id, label, granted: true });
  }
  if (categories.length === 0) return { problem: 'categories is empty: name what the person agreed to, e.g. "offers;order-updates"' };
  if (categories.length > 50) return { problem: 'more than 50 categories' };
  return { categories };
}

function whereOf(value: string): { pageUrl: string; locationId?: string } | { problem: string } {
  if (!value) return { pageUrl: '' };
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      // As a page's record keeps it: origin and path, never a query that may hold personal data.
      return { pageUrl: `${url.origin}${url.pathname}` };
    } catch {
      return { problem: `where "${value}" starts like a web address but is not one` };
    }
  }
  if (value.length > 64) return { problem: 'where names a place in more than 64 characters (a web address may be longer)' };
  return { pageUrl: '', locationId: value };
}

function readRow(record: CsvRecord, columns: Column[], now: number): ImportRow | RowProblem {
  const problem = (reason: string): RowProblem => ({ line: record.line, reason });
  if (record.fields.length !== columns.length) return problem(`${record.fields.length} fields, the header has ${columns.length}`);
  const value = (name: Column) => {
    const index = columns.indexOf(name);
    return index < 0 ? '' : record.fields[index].trim();
  };
  if (record.fields.some((field) => LONE_SURROGATE.test(field))) return problem('a field is not well-formed Unicode');

  const subject: RecordSubject = {};
  const phone = value('phone');
  const bsuid = value('bsuid');
  if (!phone && !bsuid) return problem('neither phone nor bsuid: name who agreed');
  if (phone) {
    const normalized = normalizePhone(phone);
    if (!normalized.ok) return problem(`phone "${phone}" is not a valid number in E.164 (e.g. +4915123456789)`);
    subject.phone = normalized.e164;
  }
  if (bsuid) {
    if (!BSUID_PATTERN.test(bsuid)) return problem(`bsuid "${bsuid}" does not look like US.13491208655302741918`);
    subject.bsuid = bsuid;
  }
  const categories = categoriesOf(value('categories'));
  if ('problem' in categories) return problem(categories.problem);
  const capturedAtText = value('captured_at');
  const capturedAt = parseRfc3339(capturedAtText);
  if (capturedAt === undefined) return problem(`captured_at "${capturedAtText}" is not a date and time like 2025-05-01T10:00:00Z`);
  if (capturedAt - now > FUTURE_SKEW_MS) return problem(`captured_at ${capturedAtText} is in the future`);
  const noticeText = record.fields[columns.indexOf('notice_text')] ?? '';
  if (!noticeText.trim()) return problem('notice_text is empty: the text the person saw is the evidence of what they agreed to');
  if (noticeText.length > 20000) return problem('notice_text is longer than 20 000 characters');
  const locale = value('locale') || 'en';
  if (!LOCALE.test(locale)) return problem(`locale "${locale}" is not a language tag like en or pt-BR`);
  const channel = value('channel') || 'whatsapp';
  if (!CHANNEL_PATTERN.test(channel)) return problem(`channel "${channel}" is not a channel name like whatsapp or sms`);
  const where = whereOf(value('where'));
  if ('problem' in where) return problem(where.problem);
  return { line: record.line, subject, categories: categories.categories, capturedAt: new Date(capturedAt), noticeText, locale, channel, ...where };
}

/** Reads and checks every row; `rows` is complete only when `problems` is empty. */
export function readImportRows(text: string, now: Date = new Date()): { rows: ImportRow[]; problems: RowProblem[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { rows: [], problems: [{ line: parsed.line, reason: parsed.message }] };
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], problems: [{ line: 1, reason: 'the file is empty: the first line names the columns' }] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const headerProblems = [
    ...names
      .filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name))
      .map((name) => `unknown column "${name}" (known: ${IMPORT_COLUMNS.join(', ')})`),
    ...names.filter((name, i) => names.indexOf(name) !== i).map((name) => `column "${name}" appears twice`),
    ...(['categories', 'captured_at', 'notice_text'] as const).filter((name) => !names.includes(name)).map((name) => `column "${name}" is missing`),
    ...(names.includes('phone') || names.includes('bsuid') ? [] : ['a "phone" or a "bsuid" column is needed']),
  ];
  if (headerProblems.length > 0) return { rows: [], problems: headerProblems.map((reason) => ({ line: header.line, reason })) };
  if (records.length === 0) return { rows: [], problems: [{ line: header.line, reason: 'no rows under the header' }] };
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of records) {
    const row = readRow(record, names as Column[], now.getTime());
    if ('reason' in row) problems.push(row);
    else rows.push(row);
  }
  return { rows, problems };
}
