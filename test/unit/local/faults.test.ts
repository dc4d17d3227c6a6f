/**
 * The local cloud's fault injection on a real SDK client, against a tiny stand-in DynamoDB
 * endpoint: which calls fail, which get through, and what is counted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector, INJECTED_FAULT } from '../../../infra/local/faults';

let server: Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function client(injector: FaultInjector): DynamoDBClient {
  const c = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 3 });
  injector.attach(c);
  return c;
}

/** Six GetItem calls in a row, for keys k1..k6; which of them failed with the injected fault. */
async function sixCalls(c: DynamoDBClient): Promise<boolean[]> {
  const failed: boolean[] = [];
  for (let i = 1; i <= 6; i++) {
    const outcome = await c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: `k${i % 2 === 0 ? 'even' : 'odd'}${i}` } } })).then(
      () => false,
      (err: { name?: string }) => err.name === INJECTED_FAULT,
    );
    failed.push(outcome);
  }
  return failed;
}

describe('fault injection', () => {
  it('fails exactly calls 2 to 4 of the named operation, once each (the SDK does not retry them), and lets the others through', async () => {
    const injector = new FaultInjector(false);
    injector.arm(JSON.stringify([{ service: 'dynamodb', operation: 'GetItem', from: 2, to: 4 }]));
    const before = requests;
    expect(await sixCalls(client(injector))).toEqual([false, true, true, true, false, false]);
    expect(requests - before).toBe(3);
    expect(injector.clear()).toEqual([{ rule: { service: 'dynamodb', operation: 'GetItem', from: 2, to: 4 }, calls: 6, injected: 3 }]);
  });

  it('counts and fails only the calls whose input contains the given text', async () => {
    const injector = new FaultInjector(false);
    injector.arm(JSON.stringify([{ service: 'dynamodb', operation: 'GetItem', inputContains: 'even', from: 1 }]));
    expect(await sixCalls(client(injector))).toEqual([false, true, false, true, false, true]);
    expect(injector.counts()[0]).toMatchObject({ calls: 3, injected: 3 });
  });

  it('leaves other operations and services alone', async () => {
    const injector = new FaultInjector(false);
    injector.arm(
      JSON.stringify([
        { service: 'dynamodb', operation: 'PutItem', from: 1 },
        { service: 's3', operation: 'GetItem', from: 1 },
      ]),
    );
    expect(await sixCalls(client(injector))).toEqual([false, false, false, false, false, false]);
    expect(injector.counts().map((c) => c.calls)).toEqual([0, 0]);
  });

  it('when disabled (LOCAL_FAULTS_DISABLED=1) counts the calls it would fail but fails none', async () => {
    const injector = new FaultInjector(true);
    injector.arm(JSON.stringify([{ service: 'dynamodb', operation: 'GetItem', from: 1 }]));
    expect(await sixCalls(client(injector))).toEqual([false, false, false, false, false, false]);
    expect(injector.counts()[0]).toMatchObject({ calls: 6, injected: 0 });
  });

  it('refuses a rule whose last call comes before its first, naming the field', () => {
    const injector = new FaultInjector(false);
    expect(() => injector.arm(JSON.stringify([{ service: 'dynamodb', operation: 'GetItem', from: 4, to: 2 }]))).toThrow(/to must be at least from/);
    expect(() => injector.arm(JSON.stringify([{ service: 'dynamo', operation: 'GetItem', from: 1 }]))).toThrow(/service/);
    expect(injector.counts()).toEqual([]);
  });
});
