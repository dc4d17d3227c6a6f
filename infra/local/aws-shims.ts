/**
 * The two AWS APIs we use that have no official emulator, served over their real wire protocol
 * (AWS JSON 1.0/1.1) so the handlers' EventBridge and SQS SDK clients work unchanged:
 * - EventBridge PutEvents: each entry is matched against the catalogue's rules (detail type ->
 *   function) and delivered asynchronously, as EventBridge does;
 * - SQS SendMessage / SendMessageBatch / GetQueueUrl: messages are delivered to the queue's
 *   consumer function one at a time; a failed message is received again up to the queue's
 *   maxReceiveCount and then parked (the dead-letter queue).
 * Like every local server it listens on loopback and answers only requests that name it there
 * (request-guard.ts); a browser (which sends an Origin) is refused outright.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EventBridgeEvent, SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { consumersOf, events as eventCatalogue, queues, type DetailType, type FunctionId, type QueueId } from '../catalogue';
import type { LocalClock } from './clock';
import { describe, type LocalInvoker } from './invoker';
import { hostProblem } from './request-guard';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

export interface AwsShims {
  readonly url: string;
  queueUrl(queue: QueueId): string;
  readonly stats: { eventsPut: number; messagesSent: number; messagesParked: number };
  stop(): Promise<void>;
}

interface ShimOptions {
  readonly sqsRedeliveryDelayMs?: number;
  readonly log?: (l: string) => void;
  /** The time stamped on events (real time unless a test sets another day). */
  readonly clock?: LocalClock;
}

type Consumer = { readonly id: FunctionId; readonly queue: QueueId };
type SqsBody = { QueueUrl?: string; QueueName?: string; MessageBody?: string; Entries?: { Id: string; MessageBody: string }[] };

const isDetailType = (t: string): t is DetailType => (Object.values(eventCatalogue.detailTypes) as string[]).includes(t);
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const awsError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The queue with this local name and the function that consumes it. */
function queueConsumer(queueName: string): Consumer | undefined {
  const queue = (Object.keys(queues) as QueueId[]).find((q) => queues[q].localName === queueName);
  const id = queue ? consumersOf({ queue })[0] : undefined;
  return queue && id ? { id, queue } : undefined;
}

/** One SQS message as Lambda's event source mapping delivers it (a batch of one). */
function sqsEvent(consumer: Consumer, messageId: string, body: string, receiveCount: number): SQSEvent {
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId,
        receiptHandle: randomUUID(),
        body,
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
        messageAttributes: {},
        md5OfBody: md5(body),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:local:000000000000:${queues[consumer.queue].localName}`,
        awsRegion: 'local',
      },
    ],
  };
}

class LocalAwsApis {
  readonly stats = { eventsPut: 0, messagesSent: 0, messagesParked: 0 };

  constructor(
    readonly url: string,
    private readonly invoker: LocalInvoker,
    private readonly options: ShimOptions,
  ) {}

  /** EventBridge PutEvents: each pipeline event to its consumers, asynchronously. */
  putEvents(body: { Entries?: PutEventsEntry[] }) {
    const Entries = (body.Entries ?? []).map((entry) => {
      const eventId = randomUUID();
      this.stats.eventsPut++;
      const event: EventBridgeEvent<string, unknown> = {
        version: '0',
        id: eventId,
        'detail-type': entry.DetailType ?? '',
        source: entry.Source ?? '',
        account: '000000000000',
        time: (this.options.clock?.now() ?? new Date()).toISOString(),
        region: 'local',
        resources: [],
        detail: JSON.parse(entry.Detail ?? '{}') as unknown,
      };
      const detailType = event['detail-type'];
      if (entry.Source === eventCatalogue.source && isDetailType(detailType)) {
        for (const id of consumersOf({ event: detailType })) void this.invoker.invokeAsync(id, event);
      }
      return { EventId: eventId };
    });
    return { FailedEntryCount: 0, Entries };
  }

  /** Deliver one message; a failure is received again up to maxReceiveCount, then parked. */
  deliver(consumer: Consumer, body: string, receiveCount = 1): void {
    const messageId = randomUUID();
    const event = sqsEvent(consumer, messageId, body, receiveCount);
    const run = (async () => {
      let failed: string | undefined;
      try {
        const res = (await this.invoker.invoke(consumer.id, event)) as SQSBatchResponse | undefined;
        if (res?.batchItemFailures?.some((f) => f.itemIdentifier === messageId)) failed = 'reported as a batch item failure';
      } catch (err) {
        failed = describe(err);
      }
      if (!failed) return;
      if (receiveCount >= queues[consumer.queue].maxReceiveCount) {
        this.stats.messagesParked++;
        this.invoker.park({ id: messageId, functionId: consumer.id, event, error: failed, attempts: receiveCount, parkedAt: new Date().toISOString() });
        return;
      }
      this.options.log?.(`[${consumer.id}] message ${messageId} failed (${failed}); receive ${receiveCount + 1} follows`);
      await new Promise((r) => setTimeout(r, this.options.sqsRedeliveryDelayMs ?? 1_000));
      this.deliver(consumer, body, receiveCount + 1);
    })();
    // Tracked by the invoker so `idle()` waits for queued work too.
    this.invoker.track(run);
  }

  /** SQS GetQueueUrl, SendMessage and SendMessageBatch. */
  sqs(target: string, body: SqsBody) {
    if (target === 'GetQueueUrl') return { QueueUrl: `${this.url}/000000000000/${body.QueueName ?? ''}` };
    const queueName = (body.QueueUrl ?? '').split('/').pop() ?? '';
    const consumer = queueConsumer(queueName);
    if (!consumer) throw awsError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${queueName}`);
    if (target === 'SendMessage') {
      this.stats.messagesSent++;
      this.deliver(consumer, body.MessageBody ?? '');
      return { MessageId: randomUUID(), MD5OfMessageBody: md5(body.MessageBody ?? '') };
    }
    if (target === 'SendMessageBatch') {
      const Successful = (body.Entries ?? []).map((e) => {
        this.stats.messagesSent++;
        this.deliver(consumer, e.MessageBody);
        return { Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) };
      });
      return { Successful, Failed: [] };
    }
    throw awsError('UnsupportedOperation', `Unsupported SQS action ${target}`);
  }

  /** One AWS JSON request: refused unless it names this server on loopback and comes from no browser. */
  handle(req: IncomingMessage, res: ServerResponse, raw: string, port: number): void {
    const reply = (status: number, out: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...headers });
      res.end(JSON.stringify(out));
    };
    const refused = hostProblem(req.headers.host, port) ?? (req.headers.origin !== undefined ? 'Browsers may not call the local AWS APIs.' : undefined);
    if (refused) return reply(403, { __type: 'AccessDeniedException', message: refused });
    const target = String(req.headers['x-amz-target'] ?? '');
    const [service, action] = target.split('.');
    try {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (service === 'AWSEvents' && action === 'PutEvents') return reply(200, this.putEvents(body));
      if (service === 'AmazonSQS' && action) return reply(200, this.sqs(action, body));
      throw awsError('UnknownOperationException', `Unknown target ${target}`);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'InternalFailure';
      reply(400, { __type: code, message: describe(err) }, { 'x-amzn-query-error': `${code};Sender` });
    }
  }
}

export async function startAwsShims(port: number, invoker: LocalInvoker, options: ShimOptions = {}): Promise<AwsShims> {
  const apis = new LocalAwsApis(`http://127.0.0.1:${port}`, invoker, options);
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => apis.handle(req, res, raw, port));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    url: apis.url,
    queueUrl: (q: QueueId) => `${apis.url}/000000000000/${queues[q].localName}`,
    stats: apis.stats,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
