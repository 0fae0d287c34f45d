import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../../src/core/csv.js';

const records = (text: string) => {
  const result = parseCsv(text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.records;
};

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields, CRLF and LF line ends, and a last line without a line end', () => {
    assert.deepEqual(records('a,b,c\r\n1,2,3\n4,5,6'), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields, and numbers lines as a text editor does', () => {
    assert.deepEqual(records('text,n\n"Hello, ""you""\nsecond line",1\nnext,2\n'), [
      { line: 1, fields: ['text', 'n'] },
      { line: 2, fields: ['Hello, "you"\nsecond line', '1'] },
      { line: 4, fields: ['next', '2'] },
    ]);
  });

  it('keeps empty fields, quoted or not, skips blank lines and a byte order mark', () => {
    assert.deepEqual(records('\uFEFFa,,""\n\n,x,\n'), [
      { line: 1, fields: ['a', '', ''] },
      { line: 3, fields: ['', 'x', ''] },
    ]);
  });

  it('refuses a quote never closed, a stray quote, and text after a closing quote, with the line', () => {
    assert.deepEqual(parseCsv('a\n"open,1\nmore'), { ok: false, line: 2, message: 'a quoted field is never closed' });
    const stray = parseCsv('a,b\nsay "hi",1');
    assert.equal(stray.ok, false);
    assert.equal(!stray.ok && stray.line, 2);
    const after = parseCsv('a\n"x"y,1');
    assert.equal(!after.ok && after.message, 'text after the closing quote of a field');
  });
});
