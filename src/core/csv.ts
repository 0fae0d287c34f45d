/**
 * A small RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""` → `"`). Each record keeps
 * the line it starts on, so a problem can be reported where a person would look for it. A quote
 * inside an unquoted field, text after a closing quote, or a quote never closed is refused, not
 * guessed at: an imported consent must read exactly as written.
 */

export interface CsvRecord {
  /** The line the record starts on, from 1 (a quoted field may carry it over several lines). */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParseResult {
  // A byte order mark some spreadsheet programs write is not part of the first field.
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  /** Whether the current field was quoted (then it is complete at its closing quote). */
  let quoted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty unquoted field) is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const char = input[i];
    if (char === '"') {
      if (field !== '' || quoted)
        return { ok: false, line, message: 'a double quote inside a field that does not start with one: quote the whole field and double the quote ("")' };
      quoted = true;
      i++;
      for (;;) {
        if (i >= input.length) return { ok: false, line: recordLine, message: 'a quoted field is never closed' };
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, line, message: 'text after the closing quote of a field' };
      }
      continue;
    }
    if (char === ',') {
      endField();
      i++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (quoted) return { ok: false, line, message: 'text after the closing quote of a field' };
    field += char;
    i++;
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return { ok: true, records };
}
