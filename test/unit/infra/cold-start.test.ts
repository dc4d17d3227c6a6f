/**
 * What a cold start loads: importing a handler makes no AWS SDK client (each is made on first use,
 * shared/aws/clients.ts) and loads no Powertools tracer unless tracing is on for the function.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { functionIds, functions } from '../../../infra/catalogue';

const seen = vi.hoisted(() => ({ clients: [] as string[], tracerLoaded: 0 }));

/** Count every client constructed, by replacing each SDK client class with a counting subclass. */
vi.mock('@aws-sdk/client-dynamodb', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-dynamodb')>();
  return {
    ...m,
    DynamoDBClient: class extends m.DynamoDBClient {
      constructor(...args: ConstructorParameters<typeof m.DynamoDBClient>) {
        seen.clients.push('DynamoDB');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-sdk/client-s3', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-s3')>();
  return {
    ...m,
    S3Client: class extends m.S3Client {
      constructor(...args: ConstructorParameters<typeof m.S3Client>) {
        seen.clients.push('S3');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-sdk/client-sesv2', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-sesv2')>();
  return {
    ...m,
    SESv2Client: class extends m.SESv2Client {
      constructor(...args: ConstructorParameters<typeof m.SESv2Client>) {
        seen.clients.push('SESv2');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-sdk/client-sqs', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-sqs')>();
  return {
    ...m,
    SQSClient: class extends m.SQSClient {
      constructor(...args: ConstructorParameters<typeof m.SQSClient>) {
        seen.clients.push('SQS');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-sdk/client-eventbridge', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-eventbridge')>();
  return {
    ...m,
    EventBridgeClient: class extends m.EventBridgeClient {
      constructor(...args: ConstructorParameters<typeof m.EventBridgeClient>) {
        seen.clients.push('EventBridge');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-sdk/client-secrets-manager', async (original) => {
  const m = await original<typeof import('@aws-sdk/client-secrets-manager')>();
  return {
    ...m,
    SecretsManagerClient: class extends m.SecretsManagerClient {
      constructor(...args: ConstructorParameters<typeof m.SecretsManagerClient>) {
        seen.clients.push('SecretsManager');
        super(...args);
      }
    },
  };
});
vi.mock('@aws-lambda-powertools/tracer', async (original) => {
  seen.tracerLoaded++;
  return original();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a cold start', () => {
  it('makes no AWS SDK client and loads no tracer when a handler is imported', async () => {
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    for (const id of functionIds) {
      const module = (await import(`../../../functions/${functions[id].dir}/handler.ts`)) as { handler?: unknown };
      expect(typeof module.handler, id).toBe('function');
    }
    expect(seen.clients).toEqual([]);
    expect(seen.tracerLoaded).toBe(0);
  });

  it('counts a client made at import, so the check above can fail', async () => {
    const { dynamoClient, resetClients } = await import('../../../shared/aws/clients');
    resetClients();
    dynamoClient();
    expect(seen.clients).toEqual(['DynamoDB']);
    seen.clients.length = 0;
    resetClients();
  });

  it('loads the tracer when tracing is on', async () => {
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    vi.resetModules();
    const { instrumented } = await import('../../../shared/aws/observability');
    const handler = instrumented('probe', async (event: { n: number }) => event.n + 1);
    expect(await handler({ n: 1 }, { functionName: 'probe', awsRequestId: 'r-1' } as never)).toBe(2);
    expect(seen.tracerLoaded).toBe(1);
  });
});
