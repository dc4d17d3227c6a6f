/**
 * What one AWS SDK call is billed for, from its client, command, input and output (or error).
 * Pure: the meter's SDK middleware hands every call here.
 */
import { USAGE_NAMES as N, S3_BYTES_PUT, addTo, type Usage } from './usage';

export interface SdkCall {
  /** e.g. 'DynamoDBClient', 'S3Client', 'SESv2Client', 'EventBridgeClient', 'SQSClient', 'SecretsManagerClient'. */
  readonly clientName: string;
  /** e.g. 'PutItemCommand'. */
  readonly commandName: string;
  readonly input: unknown;
  /** The deserialised output; undefined when the call failed. */
  readonly output?: unknown;
  /** The error's name when the call failed. */
  readonly errorName?: string;
}

const KB64 = 64 * 1024;
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
/** A string field of an SDK input, or '' (a key, a message body). */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Byte length of a request body we can see (a stream's length comes from ContentLength). */
export function bodyBytes(body: unknown, contentLength?: unknown): number {
  if (typeof contentLength === 'number') return contentLength;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
}

/** Sum of CapacityUnits in a ConsumedCapacity (one object, or one per table). */
export function capacityUnits(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed];
  return list.reduce((n: number, c: unknown) => {
    const units = record(c).CapacityUnits;
    return n + (typeof units === 'number' ? units : 0);
  }, 0);
}

const DDB_WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const DDB_READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);

function dynamodb(call: SdkCall, out: Usage): void {
  addTo(out, N.ddbRequests, 1);
  const units = capacityUnits(record(call.output).ConsumedCapacity);
  if (call.commandName === 'TransactWriteItemsCommand') addTo(out, N.ddbTransactWriteUnits, units);
  else if (call.commandName === 'TransactGetItemsCommand') addTo(out, N.ddbTransactReadUnits, units);
  else if (DDB_WRITES.has(call.commandName)) {
    // A write refused by its condition still consumes at least one write unit.
    addTo(out, N.ddbWriteUnits, call.errorName === 'ConditionalCheckFailedException' ? 1 : units);
  } else if (call.commandName === 'ScanCommand') addTo(out, N.ddbScanReadUnits, units);
  else if (DDB_READS.has(call.commandName)) addTo(out, N.ddbReadUnits, units);
}

/** S3: PUT/COPY/POST/LIST are the dearer class, DELETE is free, everything else is a GET-class request. */
export function s3RequestClass(commandName: string): 'tier1' | 'tier2' | 'free' {
  const op = commandName.replace(/Command$/, '');
  if (/^(Delete|AbortMultipartUpload)/.test(op)) return 'free';
  if (/^(Put|Copy|Post|List|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|RestoreObject)/.test(op)) return 'tier1';
  return 'tier2';
}

function s3(call: SdkCall, out: Usage): void {
  const cls = s3RequestClass(call.commandName);
  if (cls === 'tier1') addTo(out, N.s3Tier1, 1);
  if (cls === 'tier2') addTo(out, N.s3Tier2, 1);
  const input = record(call.input);
  if ((call.commandName === 'PutObjectCommand' || call.commandName === 'UploadPartCommand') && call.errorName === undefined) {
    addTo(out, `${S3_BYTES_PUT}${keyPrefix(text(input.Key))}`, bodyBytes(input.Body, input.ContentLength));
  }
}

/** The first segment of an object key, with its slash ('reports/'), or '' for a key at the root. */
export function keyPrefix(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i + 1);
}

function ses(call: SdkCall, out: Usage): void {
  if (call.commandName !== 'SendEmailCommand' || call.errorName !== undefined) return;
  const input = record(call.input);
  const d = record(input.Destination);
  const recipients = ['ToAddresses', 'CcAddresses', 'BccAddresses'].reduce((n, k) => n + (Array.isArray(d[k]) ? (d[k] as unknown[]).length : 0), 0);
  addTo(out, N.sesMessages, Math.max(1, recipients));
  // SES prices attachments by the GB: a raw message counts whole, Simple content its attachments.
  const content = record(input.Content);
  const attachments = record(content.Simple).Attachments;
  const attached = Array.isArray(attachments) ? attachments.reduce((n: number, a: unknown) => n + bodyBytes(record(a).RawContent), 0) : 0;
  addTo(out, N.sesBytes, bodyBytes(record(content.Raw).Data) + attached);
}

function eventBridge(call: SdkCall, out: Usage): void {
  if (call.commandName !== 'PutEventsCommand') return;
  const entries = record(call.input).Entries;
  for (const e of Array.isArray(entries) ? entries : []) addTo(out, N.eventEntries, Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(e)) / KB64)));
}

function sqs(call: SdkCall, out: Usage): void {
  const input = record(call.input);
  if (call.commandName === 'SendMessageBatchCommand') {
    const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
    const bytes = entries.reduce((n: number, e) => n + Buffer.byteLength(text(record(e).MessageBody)), 0);
    addTo(out, N.sqsRequests, Math.max(1, Math.ceil(bytes / KB64)));
    addTo(out, N.sqsMessages, entries.length);
    return;
  }
  if (call.commandName === 'SendMessageCommand') {
    addTo(out, N.sqsRequests, Math.max(1, Math.ceil(Buffer.byteLength(text(input.MessageBody)) / KB64)));
    addTo(out, N.sqsMessages, 1);
    return;
  }
  addTo(out, N.sqsRequests, 1);
}

export function billableUsage(call: SdkCall): Usage {
  const out: Usage = {};
  switch (call.clientName) {
    case 'DynamoDBClient':
      dynamodb(call, out);
      break;
    case 'S3Client':
      s3(call, out);
      break;
    case 'SESv2Client':
      ses(call, out);
      break;
    case 'EventBridgeClient':
      eventBridge(call, out);
      break;
    case 'SQSClient':
      sqs(call, out);
      break;
    case 'SecretsManagerClient':
      addTo(out, N.secretCalls, 1);
      break;
    default:
      throw new Error(`The cost meter does not know how ${call.clientName} (${call.commandName}) is billed: add it to bench/cost/billable-calls.ts`);
  }
  return out;
}
