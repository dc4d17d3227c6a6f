/**
 * Reading what publishing wrote: published report records, the data a report is built from, the
 * commissioners, and report objects. Kept apart from the publisher so that the functions that only
 * read (public site, notifier, digests) do not bundle the HTML and PDF renderers.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Commissioner, IntelligenceSignal, LaOutcome, Provider, Visit } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import { keys } from '../keys';
import type { PublishedReport } from '../reports/published-index';
import { buildReportModel, type ReportModel } from '../reports/report-model';
import { dynamoClient, s3Client } from './clients';
import { requireEnv } from './config';
import { getFindingsVersion, getVisit } from './findings-store';
import { queryAll, scanEntities } from './scan';

export type { PublishedReport };

/** The message the render function queues for the notify function. */
export interface NotifyMessage {
  readonly visitId: string;
  readonly version: number;
  readonly commissionerId: string;
}

const RECENT_CONCERN_DAYS = 365;

async function loadContext(visit: Visit): Promise<{ provider?: Provider; laOutcome?: LaOutcome; signals: IntelligenceSignal[] }> {
  const ddb = dynamoClient();
  const TableName = requireEnv('tableName');
  const partition = visit.kind === 'provider' ? keys.provider(visit.target).pk : keys.laOutcome(visit.target).pk;
  const signals = await queryAll<IntelligenceSignal>({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': partition, ':sk': 'SIGNAL#' } });
  const provider = visit.kind === 'provider' ? ((await ddb.send(new GetCommand({ TableName, Key: keys.provider(visit.target) }))).Item as Provider | undefined) : undefined;
  const laOutcome = (await ddb.send(new GetCommand({ TableName, Key: keys.laOutcome(visit.localAuthority) }))).Item as LaOutcome | undefined;
  return { provider, laOutcome, signals };
}

function recentConcerns(signals: IntelligenceSignal[], before: string): { type: string; date: string; summary?: string }[] {
  const from = new Date(Date.parse(`${before}T00:00:00Z`) - RECENT_CONCERN_DAYS * 86_400_000).toISOString().slice(0, 10);
  return signals
    .filter((s) => s.date >= from && s.date <= before)
    .sort((a, b) => b.date.localeCompare(a.date) || a.signalId.localeCompare(b.signalId))
    .map((s) => ({ type: s.type, date: s.date, summary: s.summary }));
}

export async function getPublishedReport(visitId: string, version: number): Promise<PublishedReport | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.reportVersion(visitId, version) }));
  return out.Item as PublishedReport | undefined;
}

export async function listPublishedReports(since?: string): Promise<PublishedReport[]> {
  return queryAll<PublishedReport>({
    IndexName: 'gsi1',
    KeyConditionExpression: since ? 'gsi1pk = :p AND gsi1sk >= :since' : 'gsi1pk = :p',
    ExpressionAttributeValues: since ? { ':p': 'PUBLISHED', ':since': since } : { ':p': 'PUBLISHED' },
    ScanIndexForward: false,
  });
}

export async function loadReportModel(visitId: string, version: number): Promise<{ visit: Visit; findings: FindingsVersion; model: ReportModel }> {
  const visit = await getVisit(visitId);
  if (!visit) throw new Error(`Visit ${visitId} not found`);
  const findings = await getFindingsVersion(visitId, version);
  if (!findings) throw new Error(`Findings version ${version} of visit ${visitId} not found`);
  const context = await loadContext(visit);
  // The findings' receipt time is the publication time: a repeat render gives the same report.
  const model = buildReportModel({
    visit,
    findings,
    provider: context.provider,
    laOutcome: context.laOutcome,
    recentConcerns: recentConcerns(context.signals, findings.findings.visitStartDate),
    publishedAt: findings.receivedAt,
  });
  return { visit, findings, model };
}

export async function listCommissioners(): Promise<Commissioner[]> {
  return ((await scanEntities(['commissioner'], 2)).get('commissioner') ?? []) as unknown as Commissioner[];
}

export async function readReportObject(key: string): Promise<Uint8Array | undefined> {
  try {
    const obj = await s3Client().send(new GetObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: key }));
    return await obj.Body!.transformToByteArray();
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
    throw err;
  }
}
