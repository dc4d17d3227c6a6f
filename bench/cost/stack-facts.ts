/**
 * What the deployed stack is made of, read from its synthesised CloudFormation template (so the
 * model follows the stack, not a copy of it): each function's memory, architecture, tracing, log
 * retention and whether it reads the link secret; the fixed-cost resources (alarms, dashboards,
 * secrets, customer keys, queue pollers); how long each bucket and log group keeps what it holds.
 */
import { functions, buckets, type BucketId, type FunctionId } from '../../infra/catalogue';

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
}

export interface FunctionFacts {
  readonly memoryMb: number;
  readonly architecture: 'arm64' | 'x86_64';
  readonly readsSecret: boolean;
  readonly tracing: boolean;
  readonly logRetentionDays: number;
  readonly timeoutSeconds: number;
}

export interface BucketFacts {
  readonly versioned: boolean;
  /** Days before objects under a prefix expire ('' = the whole bucket); absent: kept. */
  readonly expirationDays: Record<string, number>;
  readonly noncurrentDays?: number;
}

export interface StackFacts {
  readonly functions: Record<FunctionId, FunctionFacts>;
  readonly buckets: Record<BucketId, BucketFacts>;
  readonly accessLogsExpirationDays?: number;
  readonly alarms: number;
  readonly dashboards: number;
  readonly secrets: number;
  readonly customerKeys: number;
  readonly queuePollers: number;
  readonly tablePitr: boolean;
  readonly httpAccessLogRetentionDays?: number;
}

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const refOf = (v: unknown): string | undefined => {
  const r = rec(v);
  if (typeof r.Ref === 'string') return r.Ref;
  const att = r['Fn::GetAtt'];
  return Array.isArray(att) && typeof att[0] === 'string' ? att[0] : undefined;
};

function byType(t: CfnTemplate, type: string): [string, Record<string, unknown>][] {
  return Object.entries(t.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

function retentionOf(t: CfnTemplate, logGroupRef: unknown): number {
  const group = t.Resources[refOf(logGroupRef) ?? ''];
  const days = group?.Properties?.RetentionInDays;
  return typeof days === 'number' ? days : Number.POSITIVE_INFINITY;
}

function rolesWithAction(t: CfnTemplate, action: string): Set<string> {
  const roles = new Set<string>();
  for (const [, p] of byType(t, 'AWS::IAM::Policy')) {
    const statements = rec(p.PolicyDocument).Statement;
    const grants = (Array.isArray(statements) ? statements : []).some((s) => [rec(s).Action].flat().includes(action));
    if (grants) for (const r of Array.isArray(p.Roles) ? p.Roles : []) roles.add(refOf(r) ?? '');
  }
  return roles;
}

function functionFacts(t: CfnTemplate): Record<FunctionId, FunctionFacts> {
  const secretRoles = rolesWithAction(t, 'secretsmanager:GetSecretValue');
  const out: Partial<Record<FunctionId, FunctionFacts>> = {};
  for (const [, p] of byType(t, 'AWS::Lambda::Function')) {
    const service = rec(rec(p.Environment).Variables).POWERTOOLS_SERVICE_NAME;
    const id = (Object.keys(functions) as FunctionId[]).find((f) => functions[f].dir === service);
    if (!id) continue;
    out[id] = {
      memoryMb: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
      architecture: Array.isArray(p.Architectures) && p.Architectures.includes('arm64') ? 'arm64' : 'x86_64',
      readsSecret: secretRoles.has(refOf(p.Role) ?? ''),
      tracing: rec(p.TracingConfig).Mode === 'Active',
      logRetentionDays: retentionOf(t, rec(p.LoggingConfig).LogGroup),
      timeoutSeconds: typeof p.Timeout === 'number' ? p.Timeout : 3,
    };
  }
  const missing = (Object.keys(functions) as FunctionId[]).filter((f) => !out[f]);
  if (missing.length) throw new Error(`No Lambda function in the template for ${missing.join(', ')} (matched by POWERTOOLS_SERVICE_NAME)`);
  return out as Record<FunctionId, FunctionFacts>;
}

function bucketFacts(p: Record<string, unknown>): BucketFacts {
  const expirationDays: Record<string, number> = {};
  let noncurrentDays: number | undefined;
  const rules = rec(p.LifecycleConfiguration).Rules;
  for (const rule of Array.isArray(rules) ? rules : []) {
    const r = rec(rule);
    if (typeof r.ExpirationInDays === 'number') expirationDays[typeof r.Prefix === 'string' ? r.Prefix : ''] = r.ExpirationInDays;
    const nc = rec(r.NoncurrentVersionExpiration).NoncurrentDays;
    if (typeof nc === 'number') noncurrentDays = nc;
  }
  return { versioned: rec(p.VersioningConfiguration).Status === 'Enabled', expirationDays, noncurrentDays };
}

export function stackFacts(t: CfnTemplate): StackFacts {
  const allBuckets = byType(t, 'AWS::S3::Bucket');
  const out: Partial<Record<BucketId, BucketFacts>> = {};
  for (const id of Object.keys(buckets) as BucketId[]) {
    const found = allBuckets.find(([logicalId]) => logicalId.startsWith(buckets[id].logicalId));
    if (!found) throw new Error(`No bucket ${buckets[id].logicalId} in the template`);
    out[id] = bucketFacts(found[1]);
  }
  const logTargets = new Set(allBuckets.map(([, p]) => refOf(rec(p.LoggingConfiguration).DestinationBucketName)).filter((x): x is string => x !== undefined));
  const accessLogs = allBuckets.find(([id]) => logTargets.has(id));
  const accessLogsFacts = accessLogs ? bucketFacts(accessLogs[1]) : undefined;
  const stage = byType(t, 'AWS::ApiGatewayV2::Stage')[0]?.[1];
  const stageLogGroup = rec(rec(stage?.AccessLogSettings).DestinationArn);
  return {
    functions: functionFacts(t),
    buckets: out as Record<BucketId, BucketFacts>,
    accessLogsExpirationDays: accessLogsFacts?.expirationDays[''],
    alarms: byType(t, 'AWS::CloudWatch::Alarm').length,
    dashboards: byType(t, 'AWS::CloudWatch::Dashboard').length,
    secrets: byType(t, 'AWS::SecretsManager::Secret').length,
    customerKeys: byType(t, 'AWS::KMS::Key').length,
    queuePollers: byType(t, 'AWS::Lambda::EventSourceMapping').length,
    tablePitr: byType(t, 'AWS::DynamoDB::Table').some(([, p]) => rec(rec(p.PointInTimeRecoverySpecification)).PointInTimeRecoveryEnabled === true),
    httpAccessLogRetentionDays: stage ? retentionOf(t, stageLogGroup) : undefined,
  };
}

/** Synthesise the real stack (without bundling the functions) and read its facts. */
export async function synthStackFacts(): Promise<StackFacts> {
  const { App } = await import('aws-cdk-lib');
  const { VisitsStack } = await import('../../infra/stack');
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new VisitsStack(app, 'CostModel', { senderEmail: 'visits@example.gov.uk', env: { account: '111111111111', region: 'eu-west-2' } });
  return stackFacts(app.synth().getStackByName(stack.stackName).template as CfnTemplate);
}
