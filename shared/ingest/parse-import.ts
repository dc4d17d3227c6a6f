/**
 * Streaming CSV import: bytes in, validated entities and rejections out, never holding the file.
 *
 * - Bytes -> text (decode.ts: UTF-8 or Windows-1252, size limit) -> records (csv-records.ts: a
 *   broken quote costs one record, not the file).
 * - Header: optional rows above it (a row saying "as at <date>", Ofsted's group row), then the
 *   column names; the kind of file is told from them (detect.ts).
 * - Rows: each validated on its own by its kind (kinds/*.ts); a bad row is rejected with its
 *   1-based line number in the file, its column and the reason, and the rows around it are kept.
 * Pure: the limits come in as options.
 */
import { textProblem } from '../domain/text';
import { readCsvRecords, type CsvRecord } from './csv-records';
import { decodeText, ImportFileError } from './decode';
import { detectKind } from './detect';
import { FirstSeen } from './first-seen';
import { describeColumn, mapHeader, normaliseHeader, type HeaderMap } from './header';
import type { Columns, RowProblem } from './kind-spec';
import { IMPORT_KINDS, type ImportEntity, type ImportKind } from './kinds';
import type { Rejection } from './report';
import { snapshotDateFromRow } from './snapshot-guard';

export { ImportFileError } from './decode';

export type ImportEvent =
  | {
      type: 'kind';
      kind: ImportKind;
      headerLine: number;
      columns: string[];
      /** A provider snapshot's date, from a row above the header ("as at 31/03/2018"). */
      asAt?: string;
      /** The name of the column holding the provider URN the rows refer to (kinds with `providerReference`). */
      referenceColumn?: string;
    }
  | { type: 'row'; line: number; row: ImportEntity }
  | { type: 'rejected'; rejection: Rejection };

export interface ParseOptions {
  /** Largest file, in bytes. */
  readonly maxBytes: number;
  /** Longest row, in characters. */
  readonly maxRowChars: number;
  /** The upload's snapshot id (its ETag): provider files record it on each provider. */
  readonly snapshotId: string;
}

interface Head {
  readonly kind: ImportKind;
  readonly line: number;
  readonly cells: string[];
  readonly map: HeaderMap;
  readonly asAt?: string;
}

const isBlank = (cells: readonly string[]) => cells.every((f) => f.trim() === '');

const KNOWN_FIRST_WORDS = new Set(['urn', 'name', 'provision type', 'local authority', 'email', 'type', 'date', 'local authority name']);

/** Ofsted's files put a group row ("Provider information", ..., "Latest Full Inspection") above the names. */
function looksLikeGroupRow(cells: readonly string[]): boolean {
  const named = cells.map(normaliseHeader).filter(Boolean);
  return named.length > 0 && named.length * 3 <= cells.length && !named.some((c) => KNOWN_FIRST_WORDS.has(c));
}

const quoted = (cells: readonly string[]) =>
  cells
    .filter(Boolean)
    .slice(0, 8)
    .map((c) => `"${c.trim()}"`)
    .join(', ');

function unrecognised(line: number, cells: readonly string[], candidates: readonly ImportKind[]): ImportFileError {
  if (candidates.length === 0) {
    const titles = Object.values(IMPORT_KINDS).map((k) => k.title);
    return new ImportFileError(
      `Line ${line}: the column names do not match any file we import (${titles.join(', ')}). Found: ${quoted(cells)}. See docs/data-formats.md for the columns of each.`,
      line,
    );
  }
  const which = candidates.map((k) => `${IMPORT_KINDS[k].title} (recognised by ${IMPORT_KINDS[k].detection.recognisedBy})`).join('; or ');
  return new ImportFileError(
    `Line ${line}: the column names (${quoted(cells)}) could be ${which}. Say which by naming the columns so, and upload again. See docs/data-formats.md.`,
    line,
  );
}

function headFrom(record: { line: number; cells: string[] }, groupRow: readonly string[] | undefined, asAt: string | undefined): Head {
  const detected = detectKind(record.cells, groupRow);
  if (!detected.ok) throw unrecognised(record.line, record.cells, detected.candidates);
  const spec = IMPORT_KINDS[detected.kind];
  const map = mapHeader(spec.columns, record.cells);
  if (map.missing.length) {
    const many = map.missing.length > 1;
    throw new ImportFileError(
      `Line ${record.line}: this looks like a file of ${spec.title} but it is missing required column${many ? 's' : ''} ${map.missing.map(describeColumn).join('; ')}. Add ${many ? 'them' : 'it'} to the header row and upload again.`,
      record.line,
    );
  }
  return { kind: detected.kind, line: record.line, cells: record.cells.map((c) => c.trim()), map, ...(asAt ? { asAt } : {}) };
}

/** Reads up to and including the header row: blank rows, an "as at" row and a group row may come first. */
async function readHead(records: AsyncIterator<CsvRecord>): Promise<Head> {
  let groupRow: string[] | undefined;
  let asAt: string | undefined;
  for (let next = await records.next(); !next.done; next = await records.next()) {
    const r = next.value;
    if ('problem' in r) throw new ImportFileError(`Line ${r.line}: the header row ${r.problem.reason}.`, r.line);
    if (isBlank(r.cells)) continue;
    const dated = groupRow ? undefined : snapshotDateFromRow(r.cells);
    if (dated) asAt = dated;
    else if (!groupRow && looksLikeGroupRow(r.cells)) groupRow = r.cells;
    else return headFrom(r, groupRow, asAt);
  }
  throw new ImportFileError('The file has no header row: the first line must hold the column names. See docs/data-formats.md.');
}

const columnAt = (head: Head, i: number) => head.cells[i] || `column ${i + 1}`;

/** Any character outside printable ASCII, tab and line breaks: only then is the full text check run. */
const SUSPECT = /[^\t\n\r\x20-\x7E]/;

/** Cells past the header's last column, or a character the strict text check refuses: the row is refused. */
function cellProblem(cells: readonly string[], head: Head, columns: Columns): Omit<Rejection, 'line'> | undefined {
  const extra = cells.slice(head.cells.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    return {
      reason: `has ${cells.length} cells but the header has ${head.cells.length} columns (extra: "${extra[0]!.slice(0, 40)}"). Check for a comma inside a cell that is not in quotes.`,
    };
  }
  for (let i = 0; i < cells.length; i++) {
    if (!SUSPECT.test(cells[i]!)) continue;
    const field = head.map.fieldAt.get(i);
    const problem = textProblem(cells[i]!, (field && columns[field]?.text) || 'free');
    if (problem) return { column: columnAt(head, i), reason: `"${columnAt(head, i)}" ${problem.message}` };
  }
  return undefined;
}

/** Problems as one rejection: the first names the column, the others follow with theirs. */
function rejection(line: number, problems: readonly RowProblem[], head: Head): Rejection {
  const column = (f: string | undefined) => (f === undefined ? undefined : (head.map.columnName.get(f) ?? f));
  const first = column(problems[0]?.field);
  const reason = problems.map((p, n) => (n === 0 ? p.message : `also "${column(p.field)}" ${p.message}`)).join('; ');
  return first ? { line, column: first, reason: `"${first}" ${reason}` } : { line, reason };
}

function recordProblem(r: Extract<CsvRecord, { problem: unknown }>, head: Head): Rejection {
  const { cell, reason } = r.problem;
  return cell === undefined ? { line: r.line, reason } : { line: r.line, column: columnAt(head, cell), reason: `"${columnAt(head, cell)}" ${reason}` };
}

/** One data record -> an accepted row or a rejection. */
function parseRecord<K extends ImportKind>(r: { line: number; cells: string[] }, head: Head & { kind: K }, seen: FirstSeen, snapshotId: string): ImportEvent {
  const spec = IMPORT_KINDS[head.kind];
  const problem = cellProblem(r.cells, head, spec.columns);
  if (problem) return { type: 'rejected', rejection: { line: r.line, ...problem } };
  const raw: Record<string, string> = {};
  for (const [field, i] of head.map.index) raw[field] = r.cells[i] ?? '';
  const outcome = spec.parseRow(raw, { snapshotId });
  if (!outcome.ok) return { type: 'rejected', rejection: rejection(r.line, outcome.problems, head) };
  const key = spec.duplicate.key(outcome.entity);
  const first = seen.get(key);
  if (first !== undefined) {
    const column = head.map.columnName.get(spec.duplicate.field) ?? spec.duplicate.field;
    return {
      type: 'rejected',
      rejection: {
        line: r.line,
        column,
        reason: `${key} appears again: it was first on line ${first}, and only the first is kept. Remove one of the two rows.`,
      },
    };
  }
  seen.set(key, r.line);
  // The spec of kind K made this entity, so it is EntityOf<K>; TypeScript cannot follow K into the union.
  return { type: 'row', line: r.line, row: { kind: head.kind, entity: outcome.entity } as ImportEntity };
}

async function* parseRows(records: AsyncIterator<CsvRecord>, head: Head, snapshotId: string): AsyncGenerator<ImportEvent> {
  const seen = new FirstSeen();
  let dataRows = 0;
  for (let next = await records.next(); !next.done; next = await records.next()) {
    const r = next.value;
    if ('problem' in r) {
      dataRows++;
      yield { type: 'rejected', rejection: recordProblem(r, head) };
      continue;
    }
    if (isBlank(r.cells)) continue;
    dataRows++;
    yield parseRecord(r, head, seen, snapshotId);
  }
  if (dataRows === 0) throw new ImportFileError(`The file has a header but no data rows after line ${head.line}.`);
}

export async function* parseImport(source: AsyncIterable<Uint8Array>, options: ParseOptions): AsyncGenerator<ImportEvent> {
  const records = readCsvRecords(decodeText(source, options.maxBytes), { maxRecordChars: options.maxRowChars })[Symbol.asyncIterator]();
  try {
    const head = await readHead(records);
    const reference = IMPORT_KINDS[head.kind].providerReference ? head.map.columnName.get('urn') : undefined;
    yield {
      type: 'kind',
      kind: head.kind,
      headerLine: head.line,
      columns: head.cells,
      ...(head.asAt ? { asAt: head.asAt } : {}),
      ...(reference ? { referenceColumn: reference } : {}),
    };
    yield* parseRows(records, head, options.snapshotId);
  } finally {
    await records.return?.(undefined);
  }
}
