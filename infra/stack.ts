/**
 * The whole pipeline in one stack, built from the resource catalogue (infra/catalogue.ts).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  buckets,
  env,
  eventBridgeCron,
  events as eventCatalogue,
  functions,
  prefixes,
  queues,
  schedules,
  table as tableSpec,
  type BucketId,
  type FunctionId,
  type ScheduleId,
} from './catalogue';
import { VisitsFunction } from './visits-function';

export interface VisitsStackProps extends StackProps {
  /** Address reports and digests are sent from (an SES-verified identity). */
  readonly senderEmail: string;
  /** Where alarms are sent. */
  readonly opsEmail?: string;
  /** Reviewers for regions with none imported: JSON {"default": email, "regions": {region: email}} (CDK context reviewerMailboxes). */
  readonly reviewerMailboxes?: string;
}

/** What each function touches, so its IAM policy names exactly that. */
type Access = {
  readonly table?: readonly ('read' | 'write' | 'scan')[];
  /**
   * Internet-facing functions: the partition keys (dynamodb:LeadingKeys) they may read and write,
   * so a bug in a page cannot reach any other item. Patterns as IAM's StringLike takes them.
   */
  readonly leadingKeys?: { readonly read: readonly string[]; readonly write: readonly string[] };
  readonly s3?: readonly { bucket: BucketId; prefix: string; actions: readonly ('s3:GetObject' | 's3:GetObjectVersion' | 's3:PutObject' | 's3:DeleteObject')[] }[];
  readonly events?: boolean;
  readonly sendNotify?: boolean;
  readonly ses?: boolean;
  readonly secret?: boolean;
  readonly web?: boolean;
  readonly fonts?: boolean;
  readonly timeout?: Duration;
  readonly memorySize?: number;
};

const access: Record<FunctionId, Access> = {
  ingestImport: {
    // No scan: closing providers absent from a snapshot queries the open providers index.
    table: ['read', 'write'],
    s3: [
      { bucket: 'imports', prefix: prefixes.imports, actions: ['s3:GetObject'] },
      { bucket: 'imports', prefix: prefixes.importReports, actions: ['s3:PutObject'] },
    ],
    events: true,
    timeout: Duration.minutes(15),
    memorySize: 1769,
  },
  prioritise: {
    table: ['read', 'write', 'scan'],
    s3: [
      { bucket: 'reports', prefix: prefixes.programme, actions: ['s3:PutObject', 's3:GetObject'] },
      { bucket: 'imports', prefix: prefixes.policy, actions: ['s3:GetObject', 's3:PutObject'] },
    ],
    web: true,
    timeout: Duration.minutes(5),
    memorySize: 3008,
  },
  findingsPage: {
    table: ['read', 'write'],
    // The visit, its submissions and publication; the provider, LA and signals for the preview; the policy.
    leadingKeys: { read: ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], write: ['VISIT#*'] },
    s3: [{ bucket: 'findings', prefix: prefixes.findings, actions: ['s3:PutObject', 's3:GetObject'] }],
    secret: true,
    web: true,
    timeout: Duration.seconds(10),
  },
  reviewPage: {
    table: ['read', 'write'],
    leadingKeys: { read: ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], write: ['VISIT#*'] },
    events: true,
    secret: true,
    web: true,
    timeout: Duration.seconds(15),
  },
  factualAccuracyPage: {
    table: ['read', 'write'],
    leadingKeys: { read: ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], write: ['VISIT#*'] },
    events: true,
    secret: true,
    web: true,
    timeout: Duration.seconds(15),
  },
  briefingPage: {
    table: ['read'],
    leadingKeys: { read: ['VISIT#*', 'COMMISSIONER#*'], write: [] },
    s3: [{ bucket: 'reports', prefix: `${prefixes.restricted}briefings/`, actions: ['s3:GetObject'] }],
    secret: true,
    web: true,
    timeout: Duration.seconds(10),
  },
  publicSite: {
    table: ['read', 'write'],
    // Publication states to read; the suppression list to write (unsubscribe). Reports only: never restricted/.
    leadingKeys: { read: ['VISIT#*'], write: ['SUPPRESSED#*'] },
    s3: [{ bucket: 'reports', prefix: prefixes.reports, actions: ['s3:GetObject'] }],
    secret: true,
    web: true,
    timeout: Duration.seconds(10),
  },
  ingestFindings: {
    table: ['read', 'write'],
    s3: [
      // Versioned bucket: an upload is read (and quarantined) by its version id.
      { bucket: 'findings', prefix: prefixes.findings, actions: ['s3:GetObject', 's3:GetObjectVersion'] },
      { bucket: 'findings', prefix: prefixes.quarantine, actions: ['s3:PutObject'] },
    ],
    events: true,
  },
  publicationWorker: {
    table: ['read', 'write', 'scan'],
    s3: [
      { bucket: 'reports', prefix: prefixes.reports, actions: ['s3:PutObject', 's3:DeleteObject'] },
      { bucket: 'reports', prefix: prefixes.restricted, actions: ['s3:PutObject'] },
    ],
    events: true,
    sendNotify: true,
    web: true,
    fonts: true,
    timeout: Duration.minutes(2),
  },
  publicationSchedule: { table: ['read', 'write'], events: true, timeout: Duration.minutes(2) },
  notifyCommissioners: {
    table: ['read', 'write'],
    s3: [{ bucket: 'reports', prefix: `${prefixes.restricted}briefings/`, actions: ['s3:GetObject'] }],
    ses: true,
    secret: true,
    web: true,
    timeout: Duration.seconds(90),
  },
  weeklyDigest: {
    table: ['read', 'write', 'scan'],
    ses: true,
    secret: true,
    web: true,
    timeout: Duration.minutes(5),
  },
  findingsReminders: { table: ['read', 'write', 'scan'], ses: true, secret: true, web: true, timeout: Duration.minutes(5) },
  sesFeedback: { table: ['write'] },
};

export class VisitsStack extends Stack {
  readonly functions = {} as Record<FunctionId, VisitsFunction>;

  constructor(scope: Construct, id: string, props: VisitsStackProps) {
    super(scope, id, props);

    // ---- Data ---------------------------------------------------------------------------
    const table = new dynamodb.Table(this, tableSpec.logicalId, {
      partitionKey: { name: tableSpec.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSpec.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableSpec.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSpec.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the server access log bucket; logging it into itself would loop.' });

    const httpApiAccessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    const api = new apigw.HttpApi(this, 'WebApi', {
      description: 'Inspector findings pages and the published reports',
      createDefaultStage: false,
    });
    const stage = new apigw.HttpStage(this, 'WebStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(httpApiAccessLogs),
        format: AccessLogFormat.jsonWithStandardFields({ caller: false, httpMethod: true, ip: true, protocol: true, requestTime: true, resourcePath: true, responseLength: true, status: true, user: false }),
      },
    });
    const webBaseUrl = stage.url.replace(/\/$/, '');

    const bucket = {} as Record<BucketId, s3.Bucket>;
    for (const id of Object.keys(buckets) as BucketId[]) {
      bucket[id] = new s3.Bucket(this, buckets[id].logicalId, {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: id !== 'imports',
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${id}/`,
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: id === 'imports' ? [{ prefix: prefixes.imports, expiration: Duration.days(90) }] : [{ noncurrentVersionExpiration: Duration.days(365) }],
        cors:
          id === 'findings'
            ? [{ allowedOrigins: [apiOrigin(api)], allowedMethods: [s3.HttpMethods.POST], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAge: 300 }]
            : undefined,
      });
    }

    // ---- Messaging ----------------------------------------------------------------------
    const bus = new events.EventBus(this, eventCatalogue.bus.logicalId, {});
    const failedEvents = new sqs.Queue(this, 'FailedEventsQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failedEvents).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue; npm run redrive replays it.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'A dead-letter queue has no dead-letter queue of its own.' },
    );
    const notifyDlq = new sqs.Queue(this, 'NotifyDeadLetterQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(notifyDlq).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This is the notify queue dead-letter queue.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'A dead-letter queue has no dead-letter queue of its own.' },
    );
    const notifyQueue = new sqs.Queue(this, queues.notify.logicalId, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(queues.notify.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: notifyDlq, maxReceiveCount: queues.notify.maxReceiveCount },
    });

    const linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'HMAC key for inspector visit links and unsubscribe links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key invalidates every outstanding visit link; it is rotated by hand on a schedule set by ops (README runbook: rotating the link secret).',
    });

    const configurationSet = new ses.ConfigurationSet(this, 'SesConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    const sesFeedbackTopic = new sns.Topic(this, 'SesFeedbackTopic', { enforceSSL: true, masterKey: undefined });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(sesFeedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    const identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(props.senderEmail), configurationSet });
    Validations.of(sesFeedbackTopic).acknowledge({ id: 'AwsSolutions-SNS2', reason: 'SES bounce/complaint notices carry no report content; SSE with a customer key would need a key policy for SES, tracked as a follow-up.' });

    // ---- Functions ----------------------------------------------------------------------
    const environment: Record<string, string> = {
      [env.tableName]: table.tableName,
      [env.importsBucket]: bucket.imports.bucketName,
      [env.findingsBucket]: bucket.findings.bucketName,
      [env.reportsBucket]: bucket.reports.bucketName,
      [env.eventBusName]: bus.eventBusName,
      [env.notifyQueueUrl]: notifyQueue.queueUrl,
      [env.linkSecretArn]: linkSecret.secretArn,
      [env.senderEmail]: props.senderEmail,
      [env.webBaseUrl]: webBaseUrl,
      [env.sesConfigurationSet]: configurationSet.configurationSetName,
      [env.reviewerMailboxes]: props.reviewerMailboxes ?? '',
    };

    for (const id of Object.keys(functions) as FunctionId[]) {
      const a = access[id];
      const trigger: { http?: unknown; queue?: unknown } = functions[id].trigger;
      const asynchronous = !trigger.http && !trigger.queue;
      const f = new VisitsFunction(this, `${pascal(id)}`, {
        id,
        environment,
        timeout: a.timeout,
        memorySize: a.memorySize,
        web: a.web,
        fonts: a.fonts,
        failureQueue: asynchronous ? failedEvents : undefined,
      });
      if (!asynchronous) {
        Validations.of(f.fn).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason: trigger.http
            ? 'Invoked synchronously by the HTTP API: the caller sees the error; there is no event to park.'
            : 'Consumes an SQS queue whose redrive policy moves failed messages to the notify dead-letter queue.',
        });
      }
      this.functions[id] = f;
      const tableActions = new Set<string>();
      for (const t of a.table ?? []) {
        if (t === 'read') ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'].forEach((x) => tableActions.add(x));
        if (t === 'write') ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'].forEach((x) => tableActions.add(x));
        if (t === 'scan') tableActions.add('dynamodb:Scan');
      }
      if (tableActions.size && a.leadingKeys) {
        // Reads and writes each limited to their own partitions (dynamodb:LeadingKeys); no index.
        const reads = [...tableActions].filter((x) => ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'].includes(x)).sort();
        const writes = [...tableActions].filter((x) => !reads.includes(x) && x !== 'dynamodb:Scan').sort();
        f.allow(reads, [table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...a.leadingKeys.read] } });
        if (a.leadingKeys.write.length) f.allow(writes, [table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...a.leadingKeys.write] } });
      } else if (tableActions.size) {
        f.allow([...tableActions].sort(), [table.tableArn, `${table.tableArn}/index/*`]);
        f.acknowledgeWildcard(table, '/index/*', "Queries use the table's own global secondary indexes (gsi1..gsi4); the wildcard covers only those indexes.");
      }
      for (const grant of a.s3 ?? []) {
        f.allow([...grant.actions], [bucket[grant.bucket].arnForObjects(`${grant.prefix}*`)]);
        f.acknowledgeWildcard(bucket[grant.bucket], `/${grant.prefix}*`, `Object keys under ${grant.prefix} are not known in advance; access is limited to that prefix.`);
      }
      Validations.of(f).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray PutTraceSegments and PutTelemetryRecords only accept Resource "*" (added by tracing: ACTIVE).' });
      if (a.events) f.allow(['events:PutEvents'], [bus.eventBusArn]);
      if (a.sendNotify) f.allow(['sqs:SendMessage'], [notifyQueue.queueArn]);
      if (a.secret) f.allow(['secretsmanager:GetSecretValue'], [linkSecret.secretArn]);
      if (a.ses) {
        f.allow(
          ['ses:SendEmail', 'ses:SendRawEmail'],
          [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/${identity.emailIdentityName}`, `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${configurationSet.configurationSetName}`],
        );
      }
    }
    const fn = (id: FunctionId) => this.functions[id].fn;


    // S3 notifications, by prefix, from the catalogue.
    for (const id of Object.keys(functions) as FunctionId[]) {
      const trigger: { s3?: { bucket: BucketId; prefix: string } } = functions[id].trigger;
      if (trigger.s3) bucket[trigger.s3.bucket].addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn(id)), { prefix: trigger.s3.prefix });
    }

    // EventBridge: pipeline events and schedules, from the catalogue.
    for (const id of Object.keys(functions) as FunctionId[]) {
      const trigger: { event?: string; schedule?: ScheduleId } = functions[id].trigger;
      const target = new targets.LambdaFunction(fn(id), { deadLetterQueue: failedEvents, retryAttempts: 4, maxEventAge: Duration.hours(6) });
      if (trigger.event) {
        new events.Rule(this, `${pascal(id)}On${trigger.event}`, { eventBus: bus, eventPattern: { source: [eventCatalogue.source], detailType: [trigger.event] }, targets: [target] });
      }
      if (trigger.schedule) {
        const s = schedules[trigger.schedule];
        new events.Rule(this, `${pascal(trigger.schedule)}Schedule`, { description: s.description, schedule: events.Schedule.cron(eventBridgeCron(s)), targets: [target] });
      }
    }

    // The notify queue sits between publishing and email so messages survive SES failures.
    fn('notifyCommissioners').addEventSource(new SqsEventSource(notifyQueue, { batchSize: 5, reportBatchItemFailures: true }));
    Validations.of(fn('notifyCommissioners')).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'SQS event sources do not take an on-failure destination; the queue redrive policy moves a message to the notify DLQ after 5 receives.',
    });
    notifyQueue.grantConsumeMessages(fn('notifyCommissioners'));
    sesFeedbackTopic.addSubscription(new subs.LambdaSubscription(fn('sesFeedback'), { deadLetterQueue: failedEvents }));

    for (const c of this.node.children) {
      if (c.node.id.startsWith('BucketNotificationsHandler')) {
        Validations.of(c).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's own custom resource that installs the S3 event notifications; it runs only during deployment.",
        });
      }
    }

    // HTTP API routes, from the catalogue.
    for (const id of Object.keys(functions) as FunctionId[]) {
      const trigger: { http?: readonly string[] } = functions[id].trigger;
      if (!trigger.http) continue;
      const integration = new HttpLambdaIntegration(`${pascal(id)}Integration`, fn(id));
      for (const path of trigger.http) api.addRoutes({ path, methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST], integration });
    }
    for (const route of api.node.findAll()) {
      if (route instanceof apigw.HttpRoute) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Pages authenticate each request with an HMAC-signed token in the link (inspectors\', reviewers\', contacts\' and briefing links expire; unsubscribe links do not), checked against the step and the subscription; published reports are public by design.',
        });
      }
    }

    // ---- Alarms and dashboard -----------------------------------------------------------
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true });
    Validations.of(alarmTopic).acknowledge({ id: 'AwsSolutions-SNS2', reason: 'Alarm notifications carry no personal data.' });
    if (props.opsEmail) alarmTopic.addSubscription(new subs.EmailSubscription(props.opsEmail));
    const alarmAction = new cwActions.SnsAction(alarmTopic);
    const alarms: cloudwatch.Alarm[] = [];
    const addAlarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const alarm = new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(alarmAction);
      alarms.push(alarm);
    };
    addAlarm('FailedEventsAlarm', failedEvents.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), 1, 'Events parked after retries: see README runbook "Parked events and redrive".');
    addAlarm('NotifyDlqAlarm', notifyDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), 1, 'Emails that could not be sent: see README runbook "Emails in the dead-letter queue".');
    for (const id of Object.keys(functions) as FunctionId[]) {
      addAlarm(`${pascal(id)}ErrorsAlarm`, fn(id).metricErrors({ period: Duration.minutes(5) }), 1, `${id} errors: see its logs.`);
      addAlarm(`${pascal(id)}ThrottlesAlarm`, fn(id).metricThrottles({ period: Duration.minutes(5) }), 1, `${id} throttled: check account concurrency.`);
    }
    addAlarm(
      'SesBounceRateAlarm',
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      0.05,
      'SES bounce rate at or above 5%: check the suppression list and the commissioner list.',
    );

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${id}-pipeline` });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Pipeline (custom metrics)',
        left: ['ImportsCompleted', 'RowsRejected', 'VisitsPlanned', 'FindingsAccepted', 'FindingsRejected', 'EmailsSent', 'EmailsSuppressed', 'EmailsFailed'].map(
          (m) => new cloudwatch.Metric({ namespace: 'Visits', metricName: m, statistic: 'Sum', period: Duration.hours(1), dimensionsMap: {} }),
        ),
        width: 24,
      }),
      new cloudwatch.GraphWidget({ title: 'Function errors', left: (Object.keys(functions) as FunctionId[]).map((id) => fn(id).metricErrors()), width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Function duration p95', left: (Object.keys(functions) as FunctionId[]).map((id) => fn(id).metricDuration({ statistic: 'p95' })), width: 12 }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 }),
    );

    // ---- Outputs --------------------------------------------------------------------------
    new CfnOutput(this, 'WebUrl', { value: webBaseUrl });
    new CfnOutput(this, 'ImportsBucketName', { value: bucket.imports.bucketName });
    new CfnOutput(this, 'FindingsBucketName', { value: bucket.findings.bucketName });
    new CfnOutput(this, 'ReportsBucketName', { value: bucket.reports.bucketName });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'FailedEventsQueueUrl', { value: failedEvents.queueUrl });
    new CfnOutput(this, 'NotifyDeadLetterQueueUrl', { value: notifyDlq.queueUrl });
    new CfnOutput(this, 'LinkSecretArn', { value: linkSecret.secretArn });
  }
}

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function apiOrigin(api: apigw.HttpApi): string {
  return `https://${api.apiId}.execute-api.${Stack.of(api).region}.${Stack.of(api).urlSuffix}`;
}
