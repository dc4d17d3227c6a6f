/**
 * Publishing one findings version: render the report (HTML and PDF) to stable keys, record the
 * published version, regenerate the public index, and queue one notification per matching
 * commissioner. Every step is idempotent, so a repeat event republishes the same bytes and queues
 * messages whose emails the mailer sends at most once.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '../domain/types';
import { keys } from '../keys';
import { objectKeys } from '../object-keys';
import { matchesCommissioner } from '../notify/matching';
import { renderPublishedIndex, type PublishedReport } from '../reports/published-index';
import { reportKey } from '../reports/report-model';
import { renderReportHtml } from '../reports/render-html';
import { renderReportPdf } from '../reports/render-pdf';
import { dynamoClient, s3Client, sqsClient } from './clients';
import { requireEnv } from './config';
import { listCommissioners, listPublishedReports, loadReportModel, type NotifyMessage } from './report-store';

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
  const entries = [...newest.values()].map((r) => ({ ...r, htmlKey: objectKeys.reportPath(r.htmlKey), pdfKey: objectKeys.reportPath(r.pdfKey) }));
  await s3Client().send(
    new PutObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: objectKeys.reportsIndex, Body: renderPublishedIndex(entries), ContentType: 'text/html; charset=utf-8' }),
  );
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
