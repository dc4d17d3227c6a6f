/**
 * CSV text -> records, each with its 1-based line number, where a broken record costs that record
 * and never the rest of the file.
 *
 * Why not csv-parse here: it cannot find its way back after a broken quote. In its skip-on-error
 * mode a quote closed too early (`"Al" Bo`) makes it read the rest of the file as one open quote,
 * and a quote never closed swallows every later row (test/unit/ingest/csv-records.test.ts shows
 * both); and running it once per record to contain the damage made imports ten times slower. So
 * this reads RFC 4180 itself, and csv-parse is the oracle its tests compare it with: for any valid
 * CSV, in any chunks, the cells are csv-parse's.
 * - A line break (CRLF, LF or CR, even mixed) ends a record unless it is inside a quoted cell; a
 *   quote opens a quoted cell only at the start of a cell; `""` inside one is a quote.
 * - A quote inside an unquoted cell, or text after a closing quote, rejects the record (naming the
 *   cell); reading goes on at the next line.
 * - A quoted cell that runs to the end of the text or past the size limit rejects the line where
 *   its quote opened, and reading goes on from the line after it.
 */
import { ImportFileError } from './decode';

export type CsvRecord =
  { readonly line: number; readonly cells: string[] } | { readonly line: number; readonly problem: { readonly cell?: number; readonly reason: string } };

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

const STRAY_QUOTE =
  'has a quote (") inside a cell that does not start with one: put the whole cell in quotes and double each quote in it, as in "Al ""Bo"" Cy"';
const AFTER_CLOSE = 'has text after the closing quote of a quoted cell: put the whole cell in quotes and double each quote in it, as in "Al ""Bo"" Cy"';

/** Finds where records and cells end in text that arrives in chunks; see the module comment. */
class RecordFramer {
  private buf = '';
  /** Where the current record starts in buf; every other offset below is from here. */
  private start = 0;
  private pos = 0;
  private line = 1;
  /** Line breaks inside quoted cells of the current record. */
  private breaks = 0;
  private cells: string[] = [];
  private problem: { cell: number; reason: string } | undefined;
  private cellAt = 0;
  private fieldStart = true;
  private inQuotes = false;
  /** A quote inside a quoted cell: the next character says whether it closes the cell or is doubled. */
  private quotePending = false;
  private doubled = false;
  /** Where the current cell's closing quote is, once it has closed (-1: not a closed quoted cell). */
  private closedAt = -1;
  /** Where the open quote is and its line. */
  private quoteAt = 0;
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
      if (this.inQuotes) this.inQuoted(c, brk);
      else if (brk > 0) return this.endRecord(brk);
      else this.outside(c);
    }
    if (!final) return 'wait';
    if (this.inQuotes && !this.quotePending) return this.unclosedQuote(false);
    if (this.quotePending) this.closeQuote();
    return this.start < buf.length ? this.endRecord(0) : undefined;
  }

  /** 1 or 2 for the line break at pos (CRLF is one), or -1 when a CR ends the chunk. */
  private breakLength(final: boolean): number {
    if (this.buf.charCodeAt(this.pos) === LF) return 1;
    if (this.pos + 1 < this.buf.length) return this.buf.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    return final ? 1 : -1;
  }

  private outside(c: number): void {
    if (c === COMMA) {
      this.endCell();
      this.cellAt = this.pos + 1 - this.start;
      this.fieldStart = true;
    } else if (c === QUOTE && this.fieldStart) {
      this.inQuotes = true;
      this.quoteAt = this.pos - this.start;
      this.quoteLine = this.line + this.breaks;
      this.fieldStart = false;
    } else {
      if (this.closedAt >= 0) this.fail(AFTER_CLOSE);
      else if (c === QUOTE) this.fail(STRAY_QUOTE);
      this.fieldStart = false;
    }
    this.pos++;
  }

  private inQuoted(c: number, brk: number): void {
    if (this.quotePending) {
      this.quotePending = false;
      if (c === QUOTE) {
        this.doubled = true;
        this.pos++;
      } else this.closeQuote(); // c is read again, outside the cell
      return;
    }
    if (c === QUOTE) this.quotePending = true;
    if (brk > 0) this.breaks++;
    this.pos += Math.max(brk, 1);
  }

  private closeQuote(): void {
    this.inQuotes = false;
    this.closedAt = this.pos - 1 - this.start;
  }

  private fail(reason: string): void {
    this.problem ??= { cell: this.cells.length, reason };
  }

  private endCell(): void {
    if (!this.problem) {
      const quoted = this.closedAt >= 0;
      const text = quoted ? this.buf.slice(this.start + this.cellAt + 1, this.start + this.closedAt) : this.buf.slice(this.start + this.cellAt, this.pos);
      this.cells.push(this.doubled ? text.replaceAll('""', '"') : text);
    }
    this.closedAt = -1;
    this.doubled = false;
  }

  private endRecord(brk: number): CsvRecord {
    this.endCell();
    const record: CsvRecord = this.problem ? { line: this.line, problem: this.problem } : { line: this.line, cells: this.cells };
    this.reset(this.pos + brk, this.line + 1 + this.breaks);
    return record;
  }

  private reset(at: number, line: number): void {
    this.start = at;
    this.pos = at;
    this.line = line;
    this.breaks = 0;
    this.cells = [];
    this.problem = undefined;
    this.cellAt = 0;
    this.fieldStart = true;
    this.inQuotes = false;
    this.quotePending = false;
    this.doubled = false;
    this.closedAt = -1;
  }

  private overLong(): CsvRecord {
    if (this.inQuotes) return this.unclosedQuote(true);
    const line = this.line;
    this.skipping = true;
    return {
      line,
      problem: {
        reason: `is longer than ${this.limits.maxRecordChars.toLocaleString('en-GB')} characters, the most one row may hold: shorten its longest cell`,
      },
    };
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
      throw new ImportFileError(
        `More than ${most.toLocaleString('en-GB')} quotes in this file are never closed, so it cannot be read as CSV. Check that it is comma-separated and that each quoted cell ends with a quote.`,
      );
    }
    const { line, quoteLine } = this;
    const where = quoteLine === line ? '' : ` (the quote is on line ${quoteLine})`;
    const reason = atLimit
      ? `has a quoted cell that is still open after ${this.limits.maxRecordChars.toLocaleString('en-GB')} characters, the most one row may hold${where}: close its quote, or shorten the cell`
      : `has a quote (") that is never closed${where}: close it, or double it ("") if it is part of the text`;
    const after = /\r\n|\n|\r/g;
    after.lastIndex = this.start + this.quoteAt;
    const m = after.exec(this.buf);
    if (m) this.reset(m.index + m[0].length, quoteLine + 1);
    else {
      // The rest of the text is on the quote's line: at the limit, skip to that line's end.
      this.reset(this.buf.length, atLimit ? quoteLine : quoteLine + 1);
      this.skipping = atLimit;
    }
    return { line, problem: { reason } };
  }
}

/** Every record of the text, in order, each a row of cells or a problem with its line. */
export async function* readCsvRecords(text: AsyncIterable<string>, limits: CsvReadLimits): AsyncGenerator<CsvRecord> {
  const framer = new RecordFramer(limits);
  for await (const chunk of text) yield* framer.push(chunk, false);
  yield* framer.push('', true);
}
