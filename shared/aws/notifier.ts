/** Emails for commissioners (a published report, the weekly digest) and reminders for inspectors. */
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { limits } from '../../infra/catalogue';
import type { Commissioner } from '../domain/types';
import { composeReportEmail } from '../email/report-email';
import { keys } from '../keys';
import { createUnsubscribeToken, unsubscribeUrl } from '../notify/unsubscribe-token';
import { dynamoClient, s3Client } from './clients';
import { requireEnv } from './config';
import { loadLinkSecret } from './link-secret';
import { sendOnce, type SendOutcome } from './mailer';
import { loadReportModel, getPublishedReport, type NotifyMessage } from './report-store';

export async function getCommissioner(commissionerId: string): Promise<Commissioner | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.commissioner(commissionerId) }));
  return out.Item as Commissioner | undefined;
}

/** A pre-signed GET link to a stored report, valid for limits.reportLinkLifetimeSeconds (7 days). */
export async function reportLink(key: string): Promise<string> {
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: key }), { expiresIn: limits.reportLinkLifetimeSeconds });
}

export async function unsubscribeLinkFor(email: string): Promise<string> {
  return unsubscribeUrl(requireEnv('webBaseUrl'), createUnsubscribeToken(await loadLinkSecret(), email));
}

export async function notifyCommissioner(message: NotifyMessage): Promise<SendOutcome | 'no-commissioner'> {
  const commissioner = await getCommissioner(message.commissionerId);
  if (!commissioner) return 'no-commissioner';
  const report = await getPublishedReport(message.visitId, message.version);
  if (!report) throw new Error(`Report ${message.visitId} v${message.version} is not published yet`);
  const { model } = await loadReportModel(message.visitId, message.version);
  const Bucket = requireEnv('reportsBucket');
  const head = await s3Client().send(new HeadObjectCommand({ Bucket, Key: report.pdfKey }));
  const pdf =
    (head.ContentLength ?? Infinity) <= limits.emailAttachmentMaxBytes
      ? Buffer.from(await (await s3Client().send(new GetObjectCommand({ Bucket, Key: report.pdfKey }))).Body!.transformToByteArray())
      : undefined;
  const email = await composeReportEmail({
    commissioner,
    model,
    reportUrl: await reportLink(report.htmlKey),
    unsubscribeUrl: await unsubscribeLinkFor(commissioner.email),
    pdf,
    sender: requireEnv('senderEmail'),
  });
  return sendOnce(`REPORT#${message.visitId}#v${message.version}#${commissioner.email.toLowerCase()}`, commissioner.email, email.raw);
}
