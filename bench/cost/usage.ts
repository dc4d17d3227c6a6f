/**
 * Billable usage, counted per actor: a Lambda function (its catalogue id) or someone outside AWS
 * (ops uploading a file, an inspector's browser, a reader of the public site).
 * A usage is a bag of named quantities; the names below are every quantity the meter counts.
 */

/** Quantities the meter counts. `s3.bytesPut:<prefix>` is one per key prefix (imports/, reports/ ...). */
export const USAGE_NAMES = {
  lambdaInvocations: 'lambda.invocations',
  /** Billed milliseconds: each invocation's duration rounded up to a whole millisecond. */
  lambdaMs: 'lambda.ms',
  httpRequests: 'http.requests',
  httpBytesOut: 'http.bytesOut',
  ddbRequests: 'ddb.requests',
  ddbReadUnits: 'ddb.readUnits',
  /** Read units of Scans: a Scan reads the whole table, so these grow with the table. */
  ddbScanReadUnits: 'ddb.scanReadUnits',
  ddbWriteUnits: 'ddb.writeUnits',
  /** Units of TransactWriteItems as the emulator reports them (one per KB per item: DynamoDB bills twice that). */
  ddbTransactWriteUnits: 'ddb.transactWriteUnits',
  ddbTransactReadUnits: 'ddb.transactReadUnits',
  /** Growth of the table and its indexes, with DynamoDB's 100 bytes of overhead per item and index entry. */
  ddbStoredBytes: 'ddb.storedBytes',
  /** Growth of the base table alone (what a Scan reads). */
  ddbTableBytes: 'ddb.tableBytes',
  s3Tier1: 's3.tier1',
  s3Tier2: 's3.tier2',
  sesMessages: 'ses.messages',
  sesBytes: 'ses.bytes',
  eventEntries: 'events.entries',
  sqsRequests: 'sqs.requests',
  sqsMessages: 'sqs.messages',
  secretCalls: 'secrets.calls',
  logBytes: 'logs.bytes',
  logLines: 'logs.lines',
} as const;

export const S3_BYTES_PUT = 's3.bytesPut:';

export type Usage = Record<string, number>;
/** Usage per actor: a FunctionId, or 'ops' | 'inspector' | 'public' for calls made outside Lambda. */
export type UsageByActor = Record<string, Usage>;

export function addTo(target: Usage, name: string, amount: number): void {
  if (amount === 0 || !Number.isFinite(amount)) return;
  target[name] = (target[name] ?? 0) + amount;
}

export function sumUsage(...usages: readonly Usage[]): Usage {
  const out: Usage = {};
  for (const u of usages) for (const [k, v] of Object.entries(u)) addTo(out, k, v);
  return out;
}

export function scaleUsage(u: Usage, factor: number): Usage {
  const out: Usage = {};
  for (const [k, v] of Object.entries(u)) addTo(out, k, v * factor);
  return out;
}

export function sumByActor(...all: readonly UsageByActor[]): UsageByActor {
  const out: UsageByActor = {};
  for (const byActor of all) for (const [actor, u] of Object.entries(byActor)) out[actor] = sumUsage(out[actor] ?? {}, u);
  return out;
}

export function scaleByActor(u: UsageByActor, factor: number): UsageByActor {
  return Object.fromEntries(Object.entries(u).map(([actor, usage]) => [actor, scaleUsage(usage, factor)]));
}

/** `a - b`, actor by actor, never below zero (a difference of two measured phases). */
export function subtractByActor(a: UsageByActor, b: UsageByActor): UsageByActor {
  const out: UsageByActor = {};
  for (const [actor, usage] of Object.entries(a)) {
    const rest: Usage = {};
    for (const [k, v] of Object.entries(usage)) addTo(rest, k, Math.max(0, v - (b[actor]?.[k] ?? 0)));
    out[actor] = rest;
  }
  return out;
}

/** One quantity summed over every actor. */
export function total(u: UsageByActor, name: string): number {
  return Object.values(u).reduce((n, usage) => n + (usage[name] ?? 0), 0);
}

/** Bytes put under each S3 key prefix, over every actor. */
export function bytesPutByPrefix(u: UsageByActor): Record<string, number> {
  const out: Record<string, number> = {};
  for (const usage of Object.values(u)) for (const [k, v] of Object.entries(usage)) if (k.startsWith(S3_BYTES_PUT)) addTo(out, k.slice(S3_BYTES_PUT.length), v);
  return out;
}
