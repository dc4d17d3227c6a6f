import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { Meter, emfMetricKeys, httpResponseBytes } from '../../../bench/cost/meter';

/** A DynamoDB client whose requests never leave the process: each gets `reply` as its JSON body. */
function fakeDynamo(reply: unknown) {
  const bodies: Record<string, unknown>[] = [];
  const client = new DynamoDBClient({
    region: 'eu-west-2',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        bodies.push(
          JSON.parse(typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array)) as Record<string, unknown>,
        );
        return {
          response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(JSON.stringify(reply))]) },
        };
      },
    },
  });
  return { client, bodies };
}

const meter = () => new Meter(new Set(['ingestImport', 'prioritise']), (actor) => `svc-${actor}`);

describe('the cost meter', () => {
  it('asks DynamoDB for its consumed capacity on the wire and counts it for the function making the call', async () => {
    const m = meter();
    const { client, bodies } = fakeDynamo({ ConsumedCapacity: { TableName: 't', CapacityUnits: 3 } });
    client.middlewareStack.use(m.plugin());
    await m.as('ingestImport', () => DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'b' } })));
    expect(bodies[0]).toMatchObject({ TableName: 't', ReturnConsumedCapacity: 'TOTAL' });
    expect(m.usage('setup')).toEqual({ ingestImport: { 'ddb.requests': 1, 'ddb.writeUnits': 3 } });
  });

  it('counts nothing for calls made outside any actor (the harness looking around)', async () => {
    const m = meter();
    const { client } = fakeDynamo({ ConsumedCapacity: { TableName: 't', CapacityUnits: 3 } });
    client.middlewareStack.use(m.plugin());
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'b' } }));
    expect(m.usage('setup')).toEqual({});
  });

  it('keeps each phase apart', async () => {
    const m = meter();
    m.phase = 'snapshot';
    await m.as('ops', async () => m.add('s3.tier1', 1));
    m.phase = 'nightly';
    await m.as('prioritise', async () => m.add('ddb.readUnits', 10));
    expect(m.usage('snapshot')).toEqual({ ops: { 's3.tier1': 1 } });
    expect(m.usage('nightly')).toEqual({ prioritise: { 'ddb.readUnits': 10 } });
  });

  it('counts what a function writes to stdout as its log bytes and lines, and the custom metrics among them', async () => {
    const m = meter();
    const undo = m.captureLogs();
    try {
      await m.as('prioritise', async () => {
        process.stdout.write('{"level":"INFO","message":"programme written"}\n');
        await new Promise((r) => setTimeout(r, 1));
        process.stdout.write(
          '{"_aws":{"CloudWatchMetrics":[{"Namespace":"Visits","Dimensions":[["service"]],"Metrics":[{"Name":"VisitsPlanned"}]}]},"service":"visits-local","VisitsPlanned":4}\n',
        );
      });
    } finally {
      undo();
    }
    const usage = m.usage('setup').prioritise!;
    expect(usage['logs.lines']).toBe(2);
    expect(usage['logs.bytes']).toBeGreaterThan(100);
    expect([...m.customMetrics]).toEqual(['Visits/VisitsPlanned{service=svc-prioritise}']);
  });

  it('times an invocation in whole billed milliseconds and meters an HTTP response by its decoded bytes', () => {
    const m = meter();
    m.invocation('publicSite', 12.2, { result: { statusCode: 200, body: Buffer.alloc(300).toString('base64'), isBase64Encoded: true } });
    m.invocation('prioritise', 0.2, undefined);
    expect(m.usage('setup')).toEqual({
      publicSite: { 'lambda.invocations': 1, 'lambda.ms': 13, 'http.requests': 1, 'http.bytesOut': 300 },
      prioritise: { 'lambda.invocations': 1, 'lambda.ms': 1 },
    });
    expect(httpResponseBytes({ body: 'héllo' })).toBe(6);
  });

  it('reads metric names from Embedded Metric Format lines and ignores other lines', () => {
    expect(emfMetricKeys('{"level":"INFO"}', 'x')).toEqual([]);
    expect(emfMetricKeys('{"_aws": not json', 'x')).toEqual([]);
    expect(emfMetricKeys('{"_aws":{"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"A"},{"Name":"B"}]}]}}', 'x')).toEqual([
      'N/A{}',
      'N/B{}',
    ]);
  });
});

describe('the shared clients', () => {
  it('carry the meter added with addClientHook, on every client made after it', async () => {
    const { addClientHook, dynamoClient, sesClient } = await import('../../../shared/aws/clients');
    const { s3Client } = await import('../../../shared/aws/s3-client');
    const before = dynamoClient();
    const s3Before = s3Client();
    const plugin = meter().plugin();
    addClientHook((client) => client.middlewareStack.use(plugin));
    expect(dynamoClient()).not.toBe(before);
    expect(s3Client()).not.toBe(s3Before);
    for (const client of [dynamoClient(), s3Client(), sesClient()]) expect(client.middlewareStack.identify().some((m) => m.startsWith('costMeter'))).toBe(true);
  });
});
