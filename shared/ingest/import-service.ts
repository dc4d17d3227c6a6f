/**
 * One import, from an uploaded object to stored entities and an import report.
 * AWS I/O comes in through `ImportPorts`, so this runs the same in Lambda, locally and in tests.
 */
import { ImportFileError, parseImport, type ImportEvent } from './parse-import';
import { entityItems, providerReferenceOf, type ImportEntity, type ImportKind } from './kinds';
import type { TableItem } from './kind-spec';
import type { HeldSnapshot, ImportReport, ImportStatus, Rejection } from './report';
import { closuresHold, olderHold, snapshotDateFromName, type GuardPolicy } from './snapshot-guard';

export { reportText } from './report';

export interface ImportLimits {
  /** Largest file, in bytes. */
  readonly maxBytes: number;
  /** Longest row, in characters. */
  readonly maxRowChars: number;
}

/** The provider snapshots already applied, and closing the providers a new one leaves out. */
export interface SnapshotStore {
  /** Open providers listed by a snapshot other than this one: those it would close. */
  readonly countAbsent: (snapshotId: string) => Promise<number>;
  /** Mark them closed (never deleted); returns how many. */
  readonly closeAbsent: (snapshotId: string) => Promise<number>;
  /** The latest "as at" date of a snapshot applied, when one had a date. */
  readonly latestAsAt: () => Promise<string | undefined>;
  /** Remember an applied snapshot's date (the latest stays the latest). */
  readonly recordApplied: (asAt: string) => Promise<void>;
}

export interface ImportPorts {
  /** Size of the object in bytes (HeadObject), checked before reading. */
  readonly size: number;
  /** ETag of the object: the snapshot id for provider files. */
  readonly etag: string;
  /** The uploaded file's name: a provider snapshot's date may be in it. */
  readonly fileName: string;
  readonly read: () => AsyncIterable<Uint8Array>;
  readonly put: (item: TableItem) => Promise<void>;
  readonly flush: () => Promise<void>;
  readonly snapshots: SnapshotStore;
  /** Which of these provider URNs we hold (looked up in batches of up to `REFERENCE_BATCH`). */
  readonly knownProviders: (urns: readonly string[]) => Promise<ReadonlySet<string>>;
  readonly limits: ImportLimits;
  readonly guard: GuardPolicy;
  readonly now: () => number;
  /** Told every `progressEveryRows` data rows and once before closing absent providers (a long import is not silent). */
  readonly progress?: (p: ImportProgress) => void;
  readonly progressEveryRows?: number;
}

export interface ImportProgress {
  readonly stage: 'rows' | 'closing';
  readonly rows: number;
  readonly accepted: number;
}

const PROGRESS_EVERY_ROWS = 100_000;
/** URNs looked up at once (BatchGetItem takes 100 keys). */
export const REFERENCE_BATCH = 100;
const MAX_REMEMBERED_URNS = 100_000;
/** Listed rejections and warnings are capped so a report stays readable; the counts are exact. */
export const MAX_LISTED_REJECTIONS = 1_000;

/** Rows that refer to a provider: checked in batches, and a warning for each URN we do not hold. */
class ReferenceCheck {
  private readonly pending = new Map<string, number[]>();
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly lookup: ImportPorts['knownProviders'],
    private readonly warn: (w: Rejection) => void,
  ) {}

  async add(urn: string, line: number, column: string): Promise<void> {
    const seen = this.known.get(urn);
    if (seen === false) this.warn(unknownUrn(urn, line, column));
    if (seen !== undefined) return;
    this.pending.set(urn, [...(this.pending.get(urn) ?? []), line]);
    if (this.pending.size >= REFERENCE_BATCH) await this.resolve(column);
  }

  async resolve(column: string): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    const held = await this.lookup(batch.map(([urn]) => urn));
    // Remembered so a URN on many rows is looked up once; bounded for files of a million URNs.
    if (this.known.size > MAX_REMEMBERED_URNS) this.known.clear();
    for (const [urn, lines] of batch) {
      this.known.set(urn, held.has(urn));
      if (!held.has(urn)) for (const line of lines) this.warn(unknownUrn(urn, line, column));
    }
  }
}

function unknownUrn(urn: string, line: number, column: string): Rejection {
  return { line, column, reason: `${urn} is not a provider we hold: the row was stored, but check the URN (or import the provider file that lists it).` };
}

/** Counts and lists of one import as it runs. */
class Tally {
  kind: ImportKind | null = null;
  asAt: string | undefined;
  rows = 0;
  accepted = 0;
  rejectedCount = 0;
  warningCount = 0;
  readonly rejected: Rejection[] = [];
  readonly warnings: Rejection[] = [];

  reject(r: Rejection): void {
    this.rows++;
    if (++this.rejectedCount <= MAX_LISTED_REJECTIONS) this.rejected.push(r);
  }

  warn(w: Rejection): void {
    if (++this.warningCount <= MAX_LISTED_REJECTIONS) this.warnings.push(w);
  }

  /** Says which lists were cut short. */
  note(): string | undefined {
    const cut = [
      this.rejectedCount > this.rejected.length ? `${this.rejectedCount - this.rejected.length} more rejected rows` : '',
      this.warningCount > this.warnings.length ? `${this.warningCount - this.warnings.length} more warnings` : '',
    ].filter(Boolean);
    return cut.length ? `${cut.join(' and ')} are not listed (only the first ${MAX_LISTED_REJECTIONS} of each are).` : undefined;
  }
}

type ReadOutcome = { readonly held?: HeldSnapshot };

async function storeRow(row: ImportEntity, line: number, ports: ImportPorts, tally: Tally, refs: ReferenceCheck, column: string | undefined): Promise<void> {
  tally.rows++;
  tally.accepted++;
  for (const item of entityItems(row)) await ports.put(item);
  const urn = providerReferenceOf(row);
  if (urn && column) await refs.add(urn, line, column);
}

/** On the header: a provider snapshot dated before the latest applied is held before anything is written. */
async function onKind(ev: Extract<ImportEvent, { type: 'kind' }>, ports: ImportPorts, tally: Tally): Promise<HeldSnapshot | undefined> {
  tally.kind = ev.kind;
  if (ev.kind !== 'providers') return undefined;
  tally.asAt = ev.asAt ?? snapshotDateFromName(ports.fileName);
  return tally.asAt ? olderHold(tally.asAt, await ports.snapshots.latestAsAt(), ports.guard) : undefined;
}

async function readRows(ports: ImportPorts, tally: Tally): Promise<ReadOutcome> {
  const refs = new ReferenceCheck(ports.knownProviders, (w) => tally.warn(w));
  const every = ports.progressEveryRows ?? PROGRESS_EVERY_ROWS;
  let referenceColumn: string | undefined;
  for await (const ev of parseImport(ports.read(), { ...ports.limits, snapshotId: ports.etag })) {
    if (ev.type === 'kind') {
      const held = await onKind(ev, ports, tally);
      if (held) return { held };
      referenceColumn = ev.referenceColumn;
      continue;
    }
    if (ev.type === 'row') await storeRow(ev.row, ev.line, ports, tally, refs, referenceColumn);
    else tally.reject(ev.rejection);
    if (tally.rows % every === 0) ports.progress?.({ stage: 'rows', rows: tally.rows, accepted: tally.accepted });
  }
  await ports.flush();
  await refs.resolve(referenceColumn ?? '');
  return {};
}

/** Close the providers a snapshot leaves out, unless there are too many of them (then it is held). */
async function applySnapshot(ports: ImportPorts, tally: Tally): Promise<{ closed?: number; held?: HeldSnapshot }> {
  ports.progress?.({ stage: 'closing', rows: tally.rows, accepted: tally.accepted });
  const wouldClose = await ports.snapshots.countAbsent(ports.etag);
  const held = closuresHold({ wouldClose, openProviders: tally.accepted + wouldClose }, ports.guard);
  if (held) return { held };
  const closed = await ports.snapshots.closeAbsent(ports.etag);
  if (tally.asAt) await ports.snapshots.recordApplied(tally.asAt);
  return { closed };
}

export async function runImport(importId: string, key: string, ports: ImportPorts): Promise<ImportReport> {
  const started = ports.now();
  const tally = new Tally();
  const finish = (status: ImportStatus, extra: Partial<ImportReport> = {}): ImportReport => ({
    importId,
    key,
    kind: tally.kind,
    status,
    ...(tally.note() ? { error: tally.note() } : {}),
    rows: tally.rows,
    accepted: tally.accepted,
    rejected: tally.rejected,
    warnings: tally.warnings,
    ...(tally.asAt ? { asAt: tally.asAt } : {}),
    ...extra,
    startedAt: new Date(started).toISOString(),
    durationMs: ports.now() - started,
  });

  if (ports.size > ports.limits.maxBytes) {
    return finish('rejected', {
      error: `The file is ${formatBytes(ports.size)}, over the ${formatBytes(ports.limits.maxBytes)} limit for one import. Split it into smaller files and upload each.`,
    });
  }
  let read: ReadOutcome;
  try {
    read = await readRows(ports, tally);
  } catch (err) {
    if (err instanceof ImportFileError) return finish('rejected', { error: err.message, accepted: 0 });
    throw err;
  }
  if (read.held) return finish('held', { held: read.held });
  if (tally.accepted === 0) {
    const error =
      tally.rows === 0
        ? 'The file has a header but no data rows.'
        : `Every one of the ${tally.rows} data rows was rejected: see the reasons below, fix them and upload the file again.`;
    return finish('rejected', { error });
  }
  const snapshot = tally.kind === 'providers' ? await applySnapshot(ports, tally) : {};
  if (snapshot.held) return finish('held', { held: snapshot.held });
  return finish(tally.rejectedCount > 0 ? 'accepted with rejections' : 'accepted', snapshot.closed === undefined ? {} : { closed: snapshot.closed });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
