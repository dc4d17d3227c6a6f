/**
 * One month of a scenario in billable quantities: each unit's measured usage times how many of it
 * the month brings, with Scans scaled to the table the month has, and what storage holds by then.
 */
import { buckets, type BucketId } from '../../infra/catalogue';
import { indexGrowth, type PublishedIndexGrowth } from './index-growth';
import type { MeasuredUnit } from './season';
import type { Scenario } from './scenarios';
import type { StackFacts } from './stack-facts';
import { STOCK_UNITS, type UnitId } from './units';
import { USAGE_NAMES as N, addTo, bytesPutByPrefix, scaleByActor, sumByActor, total, type UsageByActor } from './usage';

export const DAYS_PER_MONTH = 365.25 / 12;

export interface Month {
  /** Billable quantities in the month, per actor. */
  readonly usage: UsageByActor;
  /** Base table bytes held (what each Scan reads). */
  readonly tableBytes: number;
  /** Table and index bytes held, with DynamoDB's per-item overhead. */
  readonly storedBytes: number;
  /** S3 bytes held, by key prefix. */
  readonly s3BytesHeld: Record<string, number>;
  /** The published index in the storage month, when it is too big to serve. */
  readonly indexWarning?: string;
}

/** How many months of what a prefix receives are still held in month `storageMonth`. */
export function monthsHeld(prefix: string, facts: StackFacts, storageMonth: number): number {
  const bucket = (Object.keys(buckets) as BucketId[]).find((b) => (buckets[b].prefixes as readonly string[]).includes(prefix));
  const rules = bucket ? facts.buckets[bucket].expirationDays : {};
  const days = rules[prefix] ?? rules[''];
  return days === undefined ? storageMonth : Math.min(storageMonth, days / DAYS_PER_MONTH);
}

export function perUnit(m: MeasuredUnit): UsageByActor {
  return scaleByActor(m.usage, 1 / m.count);
}

/** Table bytes held in the scenario's storage month: snapshot rows once, everything else piled up month after month. */
function heldBytes(units: Record<UnitId, MeasuredUnit>, s: Scenario, name: string): number {
  let bytes = 0;
  for (const id of Object.keys(units) as UnitId[]) {
    const held = STOCK_UNITS.has(id) ? s.monthly[id] : s.monthly[id] * s.storageMonth;
    bytes += total(perUnit(units[id]), name) * held;
  }
  return bytes;
}

export function monthOf(units: Record<UnitId, MeasuredUnit>, s: Scenario, facts: StackFacts, index?: PublishedIndexGrowth): Month {
  const tableBytes = heldBytes(units, s, N.ddbTableBytes);
  let usage: UsageByActor = {};
  for (const id of Object.keys(units) as UnitId[]) {
    const m = units[id];
    const scaled = scaleByActor(perUnit(m), s.monthly[id]);
    // A Scan reads the whole table: in that month it reads the table held then, not the one measured.
    const grown = m.tableBytes > 0 ? tableBytes / m.tableBytes : 1;
    for (const u of Object.values(scaled)) {
      const reads = u[N.ddbScanReadUnits];
      if (reads !== undefined) u[N.ddbScanReadUnits] = reads * grown;
    }
    usage = sumByActor(usage, scaled);
  }
  const s3BytesHeld = Object.fromEntries(
    Object.entries(bytesPutByPrefix(usage)).map(([prefix, bytes]) => [prefix, bytes * monthsHeld(prefix, facts, s.storageMonth)]),
  );
  const growth = index ? indexGrowth(index, s) : undefined;
  if (growth) {
    usage.publicationWorker ??= {};
    addTo(usage.publicationWorker, N.ddbReadUnits, growth.readUnits);
    usage.publicSite ??= {};
    addTo(usage.publicSite, N.httpBytesOut, growth.bytesOut);
    addTo(usage.publicSite, N.httpRequests, growth.httpRequests);
    addTo(s3BytesHeld, 'reports/', growth.s3BytesHeld);
  }
  return { usage, tableBytes, storedBytes: heldBytes(units, s, N.ddbStoredBytes), s3BytesHeld, indexWarning: growth?.warning };
}
