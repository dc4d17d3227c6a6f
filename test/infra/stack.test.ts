/**
 * CDK assertions: the wiring from the catalogue, least privilege, and cdk-nag (AwsSolutions and
 * Serverless packs) with zero unacknowledged findings.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, functions, prefixes, schedules, table as tableSpec } from '../../infra/catalogue';
import { VisitsStack } from '../../infra/stack';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;
let stack: VisitsStack;
let nagFindings: string[];

beforeAll(() => {
  const app = new App({ context: { senderEmail: 'visits@example.gov.uk' } });
  stack = new VisitsStack(app, 'TestStack', { senderEmail: 'visits@example.gov.uk', env: { account: '111111111111', region: 'eu-west-2' } });
  const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  Validations.of(app).addPlugins(...packs);
  template = Template.fromStack(stack);
  nagFindings = packs.flatMap((p) => p.validateScope(app).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`));
}, 240_000);

function policies(): Statement[] {
  const all = template.findResources('AWS::IAM::Policy') as Record<string, Resource>;
  return Object.values(all).flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Statements of one function's role (roles are named after the function: IngestImportRole...). */
function statementsOf(rolePrefix: string): Statement[] {
  const all = template.findResources('AWS::IAM::Policy') as Record<string, Resource>;
  return Object.values(all)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${rolePrefix}`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Actions granted to one function's role (roles are named after the function: IngestImportRole...). */
function actionsOf(rolePrefix: string): string[] {
  const all = template.findResources('AWS::IAM::Policy') as Record<string, Resource>;
  return Object.values(all)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${rolePrefix}`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .flatMap((s) => [s.Action].flat());
}

describe('the stack', () => {
  it('has no unacknowledged cdk-nag finding from the AwsSolutions or Serverless packs', () => {
    expect(nagFindings).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('grants no wildcard action to any role', () => {
    const wildcards = policies().flatMap((s) => [s.Action].flat().filter((a) => a.includes('*')));
    expect(wildcards).toEqual([]);
  });

  it('declares the table on demand, with point-in-time recovery, deletion protection, TTL and the catalogue indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: tableSpec.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableSpec.indexes.map((i) => Match.objectLike({ IndexName: i.name })),
    });
  });

  it('encrypts every bucket, blocks public access, enforces TLS and versions findings and reports', () => {
    const all = template.findResources('AWS::S3::Bucket') as Record<string, Resource>;
    expect(Object.keys(all).length).toBe(Object.keys(buckets).length + 1);
    for (const b of Object.values(all)) {
      expect(b.Properties.BucketEncryption).toBeDefined();
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    }
    const versioned = Object.values(all).filter((b) => (b.Properties.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled');
    expect(versioned.length).toBe(2);
    const policiesDocs = Object.values(template.findResources('AWS::S3::BucketPolicy') as Record<string, Resource>);
    const denyInsecure = policiesDocs.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'));
    expect(denyInsecure.length).toBe(Object.keys(buckets).length + 1);
  });

  it('runs every function on Node 24, arm64, with tracing', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter((f) => f.Properties.Runtime === 'nodejs24.x');
    expect(fns.length).toBe(Object.keys(functions).length);
    for (const f of fns) {
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('sends S3 uploads to the ingest functions by prefix', () => {
    const notifications = template.findResources('Custom::S3BucketNotifications') as Record<string, Resource>;
    const text = JSON.stringify(notifications);
    expect(text).toContain(`"Value":"${prefixes.imports}"`);
    expect(text).toContain(`"Value":"${prefixes.findings}"`);
  });

  it('schedules from the catalogue and routes pipeline events to their functions', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule') as Record<string, Resource>);
    const crons = rules.map((r) => r.Properties.ScheduleExpression).filter(Boolean);
    expect(crons).toContain(`cron(${schedules.nightlyPrioritise.minute} ${schedules.nightlyPrioritise.hour} * * ? *)`);
    expect(crons).toContain(`cron(${schedules.weeklyDigest.minute} ${schedules.weeklyDigest.hour} ? * MON *)`);
    const patterns = rules.map((r) => JSON.stringify(r.Properties.EventPattern ?? {}));
    expect(patterns.some((p) => p.includes('ImportCompleted'))).toBe(true);
    expect(patterns.some((p) => p.includes('PublicationChanged'))).toBe(true);
    expect(crons).toContain(`cron(${schedules.dailyPublication.minute} ${schedules.dailyPublication.hour} * * ? *)`);
  });

  it('lets the public site read only the public reports prefix: never briefings, drafts or earlier editions', () => {
    const publicSite = statementsOf('PublicSiteRole');
    const s3Resources = publicSite.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:'))).map((s) => JSON.stringify(s.Resource));
    expect(s3Resources.length).toBeGreaterThan(0);
    for (const r of s3Resources) {
      expect(r).toContain(`/${prefixes.reports}*`);
      expect(r).not.toContain(prefixes.restricted);
    }
    // Only the briefing page and the notifier read briefings, and only under restricted/briefings/.
    const readers = ['BriefingPageRole', 'NotifyCommissionersRole'];
    for (const role of readers) expect(JSON.stringify(statementsOf(role))).toContain(`/${prefixes.restricted}briefings/*`);
    const others = Object.keys(functions).map((id) => `${id.charAt(0).toUpperCase()}${id.slice(1)}Role`).filter((r) => !readers.includes(r));
    for (const role of others) {
      const reads = statementsOf(role).filter((s) => [s.Action].flat().includes('s3:GetObject'));
      expect(JSON.stringify(reads), role).not.toContain(prefixes.restricted);
    }
  });

  it('limits every internet-facing function to its own partitions with dynamodb:LeadingKeys, and none may scan', () => {
    for (const [role, reads, writes] of [
      ['FindingsPageRole', ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], ['VISIT#*']],
      ['ReviewPageRole', ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], ['VISIT#*']],
      ['FactualAccuracyPageRole', ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], ['VISIT#*']],
      ['BriefingPageRole', ['VISIT#*', 'COMMISSIONER#*'], []],
      ['PublicSiteRole', ['VISIT#*'], ['SUPPRESSED#*']],
    ] as const) {
      const table = statementsOf(role).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
      expect(table.length, role).toBeGreaterThan(0);
      for (const s of table) {
        const keysAllowed = (s as { Condition?: Record<string, Record<string, string[]>> }).Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
        const isRead = [s.Action].flat().includes('dynamodb:GetItem');
        expect(keysAllowed, `${role} ${JSON.stringify(s.Action)}`).toEqual(isRead ? reads : writes);
        expect(JSON.stringify(s.Resource)).not.toContain('/index/');
      }
      expect(actionsOf(role)).not.toContain('dynamodb:Scan');
    }
  });

  it('parks failed asynchronous invocations in the failed-events queue after two retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('lets the ingest function query the table and its indexes but not scan it (absent providers are found through gsi2)', () => {
    const actions = actionsOf('IngestImportRole');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actionsOf('PrioritiseRole')).toContain('dynamodb:Scan');
  });

  it('lets the findings page put objects only under findings/ and the bucket take POSTs only from the web origin', () => {
    const findingsPut = policies().filter((s) => [s.Action].flat().includes('s3:PutObject') && JSON.stringify(s.Resource).includes(`/${prefixes.findings}*`));
    expect(findingsPut.length).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'] })] },
    });
  });

  it('alarms on parked events, the notify dead-letter queue and the SES bounce rate', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
    const metricNames = alarms.map((a) => a.Properties.MetricName);
    expect(metricNames).toContain('ApproximateNumberOfMessagesVisible');
    expect(metricNames).toContain('Reputation.BounceRate');
    expect(metricNames.filter((m) => m === 'Errors').length).toBe(Object.keys(functions).length);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
