/**
 * The import report: what became of one uploaded file, written beside it as JSON and text, and
 * printed by `npm run import`. Its JSON is a checked interface: fields are added, never renamed.
 */
import * as z from 'zod/mini';
import '../zod-english';
import { IMPORT_KIND_NAMES, type ImportKind } from './kinds';

type IsoDate = string;
type IsoInstant = string;

/** One rejected row, or one row accepted with a warning. */
export interface Rejection {
  /** 1-based line number in the file as uploaded (header rows count). */
  readonly line: number;
  /** The column the problem is in, by its name in the file; absent for whole-row problems. */
  readonly column?: string;
  readonly reason: string;
}

/**
 * - `accepted`: every data row was stored;
 * - `accepted with rejections`: the valid rows were stored, some rows were rejected (listed);
 * - `held`: a provider snapshot the guard stopped (see `held`): nothing it would close is closed;
 * - `rejected`: the file could not be read at all (see `error`); nothing was stored.
 */
export type ImportStatus = 'accepted' | 'accepted with rejections' | 'held' | 'rejected';

/** Why a provider snapshot was held, and how to apply it anyway. */
export interface HeldSnapshot {
  /** `closures`: it would close too many open providers; `older`: it is dated before the latest applied. */
  readonly reason: 'closures' | 'older';
  /** Open providers the snapshot leaves out (they would be marked closed). */
  readonly wouldClose?: number;
  /** Open providers once its rows are written: those it lists and those it leaves out. */
  readonly openProviders?: number;
  /** The policy's limit (imports.maxClosureShare), as a share of the open providers. */
  readonly maxClosureShare?: number;
  /** The date of the latest provider snapshot applied, when this one is older. */
  readonly latestAsAt?: IsoDate;
  /** How to apply it anyway: a sentence with the command and the confirmation object's key. */
  readonly confirm: string;
}

export interface ImportReport {
  readonly importId: string;
  readonly key: string;
  /** null when the file could not be recognised at all. */
  readonly kind: ImportKind | null;
  readonly status: ImportStatus;
  /** Whole-file problem when status is rejected; a note otherwise (e.g. rejections not listed). */
  readonly error?: string;
  /** Data rows read (header rows excluded). */
  readonly rows: number;
  /** Data rows stored. */
  readonly accepted: number;
  readonly rejected: readonly Rejection[];
  /** Rows stored with something to check, e.g. a signal for a URN no provider file has listed. */
  readonly warnings: readonly Rejection[];
  /** Providers marked closed because this full snapshot left them out. */
  readonly closed?: number;
  /** The date the snapshot is "as at", from the file name or a row above the header. */
  readonly asAt?: IsoDate;
  readonly held?: HeldSnapshot;
  readonly startedAt: IsoInstant;
  readonly durationMs: number;
}

const OUTCOME: Record<ImportStatus, string> = {
  accepted: 'accepted',
  'accepted with rejections': 'accepted with rejections (the valid rows were stored)',
  held: 'HELD (not applied: see below)',
  rejected: 'REJECTED',
};

function rowLines(title: string, list: readonly Rejection[]): string[] {
  if (!list.length) return [];
  return ['', title, ...list.map((x) => `  line ${x.line}${x.column ? `, column "${x.column}"` : ''}: ${x.reason}`)];
}

function heldLines(h: HeldSnapshot | undefined): string[] {
  if (!h) return [];
  const why =
    h.reason === 'closures'
      ? `it would mark ${h.wouldClose} of ${h.openProviders} open providers closed, more than the policy allows (${Math.round((h.maxClosureShare ?? 0) * 100)}%). The providers it lists were updated; none was closed.`
      : `it is dated before the latest provider snapshot applied (${h.latestAsAt}). Nothing was written.`;
  return ['', `Held: ${why}`, `To apply it anyway: ${h.confirm}`];
}

/** A short human-readable version of the report, stored beside the JSON. */
export function reportText(r: ImportReport): string {
  const lines = [
    `Import of ${r.key}`,
    `Kind: ${r.kind ?? 'not recognised'}`,
    `Outcome: ${OUTCOME[r.status]}`,
    ...(r.error ? [`Note: ${r.error}`] : []),
    ...(r.asAt ? [`Snapshot as at: ${r.asAt}`] : []),
    `Data rows read: ${r.rows}`,
    `Accepted: ${r.accepted}`,
    `Rejected: ${r.rows - r.accepted}`,
    ...(r.warnings.length ? [`Warnings: ${r.warnings.length}`] : []),
    ...(r.closed !== undefined ? [`Providers marked closed (absent from this snapshot): ${r.closed}`] : []),
    `Took: ${(r.durationMs / 1000).toFixed(1)} s (started ${r.startedAt})`,
    ...heldLines(r.held),
    ...rowLines('Rejected rows:', r.rejected),
    ...rowLines('Accepted with a warning:', r.warnings),
  ];
  return `${lines.join('\n')}\n`;
}

const rejection = z.object({ line: z.number(), column: z.optional(z.string()), reason: z.string() });

const reportSchema = z.object({
  importId: z.string(),
  key: z.string(),
  kind: z.nullable(z.enum(IMPORT_KIND_NAMES)),
  status: z.enum(['accepted', 'accepted with rejections', 'held', 'rejected']),
  error: z.optional(z.string()),
  rows: z.number(),
  accepted: z.number(),
  rejected: z.array(rejection),
  // Reports written before warnings existed have none.
  warnings: z._default(z.array(rejection), []),
  closed: z.optional(z.number()),
  asAt: z.optional(z.string()),
  held: z.optional(
    z.object({
      reason: z.enum(['closures', 'older']),
      wouldClose: z.optional(z.number()),
      openProviders: z.optional(z.number()),
      maxClosureShare: z.optional(z.number()),
      latestAsAt: z.optional(z.string()),
      confirm: z.string(),
    }),
  ),
  startedAt: z.string(),
  durationMs: z.number(),
});

/** A stored report (JSON or a DynamoDB attribute) read back, checked; undefined when it is not one. */
export function parseImportReport(value: unknown): ImportReport | undefined {
  const parsed = reportSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
