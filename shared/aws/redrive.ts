/**
 * Replays the failed-events queue of a deployed stack: each message is a Lambda on-failure
 * destination record holding the original event and the function's ARN, so the same function
 * is invoked again asynchronously with the same event; replayed messages are deleted.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from './clients';

interface FailureRecord {
  readonly requestContext?: { functionArn?: string; condition?: string; approximateInvokeCount?: number };
  readonly requestPayload?: unknown;
}

export async function redriveFromQueue(queueUrl: string, log: (line: string) => void): Promise<{ replayed: number; succeeded: number; failed: number }> {
  const lambda = new LambdaClient({});
  let replayed = 0;
  let succeeded = 0;
  let failed = 0;
  for (;;) {
    const batch = await sqsClient().send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }));
    if (!batch.Messages?.length) break;
    for (const m of batch.Messages) {
      replayed++;
      try {
        const record = JSON.parse(m.Body ?? '{}') as FailureRecord;
        const arn = record.requestContext?.functionArn?.replace(/:\$LATEST$/, '');
        if (!arn || record.requestPayload === undefined) throw new Error('not a Lambda failure record (no functionArn / requestPayload)');
        await lambda.send(new InvokeCommand({ FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(record.requestPayload)) }));
        await sqsClient().send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        succeeded++;
        log(`replayed ${m.MessageId} to ${arn}`);
      } catch (err) {
        failed++;
        log(`could not replay ${m.MessageId}: ${(err as Error).message}`);
      }
    }
  }
  return { replayed, succeeded, failed };
}
