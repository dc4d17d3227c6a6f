/**
 * Streaming CSV import: bytes in, validated entities and rejections out, never holding the file.
 *
 * - Encoding: UTF-8 (with or without a byte-order mark) or Windows-1252 (what Excel saves), told
 *   apart from the first 64 KB; binary files and UTF-16 are refused with a clear message.
 * - Header: an optional group row (Ofsted's "Provider information, ..., Latest Full Inspection")
 *   followed by the column names; the kind of file is told from them (see columns.ts).
 * - Rows: each validated on its own; a bad row is rejected with its 1-based line number in the
 *   file, its column and the reason, and the valid rows around it are kept.
 */
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { limits } from '../../infra/catalogue';
import type { ImportKind, Rejection } from '../domain/types';
import { describeColumn, detectKind, mapHeader, normaliseHeader, type HeaderMap } from './columns';
import { parseRow, type ImportEntity } from './rows';
import { FirstSeen } from './first-seen';

export type { ImportEntity } from './rows';

export type ImportEvent =
  | { type: 'kind'; kind: ImportKind; headerLine: number; columns: string[] }
  | { type: 'row'; line: number; entity: ImportEntity }
  | { type: 'rejected'; rejection: Rejection };

/** The whole file is refused; the message says what is wrong, where, and how to fix it. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface ParseOptions {
  readonly maxBytes?: number;
  readonly snapshotId?: string;
}

const SNIFF_BYTES = 64 * 1024;
const MAX_FIELD_CHARS = 100_000;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

type Encoding = 'utf8' | 'win1252';

function sniff(head: Uint8Array, final: boolean): Encoding {
  if (head.length === 0) throw new ImportFileError('The file is empty. Upload a CSV file with a header row and at least one data row.');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ImportFileError('The file is UTF-16 text. Save it as "CSV UTF-8 (Comma delimited)" and upload it again.');
  }
  const nul = head.indexOf(0);
  if (nul !== -1) throw new ImportFileError(`This is not a CSV text file: it holds binary data (a zero byte at byte ${nul + 1}). Export the sheet as CSV and upload that.`);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !final });
    return 'utf8';
  } catch {
    return 'win1252';
  }
}

/** Decoded text chunks from the raw bytes, with the size limit enforced as bytes arrive. */
async function* decode(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  let total = 0;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let encoding: Encoding | undefined;
  let utf8: TextDecoder | undefined;
  let win: ReturnType<typeof iconv.getDecoder> | undefined;
  let first = true;

  const emit = (bytes: Uint8Array): string => {
    let b = bytes;
    if (first) {
      first = false;
      if (b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2]) b = b.subarray(3);
    }
    return encoding === 'utf8' ? utf8!.decode(b, { stream: true }) : win!.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  };

  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new ImportFileError(`The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit for one import. Split it into smaller files and upload each.`);
    }
    if (!encoding) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SNIFF_BYTES) continue;
      const head = Buffer.concat(pending);
      encoding = sniff(head, false);
      utf8 = new TextDecoder('utf-8');
      win = iconv.getDecoder('win1252');
      const text = emit(head);
      pending.length = 0;
      if (text) yield text;
      continue;
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) throw new ImportFileError(`This is not a CSV text file: it holds binary data (a zero byte at byte ${total - chunk.length + nul + 1}).`);
    const text = emit(chunk);
    if (text) yield text;
  }
  if (!encoding) {
    const head = Buffer.concat(pending);
    encoding = sniff(head, true);
    utf8 = new TextDecoder('utf-8');
    win = iconv.getDecoder('win1252');
    const text = emit(head);
    if (text) yield text;
  }
  const rest = encoding === 'utf8' ? utf8!.decode() : win!.end();
  if (rest) yield rest;
}

/** Line breaks inside a record's fields (quoted fields may hold them). */
function breaksIn(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    if (field.length === 0) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

// eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Cells past the header's last column, or control characters: the row is refused, naming the cell. */
function cellProblem(record: readonly string[], header: readonly string[]): { column?: string; reason: string } | undefined {
  const extra = record.slice(header.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    return { reason: `has ${record.length} cells but the header has ${header.length} columns (extra: "${extra[0]!.slice(0, 40)}"). Check for a comma inside a cell that is not in quotes.` };
  }
  for (let i = 0; i < record.length; i++) {
    const match = CONTROL.exec(record[i]!);
    if (match) {
      const name = header[i] || `column ${i + 1}`;
      return { column: name, reason: `"${name}" holds a control character (code ${match[0].charCodeAt(0)}) at position ${match.index + 1}: remove it (it is usually pasted in by accident).` };
    }
  }
  return undefined;
}

const isBlank = (record: readonly string[]) => record.every((f) => f.trim() === '');

/** Ofsted's files put a group row ("Provider information", ..., "Latest Full Inspection") above the names. */
function looksLikeGroupRow(record: readonly string[]): boolean {
  const cells = record.map((c) => normaliseHeader(c)).filter(Boolean);
  if (cells.length === 0) return false;
  const known = ['urn', 'name', 'provision type', 'local authority', 'email', 'type', 'date', 'local authority name'];
  return cells.length * 3 <= record.length && !cells.some((c) => known.includes(c));
}

function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

export async function* parseImport(source: AsyncIterable<Uint8Array>, options: ParseOptions = {}): AsyncGenerator<ImportEvent> {
  const maxBytes = options.maxBytes ?? limits.importMaxBytes;
  const snapshotId = options.snapshotId ?? 'unknown';
  // Any of CRLF, LF or CR ends a record, even mixed in one file (a file edited on two systems).
  const parser = parse({ relax_column_count: true, relax_quotes: false, skip_empty_lines: false, max_record_size: MAX_FIELD_CHARS, record_delimiter: ['\r\n', '\n', '\r'] });

  // Feed the parser from the decoder in the background, honouring back-pressure.
  let feedError: unknown;
  const feeding = (async () => {
    try {
      for await (const text of decode(source, maxBytes)) {
        // A parser that failed (a record over the size limit, say) is destroyed and never drains:
        // stop feeding it rather than wait forever.
        if (parser.destroyed) return;
        if (!parser.write(text)) await drainedOrClosed(parser);
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      feedError = err;
      parser.destroy(err as Error);
    }
  })();

  let line = 1;
  let groupRow: string[] | undefined;
  let header: HeaderMap | undefined;
  let kind: ImportKind | undefined;
  let headerCells: string[] = [];
  const seen = new FirstSeen();
  let dataRows = 0;

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + breaksIn(record);
      if (!header) {
        if (isBlank(record)) continue;
        if (!groupRow && looksLikeGroupRow(record)) {
          groupRow = record;
          continue;
        }
        kind = detectKind(record, groupRow);
        if (!kind) {
          throw new ImportFileError(
            `Line ${start}: the column names do not match any file we import (Ofsted provider data, in-year inspections, LA inspection outcomes, intelligence signals, commissioners). ` +
              `Found: ${record.filter(Boolean).slice(0, 8).map((c) => `"${c.trim()}"`).join(', ')}. See docs/data-formats.md for the columns of each.`,
            start,
          );
        }
        header = mapHeader(kind, record);
        if (header.missing.length) {
          throw new ImportFileError(
            `Line ${start}: this looks like a ${kind} file but it is missing required column${header.missing.length > 1 ? 's' : ''} ${header.missing.map(describeColumn).join('; ')}. Add ${header.missing.length > 1 ? 'them' : 'it'} to the header row and upload again.`,
            start,
          );
        }
        headerCells = record.map((c) => c.trim());
        yield { type: 'kind', kind, headerLine: start, columns: headerCells };
        continue;
      }
      if (isBlank(record)) continue;
      dataRows++;
      const problem = cellProblem(record, headerCells);
      if (problem) {
        yield { type: 'rejected', rejection: { line: start, ...problem } };
        continue;
      }
      const result = parseRow(kind!, record, header, snapshotId);
      if (!result.ok) {
        yield { type: 'rejected', rejection: { line: start, ...(result.column ? { column: result.column } : {}), reason: result.reason } };
        continue;
      }
      const first = seen.get(result.key);
      if (first !== undefined) {
        yield {
          type: 'rejected',
          rejection: { line: start, column: kind === 'commissioners' ? 'Email' : kind === 'la-outcomes' ? 'Local authority name' : kind === 'intelligence' ? 'Signal ID' : 'URN', reason: `${result.key} appears again: it was first on line ${first}, and only the first is kept. Remove one of the two rows.` },
        };
        continue;
      }
      seen.set(result.key, start);
      yield { type: 'row', line: start, entity: result.entity };
    }
  } catch (err) {
    if (feedError instanceof ImportFileError) throw feedError;
    if (err instanceof ImportFileError) throw err;
    if (feedError) throw feedError;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportFileError(
        `Line ${line}: a row is longer than ${MAX_FIELD_CHARS.toLocaleString('en-GB')} characters, the most one row may hold. This is usually a quote that is never closed; otherwise shorten the longest cell.`,
        line,
      );
    }
    if (code.startsWith('CSV_')) {
      const where = (err as { lines?: number }).lines;
      throw new ImportFileError(`${where ? `Line ${where}: ` : ''}the file is not valid CSV (${(err as Error).message}). Check for an unclosed quote.`, where);
    }
    throw err;
  } finally {
    await feeding;
  }
  if (feedError) throw feedError;
  if (!header) throw new ImportFileError('The file has no header row: the first line must hold the column names. See docs/data-formats.md.');
  if (dataRows === 0) throw new ImportFileError(`The file has a header but no data rows after line ${line - 1}.`);
}
