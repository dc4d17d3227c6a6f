import { describe, expect, it } from 'vitest';
import { billableUsage, capacityUnits, keyPrefix, s3RequestClass } from '../../../bench/cost/billable-calls';

describe('what an SDK call is billed for', () => {
  it('counts the write units DynamoDB reports for a put, batch write and update', () => {
    expect(
      billableUsage({
        clientName: 'DynamoDBClient',
        commandName: 'PutItemCommand',
        input: {},
        output: { ConsumedCapacity: { TableName: 't', CapacityUnits: 6 } },
      }),
    ).toEqual({
      'ddb.requests': 1,
      'ddb.writeUnits': 6,
    });
    expect(
      billableUsage({
        clientName: 'DynamoDBClient',
        commandName: 'BatchWriteItemCommand',
        input: {},
        output: {
          ConsumedCapacity: [
            { TableName: 't', CapacityUnits: 25 },
            { TableName: 'u', CapacityUnits: 2 },
          ],
        },
      }),
    ).toEqual({ 'ddb.requests': 1, 'ddb.writeUnits': 27 });
  });

  it('keeps transactional units apart, since DynamoDB bills them at twice the rate the emulator reports', () => {
    expect(
      billableUsage({
        clientName: 'DynamoDBClient',
        commandName: 'TransactWriteItemsCommand',
        input: {},
        output: { ConsumedCapacity: [{ TableName: 't', CapacityUnits: 2 }] },
      }),
    ).toEqual({
      'ddb.requests': 1,
      'ddb.transactWriteUnits': 2,
    });
  });

  it('charges one write unit for a conditional write that its condition refused', () => {
    expect(billableUsage({ clientName: 'DynamoDBClient', commandName: 'PutItemCommand', input: {}, errorName: 'ConditionalCheckFailedException' })).toEqual({
      'ddb.requests': 1,
      'ddb.writeUnits': 1,
    });
  });

  it('counts read units for queries, keeps those of scans apart (they grow with the table), and nothing but the request for a table description', () => {
    expect(
      billableUsage({ clientName: 'DynamoDBClient', commandName: 'QueryCommand', input: {}, output: { ConsumedCapacity: { CapacityUnits: 0.5 } } }),
    ).toEqual({ 'ddb.requests': 1, 'ddb.readUnits': 0.5 });
    expect(
      billableUsage({ clientName: 'DynamoDBClient', commandName: 'ScanCommand', input: {}, output: { ConsumedCapacity: { CapacityUnits: 128 } } }),
    ).toEqual({ 'ddb.requests': 1, 'ddb.scanReadUnits': 128 });
    expect(billableUsage({ clientName: 'DynamoDBClient', commandName: 'DescribeTableCommand', input: {}, output: {} })).toEqual({ 'ddb.requests': 1 });
  });

  it('sorts S3 requests into PUT/COPY/POST/LIST, GET/HEAD and free DELETEs', () => {
    expect(
      ['PutObjectCommand', 'CopyObjectCommand', 'ListObjectsV2Command', 'UploadPartCommand', 'CompleteMultipartUploadCommand'].map(s3RequestClass),
    ).toEqual(['tier1', 'tier1', 'tier1', 'tier1', 'tier1']);
    expect(['GetObjectCommand', 'HeadObjectCommand', 'GetObjectTaggingCommand'].map(s3RequestClass)).toEqual(['tier2', 'tier2', 'tier2']);
    expect(['DeleteObjectCommand', 'DeleteObjectsCommand', 'AbortMultipartUploadCommand'].map(s3RequestClass)).toEqual(['free', 'free', 'free']);
  });

  it('counts the bytes an S3 put stores under its key prefix, and a failed HEAD as a request', () => {
    expect(
      billableUsage({ clientName: 'S3Client', commandName: 'PutObjectCommand', input: { Key: 'reports/la/x/v1.pdf', Body: new Uint8Array(4000) }, output: {} }),
    ).toEqual({ 's3.tier1': 1, 's3.bytesPut:reports/': 4000 });
    expect(
      billableUsage({
        clientName: 'S3Client',
        commandName: 'PutObjectCommand',
        input: { Key: 'imports/a.csv', Body: 'not read', ContentLength: 123456 },
        output: {},
      }),
    ).toEqual({ 's3.tier1': 1, 's3.bytesPut:imports/': 123456 });
    expect(billableUsage({ clientName: 'S3Client', commandName: 'HeadObjectCommand', input: { Key: 'findings/x' }, errorName: 'NotFound' })).toEqual({
      's3.tier2': 1,
    });
  });

  it('counts one SES email per recipient, with the raw message bytes', () => {
    const raw = Buffer.from('x'.repeat(70_000));
    expect(
      billableUsage({
        clientName: 'SESv2Client',
        commandName: 'SendEmailCommand',
        input: { Destination: { ToAddresses: ['a@example.gov.uk'], CcAddresses: ['b@example.gov.uk'] }, Content: { Raw: { Data: raw } } },
        output: {},
      }),
    ).toEqual({
      'ses.messages': 2,
      'ses.bytes': 70_000,
    });
  });

  it('counts the attachments of an email sent as Simple content', () => {
    const pdf = Buffer.alloc(50_000);
    expect(
      billableUsage({
        clientName: 'SESv2Client',
        commandName: 'SendEmailCommand',
        input: {
          Destination: { ToAddresses: ['a@example.gov.uk'] },
          Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'x'.repeat(900) } }, Attachments: [{ FileName: 'b.pdf', RawContent: pdf }] } },
        },
        output: {},
      }),
    ).toEqual({ 'ses.messages': 1, 'ses.bytes': 50_000 });
  });

  it('counts EventBridge entries and SQS requests in 64 KB chunks', () => {
    const big = 'y'.repeat(100 * 1024);
    expect(
      billableUsage({ clientName: 'EventBridgeClient', commandName: 'PutEventsCommand', input: { Entries: [{ Detail: '{}' }, { Detail: big }] }, output: {} }),
    ).toEqual({ 'events.entries': 3 });
    expect(
      billableUsage({
        clientName: 'SQSClient',
        commandName: 'SendMessageBatchCommand',
        input: {
          Entries: [
            { Id: '1', MessageBody: 'a' },
            { Id: '2', MessageBody: 'b' },
          ],
        },
        output: {},
      }),
    ).toEqual({ 'sqs.requests': 1, 'sqs.messages': 2 });
    expect(billableUsage({ clientName: 'SQSClient', commandName: 'SendMessageCommand', input: { MessageBody: big }, output: {} })).toEqual({
      'sqs.requests': 2,
      'sqs.messages': 1,
    });
  });

  it('refuses a client it does not know how to bill, so nothing is silently left out', () => {
    expect(() => billableUsage({ clientName: 'KinesisClient', commandName: 'PutRecordCommand', input: {} })).toThrow(/does not know how KinesisClient/);
  });

  it('reads capacity from one object, a list, or nothing', () => {
    expect(capacityUnits(undefined)).toBe(0);
    expect(capacityUnits({ CapacityUnits: 1.5 })).toBe(1.5);
    expect(capacityUnits([{ CapacityUnits: 1 }, { CapacityUnits: 2 }])).toBe(3);
    expect(keyPrefix('index.html')).toBe('');
  });
});
