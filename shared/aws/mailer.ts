/**
 * Sending email through SES exactly once per (message purpose, recipient):
 * 1. honour the suppression list (bounces, complaints, unsubscribes);
 * 2. claim the send with a conditional write (a lease, so a crashed attempt can be taken over);
 * 3. send it with SESv2 as Simple content (SES writes the MIME: parts, headers, attachments);
 * 4. mark the claim sent.
 * A repeat delivery finds the claim 'sent' and sends nothing. SES throttling and transient errors
 * are thrown back, so the queue retries with backoff; the claim's lease lets the retry proceed.
 */
import { SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ComposedEmail } from '../email/compose';
import { keys } from '../keys';
import { sesClient, dynamoClient } from './clients';
import { optionalEnv, requireEnv } from './config';
import { isSuppressed } from './suppression';

export type SendOutcome = 'sent' | 'already-sent' | 'suppressed';

const LEASE_SECONDS = 120;

export class SendInProgressError extends Error {
  constructor(dedupeKey: string) {
    super(`Another attempt is sending ${dedupeKey} right now; retry after its lease`);
    this.name = 'SendInProgressError';
  }
}

async function claim(dedupeKey: string, to: string): Promise<'claimed' | 'already-sent'> {
  const TableName = requireEnv('tableName');
  const now = Math.floor(Date.now() / 1000);
  try {
    await dynamoClient().send(
      new PutCommand({
        TableName,
        Item: {
          ...keys.emailSent(dedupeKey),
          entity: 'email',
          dedupeKey,
          to,
          state: 'sending',
          leaseUntil: now + LEASE_SECONDS,
          claimedAt: new Date().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#s = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
      }),
    );
    return 'claimed';
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    const existing = await dynamoClient().send(new GetCommand({ TableName, Key: keys.emailSent(dedupeKey), ConsistentRead: true }));
    if (existing.Item?.state === 'sent') return 'already-sent';
    throw new SendInProgressError(dedupeKey);
  }
}

async function release(dedupeKey: string): Promise<void> {
  // The send failed: let the next attempt claim at once instead of waiting out the lease.
  await dynamoClient()
    .send(
      new UpdateCommand({
        TableName: requireEnv('tableName'),
        Key: keys.emailSent(dedupeKey),
        UpdateExpression: 'SET leaseUntil = :zero',
        ConditionExpression: '#s = :sending',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':zero': 0, ':sending': 'sending' },
      }),
    )
    .catch(() => undefined);
}

/** The SESv2 request for an email. */
export function sendEmailInput(email: ComposedEmail, configurationSet: string | undefined): SendEmailCommandInput {
  return {
    FromEmailAddress: email.from,
    Destination: { ToAddresses: [email.to] },
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
        ...(email.headers.length ? { Headers: email.headers.map((h) => ({ Name: h.name, Value: h.value })) } : {}),
        ...(email.attachments.length
          ? {
              Attachments: email.attachments.map((a) => ({
                FileName: a.filename,
                RawContent: a.content,
                ContentType: a.contentType,
                ContentDisposition: 'ATTACHMENT' as const,
              })),
            }
          : {}),
      },
    },
    ConfigurationSetName: configurationSet,
  };
}

export async function sendOnce(dedupeKey: string, email: ComposedEmail): Promise<SendOutcome> {
  const to = email.to;
  if (await isSuppressed(to)) return 'suppressed';
  if ((await claim(dedupeKey, to)) === 'already-sent') return 'already-sent';
  let messageId: string | undefined;
  try {
    const out = await sesClient().send(new SendEmailCommand(sendEmailInput(email, optionalEnv('sesConfigurationSet'))));
    messageId = out.MessageId;
  } catch (err) {
    await release(dedupeKey);
    throw err;
  }
  await dynamoClient().send(
    new UpdateCommand({
      TableName: requireEnv('tableName'),
      Key: keys.emailSent(dedupeKey),
      UpdateExpression: 'SET #s = :sent, messageId = :id, sentAt = :at REMOVE leaseUntil',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId ?? '', ':at': new Date().toISOString() },
    }),
  );
  return 'sent';
}
