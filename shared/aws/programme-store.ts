/**
 * Loads what prioritisation needs from the table, stores the policy in force, and stores a
 * programme (visits queryable by week, region, LA and target) with its reports in S3.
 * A programme whose digest equals the one in force is not written again.
 */
import { PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InspectionEvent, IntelligenceSignal, LaOutcome, Provider, TargetKind, Visit } from '../domain/types';
import { keys } from '../keys';
import { objectKeys, type ProgrammeFile } from '../object-keys';
import { defaultPolicy, parsePolicy, type Policy } from '../prioritise/policy';
import type { Programme, PrioritiseInputs } from '../prioritise/programme';
import { canonicalProgrammeJson, programmeDigest } from '../prioritise/programme';
import { renderProgrammeCsv, renderProgrammeHtml } from '../prioritise/render';
import { transparencyRecord } from '../prioritise/transparency';
import { BatchWriter } from './batch-write';
import { dynamoClient, s3Client } from './clients';
import { scanEntities } from './scan';
import { requireEnv } from './config';

type Item = Record<string, unknown>;
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'entity'];

function strip<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

export interface LoadedInputs {
  readonly inputs: PrioritiseInputs;
  readonly existingVisits: Visit[];
}

export async function loadPrioritiseInputs(): Promise<LoadedInputs> {
  const all = await scanEntities(['provider', 'inspection', 'la-outcome', 'signal', 'visit']);
  const existingVisits = (all.get('visit') ?? []).map((i) => strip<Visit & { visitedOn?: string }>(i));
  // Only visits that happened count for the burden rules, not ones merely planned.
  const previousVisits = existingVisits
    .filter((v) => v.status === 'findings-received' || v.status === 'published')
    .map((v) => ({ kind: v.kind as TargetKind, target: v.target, date: (v as { visitedOn?: string }).visitedOn ?? v.week }));
  return {
    inputs: {
      providers: (all.get('provider') ?? []).map((i) => strip<Provider>(i)),
      inspections: (all.get('inspection') ?? []).map((i) => strip<InspectionEvent>(i)),
      laOutcomes: (all.get('la-outcome') ?? []).map((i) => strip<LaOutcome>(i)),
      signals: (all.get('signal') ?? []).map((i) => strip<IntelligenceSignal>(i)),
      previousVisits,
    },
    existingVisits,
  };
}

// ---- Policy ---------------------------------------------------------------------------------

export class PolicyRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The policy was refused; the one in force stays. Problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyRefusedError';
  }
}

export async function policyInForce(): Promise<Policy> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.currentPolicy(), ConsistentRead: true }));
  if (!out.Item) return defaultPolicy();
  const parsed = parsePolicy(out.Item.policy);
  if (!parsed.ok) throw new Error(`The stored policy ${String(out.Item.version)} no longer validates: ${parsed.problems.join('; ')}`);
  return parsed.policy;
}

/** Validate and put a policy in force. A bad one is refused with every problem; the previous one stays. */
export async function setPolicy(document: unknown): Promise<Policy> {
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw new PolicyRefusedError(parsed.problems);
  const policy = parsed.policy;
  const TableName = requireEnv('tableName');
  const at = new Date().toISOString();
  await s3Client().send(
    new PutObjectCommand({ Bucket: requireEnv('importsBucket'), Key: objectKeys.policy(policy.version), Body: JSON.stringify(policy, null, 2), ContentType: 'application/json' }),
  );
  await dynamoClient().send(new PutCommand({ TableName, Item: { ...keys.policyVersion(policy.version), entity: 'policy', version: policy.version, policy, at } }));
  await dynamoClient().send(new PutCommand({ TableName, Item: { ...keys.currentPolicy(), entity: 'policy', version: policy.version, policy, at } }));
  return policy;
}

// ---- Programme ------------------------------------------------------------------------------

export interface CurrentProgramme {
  readonly programmeId: string;
  readonly digest: string;
  readonly computedAt: string;
}

export async function currentProgramme(): Promise<CurrentProgramme | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.currentProgramme(), ConsistentRead: true }));
  return out.Item ? (strip<CurrentProgramme>(out.Item) as CurrentProgramme) : undefined;
}

export async function readProgrammeJson(programmeId: string): Promise<Programme | undefined> {
  try {
    const obj = await s3Client().send(new GetObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: objectKeys.programmeFile(programmeId, 'programme.json') }));
    return JSON.parse(await obj.Body!.transformToString()) as Programme;
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
    throw err;
  }
}

/** The regional duty mailbox a visit's reminders go to. */
export function regionalInspectorMailbox(region: string): string {
  return `${region.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.inspectors@inspectorate.example.gov.uk`;
}

export interface StoreResult {
  readonly programmeId: string;
  readonly digest: string;
  readonly changed: boolean;
  readonly planned: number;
  readonly unplanned: number;
  readonly withdrawn: number;
}

export async function storeProgramme(programme: Programme, policy: Policy, existingVisits: readonly Visit[]): Promise<StoreResult> {
  const digest = programmeDigest(programme);
  const current = await currentProgramme();
  const summary = { programmeId: programme.programmeId, digest, planned: programme.planned.length, unplanned: programme.unplanned.length };
  if (current?.digest === digest) return { ...summary, changed: false, withdrawn: 0 };

  const TableName = requireEnv('tableName');
  const Bucket = requireEnv('reportsBucket');
  const s3 = s3Client();
  const canonical = canonicalProgrammeJson(programme);
  const html = renderProgrammeHtml(programme);
  const csv = renderProgrammeCsv(programme);
  const transparency = transparencyRecord(policy, programme);
  const files: [ProgrammeFile, string, string][] = [
    ['programme.json', canonical, 'application/json'],
    ['index.html', html, 'text/html; charset=utf-8'],
    ['programme.csv', csv, 'text/csv; charset=utf-8'],
    ['transparency.html', transparency, 'text/html; charset=utf-8'],
  ];
  await Promise.all(
    files.flatMap(([name, body, type]) =>
      [programme.programmeId, objectKeys.currentProgrammeFolder].map((folder) => s3.send(new PutObjectCommand({ Bucket, Key: objectKeys.programmeFile(folder, name), Body: body, ContentType: type }))),
    ),
  );

  const existing = new Map(existingVisits.map((v) => [v.visitId, v]));
  const writer = new BatchWriter(dynamoClient(), { tableName: TableName, concurrency: 16 });
  const inProgramme = new Set<string>();
  for (const p of programme.planned) {
    inProgramme.add(p.visitId);
    const before = existing.get(p.visitId);
    const status = before && before.status !== 'dropped' ? before.status : 'planned';
    const visit: Visit = {
      visitId: p.visitId,
      programmeId: programme.programmeId,
      kind: p.kind,
      target: p.target,
      targetName: p.targetName,
      provisionType: p.provisionType,
      localAuthority: p.localAuthority,
      region: p.region,
      week: p.week,
      noticeDate: p.noticeDate,
      inspector: regionalInspectorMailbox(p.region),
      score: p.score,
      reasons: p.reasons,
      status,
    };
    await writer.put({ ...before, ...keys.visit(p.visitId), ...keys.visitIndexes(visit), entity: 'visit', ...visit });
  }
  let withdrawn = 0;
  for (const v of existingVisits) {
    if (inProgramme.has(v.visitId) || v.status !== 'planned') continue;
    withdrawn++;
    // Out of the programme: kept for the record, off the week/region/LA/target indexes.
    await writer.put({ ...keys.visit(v.visitId), entity: 'visit', ...v, status: 'dropped' });
  }
  await writer.put({ ...keys.programme(programme.programmeId), entity: 'programme', ...summary, policyVersion: programme.policyVersion, seed: programme.seed });
  await writer.flush();
  await dynamoClient().send(new PutCommand({ TableName, Item: { ...keys.currentProgramme(), entity: 'programme', programmeId: programme.programmeId, digest, computedAt: new Date().toISOString() } }));
  return { ...summary, changed: true, withdrawn };
}
