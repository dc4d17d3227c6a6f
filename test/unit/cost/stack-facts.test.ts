import { describe, expect, it } from 'vitest';
import { buckets, functions, type FunctionId } from '../../../infra/catalogue';
import { stackFacts, synthStackFacts, type CfnTemplate } from '../../../bench/cost/stack-facts';

/** A template shaped as CDK writes it: each function with its role, log group and environment. */
function template(): CfnTemplate {
  const Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> = {};
  for (const id of Object.keys(functions) as FunctionId[]) {
    Resources[`${id}Logs`] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } };
    Resources[`${id}Role`] = { Type: 'AWS::IAM::Role' };
    Resources[`${id}Fn`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        MemorySize: id === 'prioritise' ? 3008 : 1024,
        Architectures: ['arm64'],
        Timeout: 60,
        TracingConfig: { Mode: 'Active' },
        Role: { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: `${id}Logs` } },
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: functions[id].dir } },
      },
    };
  }
  Resources.SecretPolicy = {
    Type: 'AWS::IAM::Policy',
    Properties: { Roles: [{ Ref: 'findingsPageRole' }], PolicyDocument: { Statement: [{ Action: 'secretsmanager:GetSecretValue', Resource: 'x' }] } },
  };
  Resources.AccessLogs = { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] } } };
  Resources[`${buckets.imports.logicalId}ABC`] = {
    Type: 'AWS::S3::Bucket',
    Properties: {
      LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } },
      LifecycleConfiguration: { Rules: [{ Prefix: 'imports/', ExpirationInDays: 90 }] },
    },
  };
  Resources[`${buckets.findings.logicalId}DEF`] = {
    Type: 'AWS::S3::Bucket',
    Properties: {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [{ NoncurrentVersionExpiration: { NoncurrentDays: 365 } }] },
    },
  };
  Resources[`${buckets.reports.logicalId}GHI`] = { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } };
  Resources.Alarm1 = { Type: 'AWS::CloudWatch::Alarm' };
  Resources.Alarm2 = { Type: 'AWS::CloudWatch::Alarm' };
  Resources.Table = { Type: 'AWS::DynamoDB::Table', Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } } };
  return { Resources };
}

describe('what the stack is made of, read from its template', () => {
  it('finds each function by its service name, with its memory, architecture, timeout, tracing and log retention', () => {
    const f = stackFacts(template());
    expect(f.functions.prioritise).toEqual({
      memoryMb: 3008,
      architecture: 'arm64',
      readsSecret: false,
      tracing: true,
      logRetentionDays: 90,
      timeoutSeconds: 60,
    });
    expect(f.functions.publicSite.memoryMb).toBe(1024);
  });

  it('knows which functions may read the link secret from their roles’ policies', () => {
    const f = stackFacts(template());
    expect((Object.keys(functions) as FunctionId[]).filter((id) => f.functions[id].readsSecret)).toEqual(['findingsPage']);
  });

  it('reads how long each bucket keeps what it holds, and the access-logs bucket', () => {
    const f = stackFacts(template());
    expect(f.buckets.imports).toEqual({ versioned: false, expirationDays: { 'imports/': 90 }, noncurrentDays: undefined });
    expect(f.buckets.findings).toEqual({ versioned: true, expirationDays: {}, noncurrentDays: 365 });
    expect(f.accessLogsExpirationDays).toBe(365);
    expect(f).toMatchObject({ alarms: 2, dashboards: 0, secrets: 0, customerKeys: 0, tablePitr: true });
  });

  it('says which function the template lacks rather than pricing without it', () => {
    const t = template();
    const { prioritiseFn: _gone, ...rest } = t.Resources;
    expect(() => stackFacts({ Resources: rest })).toThrow(/No Lambda function in the template for prioritise/);
  });
});

describe('the real stack, synthesised', () => {
  it('gives the cost model every function (arm64, 1024 MB unless set), the secret readers and the fixed-cost resources', async () => {
    const f = await synthStackFacts();
    for (const id of Object.keys(functions) as FunctionId[]) expect(f.functions[id].architecture).toBe('arm64');
    expect(f.functions.sesFeedback.memoryMb).toBe(1024);
    expect(f.functions.findingsPage.readsSecret).toBe(true);
    expect(f.functions.ingestImport.readsSecret).toBe(false);
    expect(f.alarms).toBeGreaterThan(0);
    expect(f.secrets).toBe(1);
    expect(f.buckets.imports.expirationDays['imports/']).toBe(90);
  }, 120_000);
});
