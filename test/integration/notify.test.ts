/**
 * The notify queue consumer (Powertools' batch processor) against the emulators: each record of
 * an SQS batch is one email; the records that fail are reported back as batch item failures, so
 * SQS redelivers exactly those, and the others' emails are sent.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../../infra/local/cloud';
import { handler } from '../../functions/notify-commissioners/handler';
import type { Commissioner, Visit } from '../../shared/domain/types';
import type { NotifyMessage } from '../../shared/notify/messages';
import { useLocalCloud } from '../support/cloud';
import { putCommissioner, putVisit } from '../support/fixtures';
import { publishThroughReview } from '../support/publication';
import { mailbox } from '../support/submit';

let e: Endpoints;
beforeAll(() => {
  e = useLocalCloud();
});

/** An SQS record as Lambda's event source mapping delivers it. */
function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:visits-notify',
    awsRegion: 'eu-west-2',
  };
}

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'notify-commissioners',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:notify-commissioners',
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/notify-commissioners',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const notify = (records: SQSRecord[]) => handler({ Records: records } satisfies SQSEvent, context);

/** A visit in its own area with a published report, edition 1 (the pipeline has emailed no commissioner: none subscribed yet). */
async function publishedVisit(): Promise<Visit> {
  const visit = await putVisit({ localAuthority: `Queueshire ${randomUUID().slice(0, 4)}`, region: 'London' });
  await publishThroughReview(e, visit);
  return visit;
}

const message = (visit: Visit, c: Commissioner, edition = 1): string =>
  JSON.stringify({ kind: 'report', visitId: visit.visitId, edition, commissionerId: c.commissionerId } satisfies NotifyMessage);

async function emailsTo(commissioners: readonly Commissioner[]): Promise<number[]> {
  const mail = await mailbox(e.ses);
  return commissioners.map((c) => mail.filter((m) => m.destination.to.some((t) => t.toLowerCase() === c.email.toLowerCase())).length);
}

describe('the notify queue consumer', () => {
  it('reports only the failed records as batch item failures and sends the other emails', async () => {
    const visit = await publishedVisit();
    const [first, second] = await Promise.all([1, 2].map(() => putCommissioner({ localAuthorities: [visit.localAuthority] })));
    const result = await notify([
      sqsRecord('m-ok-1', message(visit, first!)),
      sqsRecord('m-not-json', '{"visitId": '),
      sqsRecord('m-unpublished', message(visit, second!, 2)), // edition 2 is not published
      sqsRecord('m-ok-2', message(visit, second!)),
    ]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-not-json' }, { itemIdentifier: 'm-unpublished' }] });
    expect(await emailsTo([first!, second!])).toEqual([1, 1]);
  });

  it('reports every record of a batch that failed whole, instead of throwing', async () => {
    const visit = await publishedVisit();
    const commissioner = await putCommissioner({ localAuthorities: [visit.localAuthority] });
    const result = await notify([sqsRecord('m-a', 'not json'), sqsRecord('m-b', message(visit, commissioner, 9))]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-a' }, { itemIdentifier: 'm-b' }] });
    expect(await emailsTo([commissioner])).toEqual([0]);
  });

  it('reports no failures when every email is sent, and a redelivered batch sends nothing twice', async () => {
    const visit = await publishedVisit();
    const commissioner = await putCommissioner({ localAuthorities: [visit.localAuthority] });
    const batch = [sqsRecord('m-1', message(visit, commissioner))];
    expect(await notify(batch)).toEqual({ batchItemFailures: [] });
    expect(await notify(batch)).toEqual({ batchItemFailures: [] });
    expect(await emailsTo([commissioner])).toEqual([1]);
  });
});
