/**
 * CDK assertions: the wiring from the catalogue, least privilege, and cdk-nag (AwsSolutions and
 * Serverless packs) with zero unacknowledged findings.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, consumersOf, functionIds, functions, prefixes, queues, schedules, table as tableSpec, type FunctionId } from '../../infra/catalogue';
import { DataStore } from '../../infra/constructs/data-store';
import { Notifications } from '../../infra/constructs/notifications';
import { PipelineEvents } from '../../infra/constructs/pipeline-events';
import { VisitsStack } from '../../infra/stack';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;
let stack: VisitsStack;
let nagFindings: string[];

beforeAll(() => {
  const app = new App({ context: { senderEmail: 'visits@example.gov.uk' } });
  stack = new VisitsStack(app, 'VisitsPipeline', { senderEmail: 'visits@example.gov.uk', env: { account: '111111111111', region: 'eu-west-2' } });
  const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  Validations.of(app).addPlugins(...packs);
  template = Template.fromStack(stack);
  nagFindings = packs.flatMap((p) =>
    p.validateScope(app).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
  );
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
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
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
    // A publication change -> the worker, and a re-plan (triage when submitted findings record serious concerns).
    expect(patterns.filter((p) => p.includes('PublicationChanged'))).toHaveLength(2);
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
    const others = Object.keys(functions)
      .map((id) => `${id.charAt(0).toUpperCase()}${id.slice(1)}Role`)
      .filter((r) => !readers.includes(r));
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

  it('publishes and sends digests without scanning the table: commissioners and editions are read from gsi1', () => {
    for (const role of ['PublicationWorkerRole', 'WeeklyDigestRole']) {
      expect(actionsOf(role), role).toContain('dynamodb:Query');
      expect(actionsOf(role), role).not.toContain('dynamodb:Scan');
    }
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
    // A triage visit with no slot in time (published by the prioritise function).
    expect(alarms.find((a) => a.Properties.MetricName === 'TriageNoSlot')?.Properties.Dimensions).toEqual([{ Name: 'service', Value: 'prioritise' }]);
    expect(metricNames.filter((m) => m === 'Errors').length).toBe(Object.keys(functions).length);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('the stack, split into constructs', () => {
  it('keeps the logical id of every resource whose replacement would lose data or break what was sent out', () => {
    const recorded = (
      JSON.parse(readFileSync(resolve(import.meta.dirname, 'logical-ids.json'), 'utf8')) as { resources: { type: string; logicalId: string }[] }
    ).resources;
    const now = template.toJSON().Resources as Record<string, { Type: string }>;
    const missing = recorded.filter((r) => now[r.logicalId]?.Type !== r.type).map((r) => `${r.type} ${r.logicalId}`);
    expect(recorded.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('points every alarm at a README runbook section that exists', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const headings = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
    const sections = alarms.map((a) => /README runbook "([^"]+)"/.exec(String(a.Properties.AlarmDescription))?.[1]);
    expect(sections.length).toBe(alarms.length);
    expect(sections.filter((s) => s === undefined || !headings.has(s))).toEqual([]);
  });

  it('turns the Powertools tracer off in every function the catalogue does not trace', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter((f) => f.Properties.Runtime === 'nodejs24.x');
    const tracing = fns.map((f) => (f.Properties.Environment as { Variables: Record<string, string> }).Variables.POWERTOOLS_TRACE_ENABLED);
    expect(tracing).toEqual(functionIds.map((id) => (functions[id].tracing ? 'true' : 'false')));
  });
});

/** A construct on its own, in a bare stack, wired to stand-in functions (no bundling). */
function bareStack(): { stack: Stack; fn: (id: FunctionId) => lambda.Function } {
  const stack = new Stack(new App(), 'Bare', { env: { account: '111111111111', region: 'eu-west-2' } });
  const made = new Map<FunctionId, lambda.Function>();
  const fn = (id: FunctionId) => {
    let f = made.get(id);
    if (!f)
      made.set(
        id,
        (f = new lambda.Function(stack, id, {
          runtime: lambda.Runtime.NODEJS_24_X,
          handler: 'index.handler',
          code: lambda.Code.fromInline('exports.handler = async () => {}'),
        })),
      );
    return f;
  };
  return { stack, fn };
}

describe('the constructs', () => {
  it('PipelineEvents makes one rule per schedule, targeting every consumer the catalogue names', () => {
    const { stack, fn } = bareStack();
    const pipeline = new PipelineEvents(stack, 'PipelineEvents');
    pipeline.routeEvents(fn);
    const rules = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule') as Record<string, Resource>);
    const scheduled = rules.filter((r) => r.Properties.ScheduleExpression);
    expect(scheduled.map((r) => r.Properties.Description).sort()).toEqual(
      Object.values(schedules)
        .map((s) => s.description)
        .sort(),
    );
    for (const rule of scheduled) {
      const id = (Object.keys(schedules) as (keyof typeof schedules)[]).find((k) => schedules[k].description === rule.Properties.Description)!;
      expect((rule.Properties.Targets as unknown[]).length).toBe(consumersOf({ schedule: id }).length);
    }
  });

  it('Notifications dead-letters a notify message after the catalogue count and sends SES bounces and complaints to ses-feedback', () => {
    const { stack, fn } = bareStack();
    const failed = new PipelineEvents(stack, 'PipelineEvents').failedEvents;
    new Notifications(stack, 'Notifications', { senderEmail: 'visits@example.gov.uk', failedEvents: failed }).routeMessages(fn);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: queues.notify.maxReceiveCount, deadLetterTargetArn: Match.anyValue() } });
    t.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint', 'reject'] }),
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    t.resourceCountIs('AWS::SNS::Subscription', consumersOf({ sns: 'sesFeedback' }).length);
  });

  it('DataStore lets only the given web origin POST to the findings bucket and routes each upload prefix to its consumer', () => {
    const { stack, fn } = bareStack();
    new DataStore(stack, 'DataStore', { findingsUploadOrigin: 'https://pages.example' }).routeUploads(fn);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://pages.example'], AllowedMethods: ['POST'] })] },
    });
    const text = JSON.stringify(t.findResources('Custom::S3BucketNotifications'));
    for (const id of functionIds) {
      const s3 = functions[id].trigger.s3;
      if (s3) expect(text).toContain(`"Value":"${s3.prefix}"`);
    }
  });
});
