import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from '../../../shared/ingest/csv-records';

async function records(text: string, chunk = text.length || 1, maxRecordChars = 100_000): Promise<CsvRecord[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunks(), { maxRecordChars })) out.push(r);
  return out;
}

const problemOf = (r: CsvRecord | undefined) => (r && 'problem' in r ? r.problem.reason : '');
const summary = (rs: CsvRecord[]) => rs.map((r) => ('cells' in r ? `${r.line}: ${r.cells.join('|')}` : `${r.line}: PROBLEM`));

/** What csv-parse itself makes of a file in its skip-on-error mode: the records it keeps. */
async function csvParseSkipping(text: string): Promise<string[][]> {
  const parser = parse({ relax_column_count: true, skip_records_with_error: true });
  parser.end(text);
  const out: string[][] = [];
  for await (const r of parser as AsyncIterable<string[]>) out.push(r);
  return out;
}

describe('reading CSV records', () => {
  it('why not csv-parse alone: after a quote closed too early, or one never closed, it loses every later row', async () => {
    expect(await csvParseSkipping('a,b\n1,"Al" Bo\n2,ok\n3,ok\n')).toEqual([['a', 'b']]);
    expect(await csvParseSkipping('a,b\n1,"never closed\n2,ok\n3,ok\n')).toEqual([['a', 'b']]);
    expect(summary(await records('a,b\n1,"Al" Bo\n2,ok\n3,ok\n'))).toEqual(['1: a|b', '2: PROBLEM', '3: 2|ok', '4: 3|ok']);
    expect(summary(await records('a,b\n1,"never closed\n2,ok\n3,ok\n'))).toEqual(['1: a|b', '2: PROBLEM', '3: 2|ok', '4: 3|ok']);
  });

  it('numbers lines as the file has them: CRLF, LF and CR alike, quoted cells spanning lines counted', async () => {
    const text = 'h1,h2\r\n"two\r\nlines",x\r"three\nmore\rlines",y\nlast,z';
    for (const chunk of [1, 2, 3, 100])
      expect(summary(await records(text, chunk))).toEqual(['1: h1|h2', '2: two\r\nlines|x', '4: three\nmore\rlines|y', '7: last|z']);
  });

  it('rejects the line where a quote opened and never closed, and reads on from the next line, even after a cell spanning lines', async () => {
    const text = 'h\n"a\nb",x,"oops\nnext,row\nlast\n';
    const out = await records(text);
    expect(summary(out)).toEqual(['1: h', '2: PROBLEM', '4: next|row', '5: last']);
    expect(problemOf(out[1])).toMatch(/never closed \(the quote is on line 3\)/);
  });

  it('rejects a row longer than the limit and reads on from the next line', async () => {
    const text = `h\n${'x'.repeat(50)}\nok\n`;
    for (const chunk of [7, 1000]) expect(summary(await records(text, chunk, 20))).toEqual(['1: h', '2: PROBLEM', '3: ok']);
  });

  it('names the cell of a stray quote or of text after a closing quote', async () => {
    const [stray] = await records('a,Al "Bo" Cy,c\n');
    expect(stray && 'problem' in stray ? stray.problem.cell : undefined).toBe(1);
    expect(problemOf(stray)).toMatch(/^has a quote \("\) inside a cell/);
    const [after] = await records('a,b,"Al" Bo\n');
    expect(after && 'problem' in after ? after.problem.cell : undefined).toBe(2);
    expect(problemOf(after)).toMatch(/^has text after the closing quote/);
  });

  it('gives the same cells as csv-parse for any valid CSV, however the text is cut into chunks', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é'), maxLength: 8 });
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(rows, fc.integer({ min: 1, max: 17 }), fc.constantFrom('\n', '\r\n'), async (table, chunk, eol) => {
        const text = stringify(table, { record_delimiter: eol === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ });
        const expected = (await csvParseSkipping(text)).map((r) => r.join('\u0000'));
        const got = (await records(text, chunk)).map((r) => ('cells' in r ? r.cells.join('\u0000') : 'PROBLEM'));
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on broken text and accounts for every line: each is in a record, a problem, or a cell spanning lines', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', 'x'), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (t, chunk) => {
        const rs = await records(t, chunk, 15);
        const starts = rs.map((r) => r.line);
        expect([...starts].sort((a, b) => a - b)).toEqual(starts);
        expect(new Set(starts).size).toBe(starts.length);
        expect(Math.max(0, ...starts)).toBeLessThanOrEqual(t.split('\n').length);
      }),
      { numRuns: 500 },
    );
  });
});
