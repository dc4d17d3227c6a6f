/**
 * What one kind of import file is: its columns, how it is recognised from a header, how a row
 * becomes an entity, how that entity is stored, and which key a second row may not repeat.
 * Each kind is one file under kinds/, made with `defineKind`; kinds/index.ts gathers them.
 */
import type * as z from 'zod/mini';
import type { TextKind } from '../domain/text';

export interface ColumnSpec {
  /** The name shown in messages: the current published name. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  /**
   * How strictly the cell's text is checked (shared/domain/text.ts): `name` for names of people,
   * providers and places (no invisible characters either), `free` (the default) for other text.
   */
  readonly text?: TextKind;
}

export type Columns = Readonly<Record<string, ColumnSpec>>;

/** How a header row is recognised as this kind (see detect.ts for how the kinds are weighed). */
export interface Detection {
  /** Column names any one of which claims a header for this kind. */
  readonly distinctive?: readonly string[];
  /** A word in Ofsted's group row above the header that claims it (with at least one known column). */
  readonly groupRow?: string;
  /** When two kinds claim a header, the higher rank wins; equal ranks make the header ambiguous. */
  readonly rank: number;
  /** A header nothing claims may still be this kind if it matches the most of its columns. */
  readonly byColumnCount?: boolean;
  /** For messages and docs: what tells this kind apart, e.g. 'a "Role" column'. */
  readonly recognisedBy: string;
}

/** A problem with a row: the field (canonical column) it is in, and a phrase to follow the column's name. */
export interface RowProblem {
  readonly field?: string;
  readonly message: string;
}

export type RowOutcome<E> = { readonly ok: true; readonly entity: E } | { readonly ok: false; readonly problems: readonly RowProblem[] };

export interface RowContext {
  /** The import's snapshot id (the upload's ETag): provider files record which snapshot listed a provider. */
  readonly snapshotId: string;
}

export type TableItem = Record<string, unknown>;

export interface ImportKindSpec<E> {
  /** What the file is, in the users' words: "Ofsted provider data". */
  readonly title: string;
  readonly columns: Columns;
  readonly detection: Detection;
  /** Raw cells by field (trimmed or not, as in the file) -> the entity, or every problem found. */
  readonly parseRow: (raw: Readonly<Record<string, string>>, context: RowContext) => RowOutcome<E>;
  /** The table items that store the entity (keys from shared/keys.ts). */
  readonly items: (entity: E) => TableItem[];
  /** A later row with the same key is refused, naming the line of the first, in this column. */
  readonly duplicate: { readonly key: (entity: E) => string; readonly field: string };
  /** A provider URN the entity refers to, which should be one we hold (else a warning). */
  readonly providerReference?: (entity: E) => string | undefined;
}

interface KindDefinition<S extends z.ZodMiniType, E> extends Omit<ImportKindSpec<E>, 'parseRow'> {
  /** Validates and converts the raw cells; its issue paths are field names. */
  /** The row schema's builder: it is built when the first row of this kind is read, not at every cold start. */
  readonly schema: () => S;
  /** The parsed row -> the entity (`accept`), or a problem that needs more than one cell to see (`refuse`). */
  readonly toEntity: (row: z.output<S>, context: RowContext) => RowOutcome<E>;
}

export const accept = <E>(entity: E): RowOutcome<E> => ({ ok: true, entity });
export const refuse = (field: string, message: string): RowOutcome<never> => ({ ok: false, problems: [{ field, message }] });

/** One kind of import file, from its zod row schema and its entity mapping. */
export function defineKind<S extends z.ZodMiniType, E>(def: KindDefinition<S, E>): ImportKindSpec<E> {
  const { schema, toEntity, ...spec } = def;
  return {
    ...spec,
    parseRow: (raw, context) => {
      const parsed = schema().safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          problems: parsed.error.issues.map((i) => ({ field: i.path[0] === undefined ? undefined : String(i.path[0]), message: i.message })),
        };
      }
      return toEntity(parsed.data, context);
    },
  };
}
