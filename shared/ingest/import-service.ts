/**
 * One import, from an uploaded object to stored entities and an import report.
 * AWS I/O comes in through `ImportPorts`, so this runs the same in Lambda, locally and in tests.
 */
import type { ImportKind, ImportReport, Rejection } from '../domain/types';
import { ImportFileError, parseImport, type ImportEntity } from './parse-import';
import { entityItems } from './items';

export interface ImportPorts {
  /** Size of the object in bytes (HeadObject), checked before reading. */
  readonly size: number;
  /** ETag of the object: the snapshot id for provider files, and the idempotency key. */
  readonly etag: string;
  readonly read: () => AsyncIterable<Uint8Array>;
  readonly put: (item: Record<string, unknown>) => Promise<void>;
  readonly flush: () => Promise<void>;
  /** Mark providers not in this snapshot as closed; returns how many. */
  readonly closeProvidersAbsentFrom: (snapshotId: string) => Promise<number>;
  readonly maxBytes: number;
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

/** Listed rejections are capped so a report stays readable; the count is always exact. */
export const MAX_LISTED_REJECTIONS = 1_000;

export async function runImport(importId: string, key: string, ports: ImportPorts): Promise<ImportReport> {
  const started = ports.now();
  const startedAt = new Date(started).toISOString();
  const base = { importId, key, startedAt };
  const finish = (r: Omit<ImportReport, 'importId' | 'key' | 'startedAt' | 'durationMs'>): ImportReport => ({ ...base, ...r, durationMs: ports.now() - started });

  if (ports.size > ports.maxBytes) {
    return finish({
      kind: null,
      status: 'rejected',
      error: `The file is ${formatBytes(ports.size)}, over the ${formatBytes(ports.maxBytes)} limit for one import. Split it into smaller files and upload each.`,
      rows: 0,
      accepted: 0,
      rejected: [],
    });
  }

  let kind: ImportKind | null = null;
  let rows = 0;
  let accepted = 0;
  let rejectedCount = 0;
  const rejected: Rejection[] = [];
  const snapshotId = ports.etag;
  const progressEvery = ports.progressEveryRows ?? PROGRESS_EVERY_ROWS;
  try {
    for await (const ev of parseImport(ports.read(), { maxBytes: ports.maxBytes, snapshotId })) {
      if (ev.type === 'kind') {
        kind = ev.kind;
      } else if (ev.type === 'row') {
        rows++;
        accepted++;
        for (const item of entityItems(ev.entity as ImportEntity)) await ports.put(item);
      } else {
        rows++;
        rejectedCount++;
        if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push(ev.rejection);
      }
      if (ev.type !== 'kind' && rows % progressEvery === 0) ports.progress?.({ stage: 'rows', rows, accepted });
    }
    await ports.flush();
  } catch (err) {
    if (err instanceof ImportFileError) {
      return finish({ kind, status: 'rejected', error: err.message, rows, accepted: 0, rejected });
    }
    throw err;
  }

  if (accepted === 0) {
    return finish({
      kind,
      status: 'rejected',
      error: rows === 0 ? 'The file has a header but no data rows.' : `Every one of the ${rows} data rows was rejected: see the reasons below, fix them and upload the file again.`,
      rows,
      accepted,
      rejected,
    });
  }
  if (kind === 'providers') ports.progress?.({ stage: 'closing', rows, accepted });
  const closed = kind === 'providers' ? await ports.closeProvidersAbsentFrom(snapshotId) : undefined;
  const more = rejectedCount - rejected.length;
  return finish({
    kind,
    status: 'accepted',
    rows,
    accepted,
    rejected,
    ...(closed !== undefined ? { closed } : {}),
    ...(more > 0 ? { error: `${more} more rejected rows are not listed (only the first ${MAX_LISTED_REJECTIONS} are).` } : {}),
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A short human-readable version of the report, stored beside the JSON. */
export function reportText(r: ImportReport): string {
  const lines = [
    `Import of ${r.key}`,
    `Kind: ${r.kind ?? 'not recognised'}`,
    `Outcome: ${r.status === 'accepted' ? 'accepted' : 'REJECTED'}`,
    ...(r.error ? [`Note: ${r.error}`] : []),
    `Data rows read: ${r.rows}`,
    `Accepted: ${r.accepted}`,
    `Rejected: ${r.rows - r.accepted}`,
    ...(r.closed !== undefined ? [`Providers marked closed (absent from this snapshot): ${r.closed}`] : []),
    `Took: ${(r.durationMs / 1000).toFixed(1)} s (started ${r.startedAt})`,
  ];
  if (r.rejected.length) {
    lines.push('', 'Rejected rows:');
    for (const x of r.rejected) lines.push(`  line ${x.line}${x.column ? `, column "${x.column}"` : ''}: ${x.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
