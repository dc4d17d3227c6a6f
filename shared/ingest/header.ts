/**
 * Header rows: column names are matched by name (case, spacing and punctuation ignored), never by
 * position, against a kind's columns and their aliases (names used in other releases).
 */
import type { ColumnSpec, Columns } from './kind-spec';

/** "Ofsted Region" = "Ofsted region" = "ofsted_region". */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const namesOf = (c: ColumnSpec): string[] => [c.name, ...(c.aliases ?? [])];

export interface HeaderMap {
  /** Canonical field -> index of its column. */
  readonly index: ReadonlyMap<string, number>;
  /** Canonical field -> the column's name as written in the file (for messages). */
  readonly columnName: ReadonlyMap<string, string>;
  /** Column index -> the field it holds, for every mapped column. */
  readonly fieldAt: ReadonlyMap<number, string>;
  readonly missing: readonly ColumnSpec[];
}

export function mapHeader(columns: Columns, header: readonly string[]): HeaderMap {
  const position = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normaliseHeader(h);
    if (n && !position.has(n)) position.set(n, i);
  });
  const index = new Map<string, number>();
  const columnName = new Map<string, string>();
  const fieldAt = new Map<number, string>();
  const missing: ColumnSpec[] = [];
  for (const [field, col] of Object.entries(columns)) {
    const found = namesOf(col)
      .map((n) => position.get(normaliseHeader(n)))
      .find((i) => i !== undefined);
    columnName.set(field, found === undefined ? col.name : (header[found] ?? col.name).trim());
    if (found !== undefined) {
      index.set(field, found);
      fieldAt.set(found, field);
    } else if (col.required) missing.push(col);
  }
  return { index, columnName, fieldAt, missing };
}

export function describeColumn(c: ColumnSpec): string {
  return c.aliases?.length ? `"${c.name}" (also accepted: ${c.aliases.map((a) => `"${a}"`).join(', ')})` : `"${c.name}"`;
}
