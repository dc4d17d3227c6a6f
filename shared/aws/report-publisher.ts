/**
 * Publishing one findings version: render the report (HTML and PDF) to stable keys, record the
 * published version, regenerate the public index, and queue one notification per matching
 * commissioner. Every step is idempotent, so a repeat event republishes the same bytes and queues
 * messages whose emails the mailer sends at most once.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { prefixes } from '../../infra/catalogue';
import type { Commissioner, IntelligenceSignal, LaOutcome, Provider, Visit } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import { keys } from '../keys';
import { matchesCommissioner } from '../notify/matching';
import { renderPublishedIndex, type PublishedReport } from '../reports/published-index';
import { buildReportModel, reportKey, type ReportModel } from '../reports/report-model';
import { renderReportHtml } from '../reports/render-html';
import { renderReportPdf } from '../reports/render-pdf';
import { dynamoClient, s3Client, sqsClient } from './clients';
import { requireEnv } from './config';
import { getFindingsVersion, getVisit } from './findings-store';
import { scanEntities } from './scan';

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
  const signals = await ddb.send(
    new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': partition, ':sk': 'SIGNAL#' } }),
  );
  const provider = visit.kind === 'provider' ? ((await ddb.send(new GetCommand({ TableName, Key: keys.provider(visit.target) }))).Item as Provider | undefined) : undefined;
  const laOutcome = (await ddb.send(new GetCommand({ TableName, Key: keys.laOutcome(visit.localAuthority) }))).Item as LaOutcome | undefined;
  return { provider, laOutcome, signals: (signals.Items ?? []) as IntelligenceSignal[] };
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
  const items: PublishedReport[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: requireEnv('tableName'),
        IndexName: 'gsi1',
        KeyConditionExpression: since ? 'gsi1pk = :p AND gsi1sk >= :since' : 'gsi1pk = :p',
        ExpressionAttributeValues: since ? { ':p': 'PUBLISHED', ':since': since } : { ':p': 'PUBLISHED' },
        ScanIndexForward: false,
        ExclusiveStartKey,
      }),
    );
    items.push(...((page.Items ?? []) as PublishedReport[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
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

export async function publishFindingsVersion(visitId: string, version: number): Promise<{ report: PublishedReport; queued: number }> {
  const { visit, findings, model } = await loadReportModel(visitId, version);
  const Bucket = requireEnv('reportsBucket');
  const s3 = s3Client();
  const htmlKey = reportKey(model, version, 'html');
  const pdfKey = reportKey(model, version, 'pdf');
  const [htmlBody, pdf] = [renderReportHtml(model), await renderReportPdf(model)];
  await Promise.all([
    s3.send(new PutObjectCommand({ Bucket, Key: htmlKey, Body: htmlBody, ContentType: 'text/html; charset=utf-8' })),
    s3.send(new PutObjectCommand({ Bucket, Key: pdfKey, Body: pdf, ContentType: 'application/pdf' })),
  ]);

  const report: PublishedReport = {
    visitId,
    version,
    title: model.title,
    targetName: visit.targetName,
    urn: visit.kind === 'provider' ? visit.target : undefined,
    localAuthority: visit.localAuthority,
    region: visit.region,
    publishedAt: findings.receivedAt,
    htmlKey,
    pdfKey,
    seriousConcerns: findings.findings.seriousConcerns,
    goingWellCount: findings.findings.goingWell.length,
    needsToImproveCount: findings.findings.needsToImprove.length,
  };
  const TableName = requireEnv('tableName');
  await dynamoClient().send(
    new PutCommand({
      TableName,
      Item: { ...keys.reportVersion(visitId, version), ...keys.reportIndexes({ publishedAt: report.publishedAt, localAuthority: report.localAuthority, visitId, version }), entity: 'report', ...report },
    }),
  );
  await dynamoClient().send(
    new UpdateCommand({
      TableName,
      Key: keys.visit(visitId),
      UpdateExpression: 'SET #s = :published, latestPublishedVersion = :v',
      ConditionExpression: 'attribute_not_exists(latestPublishedVersion) OR latestPublishedVersion <= :v',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':published': 'published', ':v': version },
    }),
  ).catch((err: { name?: string }) => {
    if (err.name !== 'ConditionalCheckFailedException') throw err;
  });

  await regenerateIndex();
  const queued = await queueNotifications(visit, report);
  return { report, queued };
}

/** The public index lists the newest version of each visit's report. */
export async function regenerateIndex(): Promise<void> {
  const all = await listPublishedReports();
  const newest = new Map<string, PublishedReport>();
  for (const r of all) {
    const seen = newest.get(r.visitId);
    if (!seen || seen.version < r.version) newest.set(r.visitId, r);
  }
  const entries = [...newest.values()].map((r) => ({ ...r, htmlKey: r.htmlKey.slice(prefixes.reports.length), pdfKey: r.pdfKey.slice(prefixes.reports.length) }));
  await s3Client().send(
    new PutObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: `${prefixes.reports}index.html`, Body: renderPublishedIndex(entries), ContentType: 'text/html; charset=utf-8' }),
  );
}

export async function listCommissioners(): Promise<Commissioner[]> {
  return ((await scanEntities(['commissioner'], 2)).get('commissioner') ?? []) as unknown as Commissioner[];
}

async function queueNotifications(visit: Visit, report: PublishedReport): Promise<number> {
  const commissioners = (await listCommissioners()).filter((c) => matchesCommissioner(c, { localAuthority: visit.localAuthority, region: visit.region, urn: report.urn }));
  const QueueUrl = requireEnv('notifyQueueUrl');
  for (let i = 0; i < commissioners.length; i += 10) {
    const batch = commissioners.slice(i, i + 10);
    const out = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: batch.map((c, j) => ({ Id: String(j), MessageBody: JSON.stringify({ visitId: visit.visitId, version: report.version, commissionerId: c.commissionerId } satisfies NotifyMessage) })),
      }),
    );
    if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} notification messages: ${out.Failed.map((f) => f.Message).join('; ')}`);
  }
  return commissioners.length;
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
