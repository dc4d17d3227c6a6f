/**
 * CSV text -> records, each with its 1-based line number, where a broken record costs one record
 * and never the rest of the file.
 *
 * csv-parse reads each record's cells (and names what is wrong with a bad one), but it cannot find
 * its way back after a broken quote: in its skip-on-error mode, a quote closed too early
 * (`"Al" Bo`) makes it read the rest of the file as one open quote, and a quote never closed
 * swallows every later row (shown by test/unit/ingest/csv-records.test.ts). So this module finds
 * where each record ends, the RFC 4180 way (a line break ends a record unless it is inside a
 * quoted cell; a quote opens a quoted cell only at the start of a cell), and when a quoted cell
 * runs to the end of the file or past the size limit it rejects the line where that quote opened
 * and reads on from the next line.
 * - Line breaks: CRLF, LF or CR, even mixed in one file.
 * - A record without quotes is split on commas; a record with quotes goes through csv-parse.
 */
import { parse } from 'csv-parse/sync';
import { ImportFileError } from './decode';

export type CsvRecord =
  | { readonly line: number; readonly cells: string[] }
  | { readonly line: number; readonly problem: { readonly cell?: number; readonly reason: string } };

export interface CsvReadLimits {
  /** Longest record, in characters: a quoted cell still open past it is taken as never closed. */
  readonly maxRecordChars: number;
  /** More quotes than this that are never closed and the file is refused as not CSV. */
  readonly maxUnclosedQuotes?: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** csv-parse's error codes, as a reason to follow "line N: ". */
function quoteReason(err: unknown): { cell?: number; reason: string } {
  const e = err as { code?: string; column?: number; message?: string };
  const cell = typeof e.column === 'number' ? e.column : undefined;
  switch (e.code) {
    case 'INVALID_OPENING_QUOTE':
      return { cell, reason: 'has a quote (") inside a cell that does not start with one: put the whole cell in quotes and double each quote in it, as in "Al ""Bo"" Cy"' };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { cell, reason: 'has text after the closing quote of a quoted cell: put the whole cell in quotes and double each quote in it, as in "Al ""Bo"" Cy"' };
    default:
      return { cell, reason: `is not valid CSV (${(e.message ?? String(err)).split('\n')[0]}): check its quotes` };
  }
}

/** The cells of one record (its text holds no line break outside quotes). */
export function recordCells(text: string, line: number): CsvRecord {
  if (!text.includes('"')) return { line, cells: text.split(',') };
  try {
    const records = parse(text, { relax_column_count: true }) as string[][];
    if (records.length === 1) return { line, cells: records[0]! };
    return { line, problem: { reason: 'is not valid CSV: check its quotes' } };
  } catch (err) {
    return { line, problem: quoteReason(err) };
  }
}

/** Finds where records end in text that arrives in chunks; see the module comment. */
class RecordFramer {
  private buf = '';
  private start = 0;
  private pos = 0;
  private line = 1;
  /** Line breaks inside quoted cells of the current record. */
  private breaks = 0;
  private inQuotes = false;
  private fieldStart = true;
  /** A quote inside a quoted cell: the next character says whether it closes the cell or is doubled. */
  private quotePending = false;
  /** Where the open quote is (offset from the record's start) and its line. */
  private quoteOffset = 0;
  private quoteLine = 0;
  /** Discarding an over-long row up to the next line break. */
  private skipping = false;
  private unclosed = 0;

  constructor(private readonly limits: CsvReadLimits) {}

  /** Records completed by this chunk (all remaining ones when `final`). */
  *push(text: string, final: boolean): Generator<CsvRecord> {
    this.buf = this.buf.slice(this.start) + text;
    this.pos -= this.start;
    this.start = 0;
    while (this.pos < this.buf.length || (final && this.start < this.buf.length)) {
      const out = this.step(final);
      if (out === 'wait') break;
      if (out) yield out;
    }
  }

  /** Scans on to the next record (or problem); 'wait' when the chunk ends first. */
  private step(final: boolean): CsvRecord | 'wait' | undefined {
    const { buf } = this;
    while (this.pos < buf.length) {
      if (this.skipping) return this.skipRest(final);
      if (this.pos - this.start > this.limits.maxRecordChars) return this.overLong();
      const c = buf.charCodeAt(this.pos);
      const brk = c === LF || c === CR ? this.breakLength(final) : 0;
      if (brk < 0) return 'wait';
      if (this.inQuotes) {
        this.inQuoted(c, brk);
        continue;
      }
      if (brk > 0) return this.endRecord(brk);
      if (c === QUOTE && this.fieldStart) this.openQuote();
      else this.fieldStart = c === COMMA;
      this.pos++;
    }
    if (!final) return 'wait';
    if (this.inQuotes && !this.quotePending) return this.unclosedQuote(false);
    return this.start < buf.length ? this.endRecord(0) : undefined;
  }

  /** 1 or 2 for the line break at pos (CRLF is one), or -1 when a CR ends the chunk. */
  private breakLength(final: boolean): number {
    if (this.buf.charCodeAt(this.pos) === LF) return 1;
    if (this.pos + 1 < this.buf.length) return this.buf.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    return final ? 1 : -1;
  }

  private openQuote(): void {
    this.inQuotes = true;
    this.fieldStart = false;
    this.quoteOffset = this.pos - this.start;
    this.quoteLine = this.line + this.breaks;
  }

  private inQuoted(c: number, brk: number): void {
    if (this.quotePending) {
      this.quotePending = false;
      if (c === QUOTE) {
        this.pos++;
        return;
      }
      this.inQuotes = false; // the quote closed the cell; c is read again outside it
      return;
    }
    if (c === QUOTE) this.quotePending = true;
    if (brk > 0) this.breaks++;
    this.pos += Math.max(brk, 1);
  }

  private endRecord(brk: number): CsvRecord {
    const record = recordCells(this.buf.slice(this.start, this.pos), this.line);
    this.pos += brk;
    this.reset(this.pos, this.line + 1 + this.breaks);
    return record;
  }

  private reset(at: number, line: number): void {
    this.start = at;
    this.pos = at;
    this.line = line;
    this.breaks = 0;
    this.inQuotes = false;
    this.quotePending = false;
    this.fieldStart = true;
  }

  private overLong(): CsvRecord {
    if (this.inQuotes) return this.unclosedQuote(true);
    const line = this.line;
    this.skipping = true;
    return { line, problem: { reason: `is longer than ${this.limits.maxRecordChars.toLocaleString('en-GB')} characters, the most one row may hold: shorten its longest cell` } };
  }

  /** Discards the rest of an over-long row; the next record starts after its line break. */
  private skipRest(final: boolean): 'wait' | undefined {
    const rest = /\r\n|\n|\r/g;
    rest.lastIndex = this.pos;
    const m = rest.exec(this.buf);
    if (!m || (m[0] === '\r' && m.index === this.buf.length - 1 && !final)) {
      this.pos = this.buf.length;
      this.start = this.pos;
      return final ? undefined : 'wait';
    }
    this.skipping = false;
    this.reset(m.index + m[0].length, this.line + 1 + this.breaks);
    return undefined;
  }

  /** Rejects the record at the line its open quote is on, and reads on from the next line. */
  private unclosedQuote(atLimit: boolean): CsvRecord {
    const most = this.limits.maxUnclosedQuotes ?? 1_000;
    if (++this.unclosed > most) {
      throw new ImportFileError(`More than ${most.toLocaleString('en-GB')} quotes in this file are never closed, so it cannot be read as CSV. Check that it is comma-separated and that each quoted cell ends with a quote.`);
    }
    const { line, quoteLine } = this;
    const where = quoteLine === line ? '' : ` (the quote is on line ${quoteLine})`;
    const why = atLimit
      ? `has a quoted cell that is still open after ${this.limits.maxRecordChars.toLocaleString('en-GB')} characters, the most one row may hold${where}: close its quote, or shorten the cell`
      : `has a quote (") that is never closed${where}: close it, or double it ("") if it is part of the text`;
    const record: CsvRecord = { line, problem: { reason: why } };
    const after = /\r\n|\n|\r/g;
    after.lastIndex = this.start + this.quoteOffset;
    const m = after.exec(this.buf);
    if (m) this.reset(m.index + m[0].length, quoteLine + 1);
    else {
      this.reset(this.buf.length, quoteLine + 1);
      this.skipping = atLimit;
    }
    return record;
  }
}

/** Every record of the text, in order, each a row of cells or a problem with its line. */
export async function* readCsvRecords(text: AsyncIterable<string>, limits: CsvReadLimits): AsyncGenerator<CsvRecord> {
  const framer = new RecordFramer(limits);
  for await (const chunk of text) yield* framer.push(chunk, false);
  yield* framer.push('', true);
}
