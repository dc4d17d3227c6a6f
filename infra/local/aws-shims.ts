/**
 * The two AWS APIs we use that have no official emulator, served over their real wire protocol
 * (AWS JSON 1.0/1.1) so the handlers' EventBridge and SQS SDK clients work unchanged:
 * - EventBridge PutEvents: each entry is matched against the catalogue's rules (detail type ->
 *   function) and delivered asynchronously, as EventBridge does;
 * - SQS SendMessage / SendMessageBatch / GetQueueUrl: messages are delivered to the queue's
 *   consumer function one at a time; a failed message is received again up to the queue's
 *   maxReceiveCount and then parked (the dead-letter queue).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { EventBridgeEvent, SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { events as eventCatalogue, functions, queues, type FunctionId } from '../catalogue';
import { describe, type LocalInvoker } from './invoker';
import type { LocalClock } from './clock';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

export interface AwsShims {
  readonly url: string;
  queueUrl(queue: keyof typeof queues): string;
  readonly stats: { eventsPut: number; messagesSent: number; messagesParked: number };
  stop(): Promise<void>;
}

export async function startAwsShims(port: number, invoker: LocalInvoker, options: { sqsRedeliveryDelayMs?: number; log?: (l: string) => void; clock?: LocalClock } = {}): Promise<AwsShims> {
  const url = `http://127.0.0.1:${port}`;
  const stats = { eventsPut: 0, messagesSent: 0, messagesParked: 0 };
  const queueUrl = (q: keyof typeof queues) => `${url}/000000000000/${queues[q].localName}`;

  const consumers = (detailType: string): FunctionId[] =>
    (Object.keys(functions) as FunctionId[]).filter((id) => {
      const trigger: { events?: readonly string[] } = functions[id].trigger;
      return trigger.events?.includes(detailType) ?? false;
    });

  const queueConsumer = (queueName: string): { id: FunctionId; queue: keyof typeof queues } | undefined => {
    for (const q of Object.keys(queues) as (keyof typeof queues)[]) {
      if (queues[q].localName !== queueName) continue;
      const id = (Object.keys(functions) as FunctionId[]).find((f) => {
        const trigger: { queue?: string } = functions[f].trigger;
        return trigger.queue === q;
      });
      if (id) return { id, queue: q };
    }
    return undefined;
  };

  function putEvents(body: { Entries?: PutEventsEntry[] }) {
    const results = (body.Entries ?? []).map((entry) => {
      const eventId = randomUUID();
      stats.eventsPut++;
      const event: EventBridgeEvent<string, unknown> = {
        version: '0',
        id: eventId,
        'detail-type': entry.DetailType ?? '',
        source: entry.Source ?? '',
        account: '000000000000',
        time: (options.clock?.now() ?? new Date()).toISOString(),
        region: 'local',
        resources: [],
        detail: JSON.parse(entry.Detail ?? '{}') as unknown,
      };
      if (entry.Source === eventCatalogue.source) {
        for (const id of consumers(event['detail-type'])) void invoker.invokeAsync(id, event);
      }
      return { EventId: eventId };
    });
    return { FailedEntryCount: 0, Entries: results };
  }

  function deliver(consumer: { id: FunctionId; queue: keyof typeof queues }, body: string, receiveCount = 1): void {
    const messageId = randomUUID();
    const event: SQSEvent = {
      Records: [
        {
          messageId,
          receiptHandle: randomUUID(),
          body,
          attributes: {
            ApproximateReceiveCount: String(receiveCount),
            SentTimestamp: String(Date.now()),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(Date.now()),
          },
          messageAttributes: {},
          md5OfBody: createHash('md5').update(body).digest('hex'),
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:local:000000000000:${queues[consumer.queue].localName}`,
          awsRegion: 'local',
        },
      ],
    };
    const run = (async () => {
      let failed: string | undefined;
      try {
        const res = (await invoker.invoke(consumer.id, event)) as SQSBatchResponse | undefined;
        if (res?.batchItemFailures?.some((f) => f.itemIdentifier === messageId)) failed = 'reported as a batch item failure';
      } catch (err) {
        failed = describe(err);
      }
      if (!failed) return;
      if (receiveCount >= queues[consumer.queue].maxReceiveCount) {
        stats.messagesParked++;
        invoker.park({ id: messageId, functionId: consumer.id, event, error: failed, attempts: receiveCount, parkedAt: new Date().toISOString() });
        return;
      }
      options.log?.(`[${consumer.id}] message ${messageId} failed (${failed}); receive ${receiveCount + 1} follows`);
      await new Promise((r) => setTimeout(r, options.sqsRedeliveryDelayMs ?? 1_000));
      deliver(consumer, body, receiveCount + 1);
    })();
    // Tracked by the invoker so `idle()` waits for queued work too.
    invoker.track(run);
  }

  function sqs(target: string, body: { QueueUrl?: string; QueueName?: string; MessageBody?: string; Entries?: { Id: string; MessageBody: string }[] }) {
    if (target === 'GetQueueUrl') return { QueueUrl: `${url}/000000000000/${body.QueueName ?? ''}` };
    const queueName = (body.QueueUrl ?? '').split('/').pop() ?? '';
    const consumer = queueConsumer(queueName);
    if (!consumer) throw Object.assign(new Error(`The specified queue does not exist: ${queueName}`), { code: 'AWS.SimpleQueueService.NonExistentQueue' });
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    if (target === 'SendMessage') {
      stats.messagesSent++;
      deliver(consumer, body.MessageBody ?? '');
      return { MessageId: randomUUID(), MD5OfMessageBody: md5(body.MessageBody ?? '') };
    }
    if (target === 'SendMessageBatch') {
      const Successful = (body.Entries ?? []).map((e) => {
        stats.messagesSent++;
        deliver(consumer, e.MessageBody);
        return { Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) };
      });
      return { Successful, Failed: [] };
    }
    throw Object.assign(new Error(`Unsupported SQS action ${target}`), { code: 'UnsupportedOperation' });
  }

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service, action] = target.split('.');
      try {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        let out: unknown;
        if (service === 'AWSEvents' && action === 'PutEvents') out = putEvents(body as { Entries?: PutEventsEntry[] });
        else if (service === 'AmazonSQS' && action) out = sqs(action, body as Parameters<typeof sqs>[1]);
        else throw Object.assign(new Error(`Unknown target ${target}`), { code: 'UnknownOperationException' });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(out));
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'InternalFailure';
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-query-error': `${code};Sender` });
        res.end(JSON.stringify({ __type: code, message: describe(err) }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    url,
    queueUrl,
    stats,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
